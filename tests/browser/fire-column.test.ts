// The registry with fire (and a schema folder of its own) before any module of the platform loads.
import '../support/fire-registered';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt, screenshotPath } from '../support/browser';
import { FIRE_MAX, loadFireBoard, S1, S2 } from '../support/fire-board';
import { composeRegistrySchema, installFireDepartment } from '../support/fire-department';
import { startPlatform, type Platform } from '../support/platform';
import { openScreen, screenLink } from '../support/screen-page';
import { tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today": the board is whole, not partial.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * The 晾晒 screen over the platform with fire registered (tests/support/fire-board.ts): web/
 * names no department, so its 消防 column comes from the answers alone.
 */
let platform: Platform;
let browser: Browser;
let assessor = '';
let schemeId = '';

beforeAll(async () => {
  assertWebBuilt();
  installFireDepartment();
  await composeRegistrySchema();
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
  schemeId = await loadFireBoard(platform);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

it("shows a 消防 column labelled from the answers, each row with the board's fire score", async () => {
  const view = { scope: '330602', period: '2019-H1', mode: 'live', scheme: schemeId };
  const page = await openScreen(browser, screenLink(platform.gateway, assessor, view));
  try {
    expect(await page.getAttribute('body', 'data-status')).toBe('ready');
    const headers = await page.$$eval('table.ranking th.dept', (ths) =>
      ths.map((th) => th.textContent?.trim()),
    );
    expect(headers).toEqual(['刑侦治安（40）', `消防（${FIRE_MAX}）`]);
    const shown = await page.$$eval('table.ranking tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-code'),
        tr.querySelector('td.dept[data-dept="FIRE"] .score')?.textContent?.trim(),
      ]),
    );
    const res = await platform.query(
      `query($s: ID) { assessmentBoard(scope: "330602", period: "2019-H1", schemeId: $s) {
         rows { station { code } departments { department score } } } }`,
      { token: assessor, variables: { s: schemeId } },
    );
    const fireScore = (code: string) =>
      (
        res.data.assessmentBoard.rows as {
          station: { code: string };
          departments: { department: string; score: number }[];
        }[]
      )
        .find((r) => r.station.code === code)
        ?.departments.find((d) => d.department === 'FIRE')?.score;
    expect(shown.map(([code]) => code).sort()).toEqual([S1, S2]);
    for (const [code, text] of shown) {
      expect(Number(text)).toBeCloseTo(fireScore(code ?? '') ?? NaN, 2);
    }
    await page.screenshot({ path: screenshotPath('fire-column.png'), fullPage: true });
  } finally {
    await page.close();
  }
});
