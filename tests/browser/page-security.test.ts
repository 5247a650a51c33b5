import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GRAPHIQL_POLICY, PAGE_POLICY } from '../../gateway/src/web';
import { SECURITY_HEADERS } from '../../platform/http';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt } from '../support/browser';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * The gateway's pages under their Content-Security-Policy, in Debian's Chromium: GraphiQL and
 * the 晾晒 screen work with no violation at all, while a script injected into the screen, as an
 * XSS would inject it, is refused and the screen goes on working.
 */
let platform: Platform;
let base: URL;
let browser: Browser;
let screen: string;

beforeAll(async () => {
  assertWebBuilt();
  platform = await startPlatform({ seed: 'city' });
  base = new URL('/', platform.gateway.url);
  browser = await launchBrowser();
  const url = new URL('/screen/', base);
  url.hash = new URLSearchParams({
    token: await tokenFor('assessor'),
    scope: '330600',
    period: '2019-H1',
    mode: 'live',
  }).toString();
  screen = url.toString();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

/** Every file a page names (scripts, styles, preloads), relative to it. */
async function pageAssets(url: URL): Promise<URL[]> {
  const html = await (await fetch(url)).text();
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1] ?? '', url));
}

describe('the headers of everything the gateway serves', () => {
  it('keep pages to their own scripts, unframed, with no inline script or eval', () => {
    for (const policy of [PAGE_POLICY, GRAPHIQL_POLICY].map(directives)) {
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
    }
    // Only GraphiQL's editor writes inline styles.
    expect(directives(PAGE_POLICY).get('style-src')).toEqual(["'self'"]);
    expect(directives(GRAPHIQL_POLICY).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('send the page policy with every page and asset, the strict one with everything else', async () => {
    const pages = [base, new URL('/screen/', base)] as const;
    const assets = (await Promise.all(pages.map(pageAssets))).flat();
    expect(assets.length).toBeGreaterThan(2);
    const others = [
      { url: new URL('/graphiql/operations.json', base) },
      { url: new URL('/health', base) },
      { url: new URL('/no-such-page', base) },
      { url: new URL('/screen', base), init: { redirect: 'manual' } as RequestInit },
      {
        url: new URL('/graphql', base),
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        },
      },
    ];
    const seen = async (url: URL, init?: RequestInit) => {
      const { headers } = await fetch(url, init);
      return {
        path: url.pathname,
        nosniff: headers.get('x-content-type-options'),
        referrer: headers.get('referrer-policy'),
        policy: headers.get('content-security-policy'),
      };
    };
    const expected = (path: string, policy: string | undefined) => ({
      path,
      nosniff: 'nosniff',
      referrer: 'no-referrer',
      policy,
    });
    expect(await seen(base)).toEqual(expected('/', GRAPHIQL_POLICY));
    for (const url of [pages[1], ...assets]) {
      expect(await seen(url)).toEqual(expected(url.pathname, PAGE_POLICY));
    }
    for (const { url, init } of others) {
      expect(await seen(url, init)).toEqual(
        expected(url.pathname, SECURITY_HEADERS['content-security-policy']),
      );
    }
  });
});

// The scripts below run in the page, not in Node: they are given as text, since the tests'
// TypeScript knows no DOM.

/** Collects every violation of the page's policy, as the browser reports them. */
const RECORD_VIOLATIONS = `
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.violations.push(event.effectiveDirective + ' ' + event.blockedURI));`;

/**
 * What an XSS would do: an inline script element and an inline event handler, then what each
 * managed. The handler, registered first, has run (or been refused) when the listener runs.
 */
const INJECTION = `(async () => {
  const script = document.createElement('script');
  script.textContent = 'window.byScript = true';
  document.body.append(script);
  const image = document.createElement('img');
  image.setAttribute('onerror', 'window.byHandler = true');
  const failed = new Promise((resolve) => image.addEventListener('error', resolve));
  image.src = 'data:image/png;base64,broken';
  document.body.append(image);
  await failed;
  return { byScript: window.byScript ?? false, byHandler: window.byHandler ?? false };
})()`;

/** A page that records every violation of its policy. */
async function watchedPage(context: BrowserContext | Browser): Promise<Page> {
  const page = await context.newPage();
  // Init scripts come from the browser's debugging protocol, which the policy does not govern.
  await page.addInitScript(RECORD_VIOLATIONS);
  return page;
}

const violations = (page: Page) => page.evaluate<string[]>('window.violations');

const inject = (page: Page) => page.evaluate<{ byScript: boolean; byHandler: boolean }>(INJECTION);

/** The screen in a watched page, its board drawn. */
async function openScreen(context: BrowserContext | Browser): Promise<Page> {
  const page = await watchedPage(context);
  await page.goto(screen);
  await page.waitForSelector('body[data-status="ready"]');
  return page;
}

/** Opens the first station's drill-down and waits until it is drawn. */
async function drillDown(page: Page): Promise<void> {
  await page.locator('tr[data-code] button.station').first().click();
  await page.waitForSelector('.drill[data-status="ready"]');
}

describe('the pages in Chromium, under their policy', () => {
  it('GraphiQL opens its editor and every example tab with no violation', async () => {
    const page = await watchedPage(browser);
    await page.goto(base.toString());
    await page.waitForSelector('.graphiql-container .graphiql-tab');
    const tabs = await page.locator('.graphiql-tab').count();
    expect(tabs).toBeGreaterThan(1);
    await page
      .locator('.graphiql-tab')
      .nth(tabs - 1)
      .click();
    await page.waitForSelector('.graphiql-editor');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the screen shows a board and a drill-down with no violation', async () => {
    const page = await openScreen(browser);
    await drillDown(page);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('refuses a script injected into the screen, which goes on working', async () => {
    const page = await openScreen(browser);
    expect(await inject(page)).toEqual({ byScript: false, byHandler: false });
    expect(await violations(page)).toEqual(['script-src-elem inline', 'script-src-attr inline']);
    await drillDown(page);
    await page.close();
  });

  it('is what refuses it: with the policy bypassed, the same injection runs', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await openScreen(context);
    expect(await inject(page)).toEqual({ byScript: true, byHandler: true });
    await context.close();
  });

  it('cannot be framed by another page', async () => {
    /** Where a frame of `src` ends up, in a page of its own. */
    const framed = async (src: string) => {
      const page = await browser.newPage();
      try {
        const navigated = page.waitForEvent('framenavigated', {
          predicate: (frame) => frame !== page.mainFrame() && frame.url() !== '',
        });
        await page.setContent(`<iframe src="${src}"></iframe>`);
        return (await navigated).url();
      } finally {
        await page.close();
      }
    };
    // A page without the policy loads in the frame; the screen is replaced by Chromium's error page.
    const unguarded = 'data:text/html,<p>framed</p>';
    expect(await framed(unguarded)).toBe(unguarded);
    expect(await framed(new URL('/screen/', base).toString())).toBe(
      'chrome-error://chromewebdata/',
    );
  });
});
