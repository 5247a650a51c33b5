import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';

/** The 晾晒 screen of a gateway, opened with a token on a view (scope, period, mode …). */
export function screenUrl(
  gateway: RunningGateway,
  token: string,
  view: Record<string, string>,
): string {
  const url = new URL('/screen/', gateway.url);
  url.hash = new URLSearchParams({ token, ...view }).toString();
  return url.toString();
}

export interface Opened {
  page: Page;
  /** The GraphQL requests the page has sent so far. */
  requests: () => number;
}

/** A new page at `url`, once the screen has drawn its first view (or asked to sign in). */
export async function openScreen(browser: Browser, url: string, width = 1400): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  let sent = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') sent += 1;
  });
  await page.goto(url);
  await page.waitForSelector(
    'body[data-status="ready"], body[data-status="error"], body[data-status="signin"]',
  );
  return { page, requests: () => sent };
}
