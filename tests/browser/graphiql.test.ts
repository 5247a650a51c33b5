import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { RunningGateway } from '../../gateway/src/gateway';
import { exampleOperations } from '../../gateway/src/graphiql';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt } from '../support/browser';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let base: URL;
/** A gateway running only listed operations, as production does. */
let safe: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  base = new URL('/', platform.gateway.url);
  safe = await platform.startGateway({ SAFELIST: 'on' });
});
afterAll(() => platform.stop());

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Every file a page names (scripts, styles, preloads), all of which must be the gateway's own. */
async function pageAssets(url: URL): Promise<string[]> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await page.text();
  const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
  // Nothing from the internet: these machines have none.
  expect(referenced.filter((ref) => /^(https?:)?\/\//.test(ref))).toEqual([]);
  return referenced;
}

async function expectServed(asset: string, base: URL): Promise<void> {
  const response = await fetch(new URL(asset, base));
  expect([asset, response.status]).toEqual([asset, 200]);
  const type = TYPES[asset.split('.').pop() ?? ''];
  expect([asset, response.headers.get('content-type')]).toEqual([asset, type]);
  expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(50);
}

describe('the browser pages Vite builds into dist/web/', () => {
  it('GraphiQL at GET /: the page and every file it needs, from the gateway itself', async () => {
    const assets = await pageAssets(base);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    // The page script fetches the operations itself.
    for (const asset of [...assets, 'graphiql/operations.json']) await expectServed(asset, base);
  });

  it('the screen at GET /screen/ (and /screen sent there), its assets gzipped and cached for good', async () => {
    const screen = new URL('/screen/', base);
    const assets = await pageAssets(screen);
    for (const asset of assets) await expectServed(asset, screen);
    const redirect = await fetch(new URL('/screen', base), { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/screen/']);
    const script = new URL(assets.find((a) => a.endsWith('.js')) ?? '', screen);
    // fetch() asks for gzip and unpacks it: the raw headers say what travelled.
    const response = await fetch(script, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('GraphiQL at GET /', () => {
  it('preloads every operation of schema/operations/examples/, each of which runs as it is', async () => {
    const served = await (await fetch(new URL('graphiql/operations.json', base))).json();
    const operations = exampleOperations();
    expect(served).toEqual(operations);
    expect(operations.map((o) => o.name)).toEqual([
      '1-stations-of-a-county',
      '2-counties-of-a-city',
      '3-paging-through-a-city',
      '4-upsert-stations',
      '5-assessment-board',
      '6-city-report',
      '7-records-behind-a-figure',
    ]);
    const admin = await tokenFor('admin');
    const answers = new Map<string, unknown>();
    for (const { name, query, variables } of operations) {
      // Sent as the tab sends it, comments and all, to a gateway running only listed operations.
      const res = await postGraphQL(safe.url, query, {
        token: admin,
        variables: variables ? JSON.parse(variables) : {},
      });
      expect([name, res.errors]).toEqual([name, undefined]);
      answers.set(name, res.data);
    }
    // Each tab shows something on the demo: the records behind a figure are records.
    const records = answers.get('7-records-behind-a-figure') as {
      station: { trafficRecords: { totalCount: number; edges: { node: { deaths: number } }[] } };
    };
    expect(records.station.trafficRecords.totalCount).toBeGreaterThan(0);
    expect(records.station.trafficRecords.edges.some((e) => e.node.deaths >= 3)).toBe(true);
  });

  it('runs in a browser with SAFELIST=on: a tab per example, each opening its operation, which runs with the token pasted once', async () => {
    assertWebBuilt();
    const operations = exampleOperations().map(({ query }) => {
      const [operation] = parse(query).definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      return { type: operation?.operation ?? '', name: operation?.name?.value ?? '' };
    });
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await context.newPage();
      await page.goto(new URL('/', safe.url).toString());
      await page.waitForSelector('.graphiql-container .graphiql-tab');
      const tabs = page.locator('.graphiql-tab');
      await expect(tabs.allInnerTexts()).resolves.toEqual(operations.map((o) => o.name));
      // The lines the query editor shows (Monaco draws only what is in view: the top ones).
      const queryLines = page.locator('.graphiql-query-editor .view-lines').first();
      for (const [index, { type, name }] of operations.entries()) {
        await tabs.nth(index).click();
        await queryLines.filter({ hasText: `${type} ${name}` }).waitFor();
      }

      // The first tab, with an admin's token pasted into the headers editor (pasted, since
      // typing into the editor closes brackets and quotes by itself), runs and answers.
      await tabs.first().click();
      const headers = JSON.stringify({ Authorization: `Bearer ${await tokenFor('admin')}` });
      await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(headers)})`);
      await page.locator('.graphiql-editor-tool .graphiql-editor').last().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      await page.locator('.graphiql-execute-button').click();
      const response = page.locator('.graphiql-response .view-lines');
      await response.filter({ hasText: '"edges"' }).waitFor();
      expect(await response.innerText()).not.toContain('"errors"');

      // The records tab, its headers untouched, runs with the token pasted in the first: its
      // headers editor shows the token once the tab is open, and only then is it run.
      await tabs.last().click();
      await page
        .locator('.graphiql-editor-tool .graphiql-editor')
        .last()
        .locator('.view-lines')
        .filter({ hasText: 'Bearer' })
        .waitFor();
      await page.locator('.graphiql-execute-button').click();
      const records = page
        .locator('.graphiql-response .view-lines')
        .filter({ hasText: '"totalCount"' });
      await records.waitFor();
      expect(await records.innerText()).not.toMatch(/"errors"|"totalCount": 0\b/);
    } finally {
      await browser.close();
    }
  });
});
