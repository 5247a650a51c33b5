import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';
import { listedOperation } from '../../platform/operations';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt, screenshotPath } from '../support/browser';
import { S4, loadHandMadeBoard } from '../support/hand-made-board';
import { startPlatform, type Platform } from '../support/platform';
import { accident } from '../support/records';
import { openScreen, screenLink, tableTexts } from '../support/screen-page';
import { namedTokenFor, tokenFor } from '../support/tokens';

// 2019-Q2 has ended by this "today"; 2019-Q3 has not.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * Revisions and publishing on the 晾晒 screen, over the hand-made board of 绍兴市 (330600), on a
 * gateway with SAFELIST=on: an assessor publishes 2019-Q2 from the screen, a late accident
 * record follows, the assessor publishes revision 2 with a reason; the revision list, the
 * changes of revision 2 and revision 1 itself are read on the screen and compared with the API.
 */
let platform: Platform;
let gateway: RunningGateway;
let browser: Browser;
/** An assessor whose token carries a name: the publisher the screen shows. */
let assessor: string;
const Q2 = { scope: '330600', period: '2019-Q2', mode: 'official' };
const PUBLISHER = '王建国';
const REASON = '交警补录事故：越城区 5 月一起受伤事故';

// Answers are read as JSON; `any` keeps the assertions short (as in tests/support/platform.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const GRADE_WORD: Record<string, string> = {
  EXCELLENT: '优秀',
  GOOD: '良好',
  PASS: '合格',
  FAIL: '不合格',
};

