import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';
import { listedOperation } from '../../platform/operations';
import { launchBrowser } from '../../scripts/chromium';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * A frontend team's screen on its own origin, in Chromium, calling the gateway: it reads the
 * answers of a gateway whose CORS_ORIGINS lists it, and the browser blocks it everywhere else.
 */
let platform: Platform;
let browser: Browser;
let pages: Server;
let origin: string;
let listing: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  // The team's page: any page of another origin (127.0.0.1, where the gateway is localhost).
  pages = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another team</title>');
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  listing = await platform.startGateway({ CORS_ORIGINS: origin });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => pages?.close(resolve));
  await platform?.stop();
});

/** What the page's own script gets from a POST to `url`: the answer, or the browser's refusal. */
async function fromThePage(url: string) {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    const request = {
      url,
      token: await tokenFor('admin'),
      body: JSON.stringify({
        query: listedOperation('Station'),
        variables: { code: '330681500001' },
      }),
    };
    return await page.evaluate(async ({ url, token, body }) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        const answer = (await response.json()) as { data?: { station?: { name?: string } } };
        return {
          name: answer.data?.station?.name,
          requestId: response.headers.get('x-request-id'),
        };
      } catch (error) {
        return { refused: String(error) };
      }
    }, request);
  } finally {
    await page.close();
  }
}

describe('CORS in the browser', () => {
  it('lets a listed origin’s page read the answer and its request id', async () => {
    const answer = await fromThePage(listing.url);
    expect(answer).toEqual({ name: '诸暨市公安局枫桥派出所', requestId: expect.any(String) });
  });

  it('blocks a page of an origin the gateway does not list (the default lists none)', async () => {
    expect(await fromThePage(platform.gateway.url)).toEqual({
      refused: 'TypeError: Failed to fetch',
    });
  });
});
