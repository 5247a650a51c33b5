import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';

/** The 晾晒 screen's link for a token and a view (scope, period, mode, …) on a gateway. */
export function screenLink(gateway: RunningGateway, token: string, view: Record<string, string>) {
  const url = new URL('/screen/', gateway.url);
  url.hash = new URLSearchParams({ token, ...view }).toString();
  return url.toString();
}

/** A page of the screen at a link, once its first view is drawn (or has failed). */
export async function openScreen(browser: Browser, link: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(link);
  await page.waitForSelector(
    'body[data-status="ready"], body[data-status="error"], body[data-status="signin"]',
  );
  return page;
}

/** Each row of the table at `selector` as the texts of its cells. */
export function tableTexts(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
  );
}