async function api(operation: string, variables: Record<string, unknown>): Promise<Json> {
  const res = await platform.query(listedOperation(operation), {
    token: await tokenFor('assessor'),
    variables,
  });
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** A revision of the Q2 board as the API answers it (null: never published). */
async function officialQ2(revision: number | null = null, period = Q2.period): Promise<Json> {
  const data = await api('ScreenOfficialBoard', {
    scope: Q2.scope,
    period,
    revision,
    withPickers: false,
    // The scope is a city: no county view of its city's board.
    city: Q2.scope,
    county: false,
  });
  return data.publishedBoard;
}

/** The board on screen: each row's code, rank and total. */
function boardRows(page: Page): Promise<string[][]> {
  return page.$$eval('table.ranking tbody tr:not(.off-page)', (trs) =>
    trs.map((tr) => [
      tr.getAttribute('data-code') ?? '',
      tr.querySelector('td.rank')?.textContent?.trim() ?? '',
      tr.querySelector('td.total')?.textContent?.trim() ?? '',
    ]),
  );
}

const rowsOf = (board: Json) =>
  board.rows.edges.map(({ node }: Json) => [
    node.station.code,
    String(node.rank),
    String(node.total),
  ]);

/** Publishes through the dialog the status line's button opens; `reason` typed first if given. */
async function publishFromScreen(page: Page, reason: string | null): Promise<void> {
  await page.click('button.publish');
  await page.waitForSelector('dialog.publish[open]');
  if (reason !== null) await page.fill('dialog.publish textarea', reason);
  await page.click('dialog.publish button.next');
  await page.waitForSelector('dialog.publish .confirm-question');
  await page.click('dialog.publish button.confirm');
}

beforeAll(async () => {
  assertWebBuilt();
  platform = await startPlatform();
  await loadHandMadeBoard(platform);
  gateway = await platform.startGateway({ SAFELIST: 'on' });
  assessor = await namedTokenFor(PUBLISHER, 'assessor');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('publishing from the screen', () => {
  it('publishes a board never published, after a confirmation, and shows its publisher by name', async () => {
    const page = await openScreen(browser, screenLink(gateway, assessor, Q2));
    await expect(page.textContent('.notice.unpublished')).resolves.toContain('尚未发布');
    await expect(page.textContent('button.publish')).resolves.toBe('发布正式结果');
    await page.click('button.publish');
    await page.waitForSelector('dialog.publish[open]');
    await expect(page.textContent('dialog.publish .facts-list')).resolves.toBe(
      '范围绍兴市（330600）考核期2019年第二季度考核方案最新发布的方案版本第 1 版（首次发布）',
    );
    await page.click('dialog.publish button.next');
    await page.waitForSelector('dialog.publish .confirm-question');
    await page.screenshot({ path: screenshotPath('publish-confirm.png') });
    // Nothing is published before the confirmation.
    expect(await officialQ2()).toBeNull();
    await page.click('dialog.publish button.confirm');
    await page.waitForSelector('.published-now');
    await expect(page.textContent('.published-now')).resolves.toBe(
      `已发布第 1 版正式结果（发布人 ${PUBLISHER}）。`,
    );
    await expect(page.textContent('.status.official')).resolves.toMatch(
      new RegExp(
        `^正式结果 第 1 版 · 发布于 [-\\d: ]+ · 发布人 ${PUBLISHER} · ` +
          '上一期未发布正式结果，名次变化无从比较版本记录（共 1 版）',
      ),
    );
    const stored = await officialQ2();
    expect(stored).toMatchObject({ revision: 1, publisherName: PUBLISHER, reason: null });
    expect(await boardRows(page)).toEqual(rowsOf(stored));
    expect(await page.isVisible('dialog.publish')).toBe(false);
    await page.close();
  });

  it('refuses a new revision without a reason on the screen, then publishes it with one', async () => {
    // A late accident of S4 in May: revision 2 moves it.
    const late = await platform.query(
      'mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }',
      {
        token: await tokenFor('department:traffic'),
        variables: { input: [accident('late-S4', S4, '2019-05-20', 0, 1)] },
      },
    );
    expect(late.errors).toBeUndefined();
    const page = await openScreen(browser, screenLink(gateway, assessor, Q2));
    await expect(page.textContent('button.publish')).resolves.toBe('发布更正版本');
    await page.click('button.publish');
    await page.click('dialog.publish button.next');
    await expect(page.textContent('dialog.publish .problem')).resolves.toBe(
      '请填写更正原因：第 2 版起每一版都须说明为何更正。',
    );
    expect(await page.isVisible('dialog.publish .confirm-question')).toBe(false);
    await page.click('dialog.publish button.cancel');
    expect((await officialQ2()).revision).toBe(1);

    await publishFromScreen(page, REASON);
    await page.waitForSelector('.published-now');
    await expect(page.textContent('.status.official')).resolves.toContain(`第 2 版 · 发布于`);
    await expect(page.textContent('.status.official')).resolves.toContain(`修订原因：${REASON}`);
    const stored = await officialQ2();
    expect(stored).toMatchObject({ revision: 2, publisherName: PUBLISHER, reason: REASON });
    expect(await boardRows(page)).toEqual(rowsOf(stored));
    await page.close();
  });

  it('publishes the live preview of an ended period as it stands, and opens the official result', async () => {
    const live = { ...Q2, period: '2019-H1', mode: 'live' };
    const page = await openScreen(browser, screenLink(gateway, assessor, live));
    const previewed = await boardRows(page);
    await expect(page.textContent('.status.live button.publish')).resolves.toBe('发布正式结果');
    await publishFromScreen(page, '2019 年上半年定期晾晒');
    await page.waitForSelector('.published-now');
    await expect(page.textContent('.status.official')).resolves.toContain('第 1 版 · 发布于');
    expect(new URL(page.url()).hash).toContain('mode=official');
    const stored = await officialQ2(null, '2019-H1');
    expect(stored).toMatchObject({ revision: 1, reason: '2019 年上半年定期晾晒' });
    expect(rowsOf(stored)).toEqual(previewed);
    expect(await boardRows(page)).toEqual(previewed);
    await page.close();
  });

  it('says why a publication was refused, and stores nothing: a period not yet ended', async () => {
    const page = await openScreen(
      browser,
      screenLink(gateway, assessor, { ...Q2, period: '2019-Q3' }),
    );
    await publishFromScreen(page, null);
    await page.waitForSelector('dialog.publish[data-status="refused"]');
    await expect(page.textContent('dialog.publish .problem:not([hidden])')).resolves.toBe(
      '考核期尚未结束，不能发布正式结果。',
    );
    expect(await officialQ2(null, '2019-Q3')).toBeNull();
    await page.close();
  });

  it('offers publishing to assessors only: a station reads the revisions but is offered none', async () => {
    const station = await tokenFor(`station:${S4}`);
    const page = await openScreen(browser, screenLink(gateway, station, Q2));
    await page.waitForSelector('.status.official');
    expect(await page.$('button.publish')).toBeNull();
    expect(await page.isVisible('button.revisions-open')).toBe(true);
    await page.close();
  });
});

describe('the revisions of a board', () => {
  it('lists every revision with who, when and why, and what the shown one changed', async () => {
    const page = await openScreen(browser, screenLink(gateway, assessor, Q2));
    await page.click('button.revisions-open');
    await page.waitForSelector('dialog.revisions .changes[data-status="ready"]');
    const newest = await officialQ2();
    const list = await tableTexts(page, 'dialog.revisions table.revision-list');
    expect(list.map(([revision, , publisher, reason]) => [revision, publisher, reason])).toEqual([
      ['第 2 版', PUBLISHER, REASON],
      ['第 1 版', PUBLISHER, '首次发布'],
    ]);
    expect(newest.revisions.map((r: Json) => r.revision)).toEqual([2, 1]);

    const { publishedBoard } = await api('ScreenRevisionChanges', {
      scope: Q2.scope,
      period: Q2.period,
      schemeId: newest.scheme.id,
      revision: 2,
    });
    const changes = publishedBoard.changes as Json[];
    // The late accident lowered S4's total: it is among the changes.
    const s4 = changes.find((c) => c.station.code === S4);
    expect(s4.after.total).toBeLessThan(s4.before.total);
    const cells = (s: Json) =>
      s
        ? [`第 ${s.rank} 名`, String(s.total), GRADE_WORD[s.grade] + (s.vetoed ? ' 否决' : '')]
        : ['未列入'];
    const shown = await tableTexts(page, 'dialog.revisions table.revision-changes');
    expect(shown.map((row) => row.slice(0, -2))).toEqual(
      changes.map((c) => [c.stationName, ...cells(c.before), ...cells(c.after)]),
    );
    await expect(page.textContent('dialog.revisions .changes-count')).resolves.toBe(
      `${changes.length} 个派出所的总分、等次或名次有变化：`,
    );
    await page.screenshot({ path: screenshotPath('revisions.png') });

    // Revision 1 was the first publication: nothing changed, and no request says so.
    await page.click('dialog.revisions tr[data-revision="1"] button.show-changes');
    await expect(page.textContent('dialog.revisions .changes .hint')).resolves.toBe(
      '第 1 版为首次发布，没有更正变化。',
    );
    // Escape closes the dialog; its close event, which takes it off the page, comes after.
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.revisions', { state: 'detached', timeout: 5_000 });
    await page.close();
  });

  it('reads any revision on the board, keeps it in the link, and returns to the newest', async () => {
    const page = await openScreen(browser, screenLink(gateway, assessor, Q2));
    await page.click('button.revisions-open');
    await page.click('dialog.revisions tr[data-revision="1"] button.view-revision');
    await page.waitForSelector('.status.official.older');
    await expect(page.textContent('.status.official')).resolves.toContain('第 1 版（非最新版）');
    const first = await officialQ2(1);
    expect(await boardRows(page)).toEqual(rowsOf(first));
    expect(new URL(page.url()).hash).toContain('revision=1');
    // S4's drill-down is of revision 1 too.
    const s4 = first.rows.edges.find(({ node }: Json) => node.station.code === S4).node;
    await page.click(`tr[data-code="${S4}"] button.station`);
    await page.waitForSelector('.drill[data-status="ready"]');
    await expect(page.textContent('.drill .facts')).resolves.toContain(`总分 ${s4.total}`);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('older-revision.png') });

    // The link opens revision 1 again (the token stays in the tab).
    await page.reload();
    await page.waitForSelector('.status.official.older');
    await page.click('button.to-newest');
    await page.waitForSelector('.status.official:not(.older)');
    await expect(page.textContent('.status.official')).resolves.toContain('第 2 版 · ');
    expect(await boardRows(page)).toEqual(rowsOf(await officialQ2()));
    expect(new URL(page.url()).hash).not.toContain('revision=');
    await page.close();
  });
});
