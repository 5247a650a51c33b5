import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';
import { listedOperation } from '../../platform/operations';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt, screenshotPath } from '../support/browser';
import { S1, loadHandMadeBoard } from '../support/hand-made-board';
import { startPlatform, type Platform } from '../support/platform';
import { openScreen, screenLink, tableTexts } from '../support/screen-page';
import { namedTokenFor, tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today". The appeal window runs from the real publication time.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * Appeals on the 晾晒 screen, over the hand-made board of 绍兴市 (330600) for 2019-H1 published
 * as revision 1, on a gateway with SAFELIST=on: S1 files an appeal against its road-injury figure
 * naming one of its accidents; 交警 withdraws the accident and accepts the appeal; the assessor
 * sees it among the board's appeals and publishes revision 2 resolving it; the revision names it
 * and shows it behind S1's move; S1 sees it accepted and resolved.
 */
let platform: Platform;
let gateway: RunningGateway;
let browser: Browser;
let assessor: string;
let station: string;
const H1 = { scope: '330600', period: '2019-H1', mode: 'official' };
const ITEM = 'traffic.injuries';
const RECORD = 'S1-a2';
const CLAIM = '该事故发生在相邻派出所辖区，不应计入本所';

// Answers are read as JSON; `any` keeps the assertions short (as in tests/support/platform.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function api(
  operation: string,
  variables: Record<string, unknown>,
  token: string | null = null,
): Promise<Json> {
  const res = await platform.query(listedOperation(operation), {
    token: token ?? (await tokenFor('assessor')),
    variables,
  });
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** The board's appeals as the API answers an assessor. */
async function appealsOfBoard(): Promise<Json[]> {
  const data = await api('BoardAppeals', { scope: H1.scope, period: H1.period });
  return data.publishedBoard.appeals;
}

async function openDialogOf(page: Page, button: string, dialog: string): Promise<void> {
  await page.click(`button.${button}`);
  await page.waitForSelector(`dialog.${dialog}[data-status="ready"]`);
}

beforeAll(async () => {
  assertWebBuilt();
  platform = await startPlatform();
  await loadHandMadeBoard(platform);
  gateway = await platform.startGateway({ SAFELIST: 'on' });
  assessor = await namedTokenFor('王建国', 'assessor');
  station = await tokenFor(`station:${S1}`);
  await api('PublishAssessmentBoard', { scope: H1.scope, period: H1.period });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('a station appeals from the screen', () => {
  it('shows its own row, files an appeal naming a record, and sees it open', async () => {
    const page = await openScreen(browser, screenLink(gateway, station, H1));
    // A station is offered its own appeals, not the assessors' list nor publishing.
    expect(await page.$('button.board-appeals')).toBeNull();
    expect(await page.$('button.publish')).toBeNull();
    await openDialogOf(page, 'station-appeals', 'station-appeals-dialog');
    const board = await api('ScreenOfficialBoard', {
      scope: H1.scope,
      period: H1.period,
      withPickers: false,
      city: H1.scope,
      county: false,
    });
    const own = board.publishedBoard.rows.edges.find(
      ({ node }: Json) => node.station.code === S1,
    ).node;
    await expect(page.textContent('dialog .own-row')).resolves.toContain(
      `第 1 版：第 ${own.rank} 名 · 总分 ${own.total}`,
    );
    await expect(page.textContent('dialog .no-appeals')).resolves.toBe(
      '本所尚未对本榜单提出申诉。',
    );
    await page.selectOption('dialog select[name="item"]', ITEM);
    await expect(page.inputValue('dialog select[name="department"]')).resolves.toBe('TRAFFIC');
    await page.fill('dialog input[name="records"]', RECORD);
    await page.fill('dialog textarea[name="claim"]', CLAIM);
    await page.click('dialog button.file-appeal');
    await page.waitForSelector('dialog .filed-now');
    const [stored] = await appealsOfBoard();
    expect(stored).toMatchObject({
      stationCode: S1,
      item: ITEM,
      claim: CLAIM,
      status: 'OPEN',
      records: [{ department: 'TRAFFIC', externalId: RECORD }],
    });
    await expect(page.textContent('dialog .filed-now')).resolves.toBe(
      `已提交申诉（编号 ${stored.id}），待交警答复。`,
    );
    const rows = await tableTexts(page, 'dialog table.appeal-list');
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      [stored.id, '道路交通事故受伤人数', `${CLAIM}所涉记录：交警 ${RECORD}`, '交警', '待答复'],
    ]);
    await page.screenshot({ path: screenshotPath('station-appeals.png') });

    // A second open appeal on the same item is refused in words, and nothing is stored.
    await page.selectOption('dialog select[name="item"]', ITEM);
    await page.fill('dialog textarea[name="claim"]', '再次申诉');
    await page.click('dialog button.file-appeal');
    await page.waitForSelector('dialog .form-problems .problem');
    await expect(page.textContent('dialog .form-problems')).resolves.toBe(
      `该项已有待答复的申诉（编号 ${stored.id}）：请等待答复，或先撤回。`,
    );
    expect(await appealsOfBoard()).toHaveLength(1);
    await page.close();
  });
});

describe('the assessors and the revision that resolves an appeal', () => {
  let appeal: Json;

  beforeAll(async () => {
    [appeal] = await appealsOfBoard();
    // 交警 withdraws the accident, naming the appeal, then accepts it.
    const traffic = await tokenFor('department:traffic');
    const withdrawn = await platform.query(
      'mutation($ids: [ID!]!, $reason: String!) { withdrawAccidents(externalIds: $ids, reason: $reason) { withdrawn } }',
      { token: traffic, variables: { ids: [RECORD], reason: `申诉 ${appeal.id}：属相邻所辖区` } },
    );
    expect(withdrawn.errors).toBeUndefined();
    await api(
      'AnswerAppeal',
      { id: appeal.id, accepted: true, reason: '经核实属相邻所辖区，已撤回该事故' },
      traffic,
    );
  });

  it('lists the board’s appeals with their status for the assessor', async () => {
    const page = await openScreen(browser, screenLink(gateway, assessor, H1));
    await openDialogOf(page, 'board-appeals', 'board-appeals-dialog');
    await expect(page.textContent('dialog .appeal-counts')).resolves.toBe(
      '共 1 件：待答复 0 · 已采纳 1 · 已驳回 0 · 已撤回 0；已答复、待更正版本处理 1 件',
    );
    const rows = await tableTexts(page, 'dialog table.appeal-list');
    expect(rows.map((r) => [r[0], r[1], r[2], r[5], r[7]?.startsWith('经核实')])).toEqual([
      [appeal.id, '测试派出所001', '道路交通事故受伤人数', '已采纳', true],
    ]);
    await page.selectOption('dialog select.appeal-filter', 'OPEN');
    await expect(page.locator('dialog table.appeal-list tbody tr').count()).resolves.toBe(0);
    await page.close();
  });

  it('publishes revision 2 resolving the appeal, and the revision names it behind the move', async () => {
    const page = await openScreen(browser, screenLink(gateway, assessor, H1));
    await page.click('button.publish');
    await page.waitForSelector('dialog.publish fieldset.resolves[data-status="ready"]');
    await expect(
      page.isChecked(`dialog.publish input[type="checkbox"][value="${appeal.id}"]`),
    ).resolves.toBe(true);
    await page.fill('dialog.publish textarea', `采纳申诉 ${appeal.id}，交警已撤回事故`);
    await page.click('dialog.publish button.next');
    await expect(page.textContent('dialog.publish .resolves-chosen')).resolves.toContain(
      `本版处理的申诉（1 件）：编号 ${appeal.id} · 测试派出所001 · 道路交通事故受伤人数 · 已采纳`,
    );
    await page.click('dialog.publish button.confirm');
    await page.waitForSelector('.published-now');
    const [resolved] = await appealsOfBoard();
    expect(resolved.resolvedInRevision).toBe(2);

    await page.click('button.revisions-open');
    await page.waitForSelector('dialog.revisions .changes[data-status="ready"]');
    await expect(page.textContent('dialog.revisions .resolved-appeals')).resolves.toContain(
      `编号 ${appeal.id} · 测试派出所001 · 道路交通事故受伤人数 · 已采纳`,
    );
    const { publishedBoard } = await api('ScreenRevisionChanges', {
      scope: H1.scope,
      period: H1.period,
      revision: 2,
    });
    const moved = publishedBoard.changes.find((c: Json) => c.station.code === S1);
    expect(moved.appeals.map((a: Json) => a.id)).toEqual([appeal.id]);
    await expect(
      page.textContent(`dialog.revisions tr[data-code="${S1}"] td.appeals`),
    ).resolves.toBe(`编号 ${appeal.id} 道路交通事故受伤人数 已采纳`);
    await page.screenshot({ path: screenshotPath('revision-appeals.png') });
    await page.close();
  });

  it('shows the station its appeal accepted and resolved; an assessor closes another as withdrawn', async () => {
    const page = await openScreen(browser, screenLink(gateway, station, H1));
    await openDialogOf(page, 'station-appeals', 'station-appeals-dialog');
    const [first] = await tableTexts(page, 'dialog table.appeal-list');
    expect([first?.[4], first?.[7]]).toEqual(['已采纳', '第 2 版']);
    // Another appeal, on the accidents' count, which the assessor then closes.
    await page.selectOption('dialog select[name="item"]', 'traffic.accidents');
    await page.fill('dialog textarea[name="claim"]', '事故起数有误');
    await page.click('dialog button.file-appeal');
    await page.waitForSelector('dialog .filed-now');
    await page.close();

    const desk = await openScreen(browser, screenLink(gateway, assessor, H1));
    await openDialogOf(desk, 'board-appeals', 'board-appeals-dialog');
    const open = (await appealsOfBoard()).find((a) => a.status === 'OPEN');
    await desk.click(`dialog tr[data-appeal="${open.id}"] button.withdraw-appeal`);
    await desk.fill(`dialog tr[data-appeal="${open.id}"] .withdraw input`, '派出所电话告知撤回');
    await desk.click(`dialog tr[data-appeal="${open.id}"] button.confirm-withdraw`);
    await desk.waitForSelector('dialog .filed-now');
    await expect(
      desk.textContent(`dialog tr[data-appeal="${open.id}"] .appeal-status`),
    ).resolves.toBe('已撤回');
    const closed = (await appealsOfBoard()).find((a) => a.id === open.id);
    expect(closed).toMatchObject({ status: 'WITHDRAWN' });
    await desk.close();
  });
});
