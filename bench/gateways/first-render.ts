import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../scripts/chromium';
import { screenLink } from '../../scripts/screen-link';
import type { RenderScenario } from './render-scenarios';

/** Opens measured per scenario, after one that warms Chromium, the gateway and its caches up. */
const RUNS = 7;
/** A wall screen's viewport. */
const VIEWPORT = { width: 1920, height: 1080 };
const TIMEOUT_MS = 60_000;

/** ms from the start of navigation, ascending, one per open. */
interface RenderTimes {
  /** The page's scripts ran (DOMContentLoaded). */
  loaded: number[];
  /** The board's answer received (the last GraphQL response's end). */
  answered: number[];
  /** The screen built the view (its `screen:board` mark). */
  built: number[];
  /** The frame holding the table and the summary's chart was drawn. */
  rendered: number[];
}

export interface RenderResult {
  scenario: RenderScenario;
  times: RenderTimes;
  /** GraphQL requests the page sent to show the board, most of any open. */
  requests: number;
  /** What was wrong with an open (not ready, rows missing), or null. */
  problem: string | null;
}

/**
 * Installed before the page's own scripts: once the screen marks its board drawn, the next
 * frame's callbacks run (ECharts draws in one the screen asked for first) and the frame is
 * painted; a task queued from the frame callback runs after that paint. `window.firstRender`
 * resolves to that moment. The observer hears of the mark in a task of its own, which may come
 * after the frame that drew the table: the figure is then one frame (~16 ms) late, never early.
 */
const PAINT_WATCH = `window.firstRender = new Promise((resolve) => {
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('screen:board').length === 0) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
  }).observe({ type: 'mark' });
});`;

interface Open {
  loaded: number;
  answered: number;
  built: number;
  rendered: number;
  status: string;
  official: boolean;
  rows: number;
}

/** Read in the page once it rendered, all relative to the start of navigation. */
const READ_OPEN = `window.firstRender.then((rendered) => {
  const graphql = performance
    .getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === '/graphql');
  const [navigation] = performance.getEntriesByType('navigation');
  return {
    loaded: navigation ? navigation.domContentLoadedEventEnd : NaN,
    answered: Math.max(...graphql.map((e) => e.responseEnd)),
    built: performance.getEntriesByName('screen:board')[0]?.startTime ?? NaN,
    rendered,
    status: document.body.dataset.status ?? '',
    official: document.querySelector('.status.official') !== null,
    rows: document.querySelectorAll('table.ranking tbody tr').length,
  };
})`;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no board after ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One open in a context of its own, so nothing of the page is cached in the browser: the
 * first visit of a new assessor, its scripts, styles and fonts fetched from the gateway.
 */
async function openOnce(
  browser: Browser,
  link: string,
  scenario: RenderScenario,
): Promise<Open & { requests: number }> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    extraHTTPHeaders: scenario.headers,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PAINT_WATCH });
    let requests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') requests += 1;
    });
    await page.goto(link);
    const open = await withTimeout(page.evaluate<Open>(READ_OPEN), scenario.name);
    return { ...open, requests };
  } finally {
    await context.close();
  }
}

function problemOf(open: Open, scenario: RenderScenario): string | null {
  if (open.status !== 'ready') return `the screen says ${open.status || 'nothing'}`;
  if (!open.official) return 'not the official result';
  if (open.rows !== scenario.rows) return `${open.rows} rows for ${scenario.rows} stations`;
  return null;
}

const noTimes = (): RenderTimes => ({ loaded: [], answered: [], built: [], rendered: [] });

async function measureRender(
  browser: Browser,
  gatewayUrl: string,
  scenario: RenderScenario,
  token: string,
): Promise<RenderResult> {
  const link = screenLink(gatewayUrl, token, scenario.view);
  const opens: (Open & { requests: number })[] = [];
  try {
    await openOnce(browser, link, scenario);
    for (let i = 0; i < RUNS; i += 1) opens.push(await openOnce(browser, link, scenario));
  } catch (error) {
    // A screen that never draws its board is a figure of the run, not the end of it.
    return { scenario, times: noTimes(), requests: 0, problem: (error as Error).message };
  }
  const times = (pick: (open: Open) => number) => opens.map(pick).sort((a, b) => a - b);
  return {
    scenario,
    times: {
      loaded: times((o) => o.loaded),
      answered: times((o) => o.answered),
      built: times((o) => o.built),
      rendered: times((o) => o.rendered),
    },
    requests: Math.max(...opens.map((o) => o.requests)),
    problem: opens.map((o) => problemOf(o, scenario)).find((p) => p !== null) ?? null,
  };
}

/**
 * Each scenario's first render in Chromium, opened through our gateway's /screen/ as the
 * assessor: one warm-up open, then RUNS opens one after another.
 */
export async function measureRenders(
  gatewayUrl: string,
  scenarios: readonly RenderScenario[],
  token: string,
  log: (message: string) => void,
): Promise<RenderResult[]> {
  const browser = await launchBrowser();
  try {
    const results: RenderResult[] = [];
    for (const scenario of scenarios) {
      if (scenario.skipped) {
        log(`${scenario.name}: skipped (${scenario.skipped})`);
        results.push({ scenario, times: noTimes(), requests: 0, problem: null });
        continue;
      }
      log(`${scenario.name}: ${RUNS} opens in Chromium`);
      results.push(await measureRender(browser, gatewayUrl, scenario, token));
    }
    return results;
  } finally {
    await browser.close();
  }
}
