import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';
import { screenLink as linkOn } from '../../scripts/screen-link';

/** The 晾晒 screen's link for a token and a view (scope, period, mode, …) on a gateway. */
export function screenLink(gateway: RunningGateway, token: string, view: Record<string, string>) {
  return linkOn(gateway.url, token, view);
}

export interface Opened {
  page: Page;
  /** The GraphQL requests the page has sent so far. */
  requests: () => number;
}

/**
 * A page of the screen at a link, `width` px wide, once its first view is drawn (or has failed,
 * or asks to sign in), counting the GraphQL requests it sends.
 */
export async function openCounting(browser: Browser, link: string, width = 1400): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  let sent = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') sent += 1;
  });
  await page.goto(link);
  await page.waitForSelector(
    'body[data-status="ready"], body[data-status="error"], body[data-status="signin"]',
  );
  return { page, requests: () => sent };
}

/** A page of the screen at a link, once its first view is drawn (or has failed). */
export async function openScreen(browser: Browser, link: string): Promise<Page> {
  return (await openCounting(browser, link)).page;
}

/** Each row of the table at `selector` as the texts of its cells. */
export function tableTexts(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );
}
