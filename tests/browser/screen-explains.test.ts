import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';
import { listedOperation } from '../../platform/operations';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt, screenshotPath } from '../support/browser';
import { ELSEWHERE, S1, S2, S3, S4, S5, loadHandMadeBoard } from '../support/hand-made-board';
import { startPlatform, type Platform } from '../support/platform';
import { openCounting, screenLink, tableTexts, type Opened } from '../support/screen-page';
import { tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today": the board is whole, not partial.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * The 晾晒 screen explaining its figures, over the hand-made board of 绍兴市 (330600): the
 * records behind each indicator, deduction and veto, the rules in words, the comparison with
 * the previous period, a county's view of its city's board, the published periods, the exports
 * and the print. 2018-H2 and 2019-H1 are published; 2018-H1 is not.
 */
let platform: Platform;
let gateway: RunningGateway;
let browser: Browser;
let assessor: string;

/** The rules and figures below are fengqiao-2019@1's, which the views name. */
const SCHEME = 'fengqiao-2019@1';
const LIVE = { scope: '330600', period: '2019-H1', mode: 'live', scheme: SCHEME };
const OFFICIAL = { ...LIVE, mode: 'official' };
/** 55 survey answers of the station in 嵊州市, after publication: more than a page of 50. */
const MANY_ANSWERS = 55;

async function publish(period: string, reason?: string): Promise<void> {
  const res = await platform.query(listedOperation('PublishAssessmentBoard'), {
    token: assessor,
    variables: { scope: '330600', period, schemeId: SCHEME, ...(reason ? { reason } : {}) },
  });
  expect(res.errors).toBeUndefined();
}

async function send(
  role: string,
  operation: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const res = await platform.query(listedOperation(operation), {
    token: await tokenFor(role),
    variables,
  });
  expect(res.errors).toBeUndefined();
}

beforeAll(async () => {
  assertWebBuilt();
  platform = await startPlatform();
  await loadHandMadeBoard(platform);
  gateway = await platform.startGateway({ SAFELIST: 'on' });
  assessor = await tokenFor('assessor');
  browser = await launchBrowser();
  await publish('2018-H2');
  await publish('2019-H1');
  await send('department:surveys', 'LoadSurveyResponses', {
    input: Array.from({ length: MANY_ANSWERS }, (_, i) => ({
      externalId: `X-r${String(i).padStart(2, '0')}`,
      stationCode: ELSEWHERE,
      surveyedOn: '2019-06-01',
      security: 5,
      satisfaction: 4,
    })),
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const open = (view: Record<string, string>, width?: number): Promise<Opened> =>
  openCounting(browser, screenLink(gateway, assessor, view), width);

async function openStation(page: Page, code: string): Promise<void> {
  await page.click(`tr[data-code="${code}"] button.station`);
  await page.waitForSelector('.drill[data-status="ready"]');
}

/** Opens the records behind a row of the drill-down and waits for them. */
async function openRecords(page: Page, row: string): Promise<void> {
  await page.click(`.drill ${row} button.records-link`);
  await page.waitForSelector('.records-view[data-status="ready"]');
}

const recordRows = (page: Page) => tableTexts(page, '.records');

const text = (page: Page, selector: string) =>
  page.textContent(selector).then((t) => t?.trim() ?? '');

describe('every point explained', () => {
  it('says each rule in words, from the scheme', async () => {
    const { page } = await open(LIVE);
    await openStation(page, S1);
    const rules = await page.$$eval('.drill table.indicators tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector('td.rule')?.textContent]),
    );
    const rule = (key: string) => rules.find(([k]) => k === key)?.[1];
    // fengqiao-2019@1: YOY fullAt 0.10, zeroAt −0.20; a LOWER count counts its fall as better.
    expect(rule('cases.criminalSolved')).toBe(
      '同比上升 ≥ 10% 得满分，下降 ≥ 20% 得零分，之间按比例',
    );
    expect(rule('cases.homicides')).toBe(
      '同比下降 ≥ 10% 得满分，上升 ≥ 20% 得零分，之间按比例；本期未发生得满分',
    );
    expect(rule('surveys.securityRate')).toBe(
      '比率 ≥ 98% 得满分，≤ 90% 得零分，之间按比例；样本少于 30 条不得分',
    );
    expect(rule('cases.mediationRate')).toBe(
      '比率 ≥ 98% 得满分，≤ 90% 得零分，之间按比例；样本少于 1 条按满分计',
    );
    await page.close();
  });

  it('opens the records behind an indicator, this period and the year before, one request each', async () => {
    const { page, requests } = await open(LIVE);
    await openStation(page, S1);
    const before = requests();
    await openRecords(page, 'tr[data-key="cases.criminalSolved"]');
    expect(requests()).toBe(before + 1);
    await expect(text(page, '.records-view h2')).resolves.toBe('测试派出所001 · 刑事案件破案数');
    // Solved in 2019-H1: S1-c1, S1-c2 and S1-c3, each counting 1, as the board's 3.
    const rows = await recordRows(page);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['刑事案件', 'S1-c1'],
      ['刑事案件', 'S1-c2'],
      ['刑事案件', 'S1-c3'],
    ]);
    const headers = await page.$$eval('.records thead th', (ths) =>
      ths.map((th) => th.textContent),
    );
    expect(headers).toEqual([
      '类型',
      '外部编号',
      '案件类别',
      '立案日期',
      '破案日期',
      '计入',
      '录入时间',
      '状态',
      '变更历史',
    ]);
    expect(rows[2]?.slice(2, 8)).toEqual([
      '电信网络诈骗',
      '2019-03-05',
      '2019-04-01',
      '1',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      '有效',
    ]);
    await expect(text(page, '.records-total')).resolves.toMatch(
      /^2019-01-01 至 2019-06-30：共 3 条记录（含已撤回），计入合计 3；榜单数值 3$/,
    );
    await page.screenshot({ path: screenshotPath('records.png') });
    // 同期: 2018-H1, solved S1-b1 and S1-b2.
    await page.click('.records-toolbar button[data-baseline="true"]');
    await page.waitForSelector('.records-view[data-status="ready"]');
    expect((await recordRows(page)).map((r) => r[1])).toEqual(['S1-b1', 'S1-b2']);
    expect(requests()).toBe(before + 2);
    // 返回: the drill-down as it was, without asking again.
    await page.click('.records-view .back');
    await expect(page.locator('.drill table.indicators tbody tr').count()).resolves.toBe(13);
    expect(requests()).toBe(before + 2);
    await page.close();
  });

  it('pages through more records than a page holds', async () => {
    const { page, requests } = await open(LIVE);
    await openStation(page, ELSEWHERE);
    await openRecords(page, 'tr[data-key="surveys.securityRate"]');
    await expect(page.locator('.records tbody tr').count()).resolves.toBe(50);
    await expect(text(page, '.records-total')).resolves.toContain(`共 ${MANY_ANSWERS} 条记录`);
    const sent = requests();
    await page.click('.records-pager button:has-text("下一页")');
    await page.waitForSelector('.records-view[data-status="ready"]');
    await expect(page.locator('.records tbody tr').count()).resolves.toBe(MANY_ANSWERS - 50);
    await expect(text(page, '.records-pager span')).resolves.toBe('第 2 页');
    await page.click('.records-pager button:has-text("上一页")');
    await page.waitForSelector('.records-view[data-status="ready"]');
    await expect(page.locator('.records tbody tr').first().getAttribute('data-id')).resolves.toBe(
      'X-r00',
    );
    expect(requests()).toBe(sent + 2);
    await page.close();
  });

  it('counts a deduction and names a veto, each opening the records that triggered it', async () => {
    const { page } = await open(LIVE);
    await openStation(page, S3);
    await expect(text(page, '.drill .deductions li')).resolves.toBe(
      '较大道路交通事故数：本期 1 次，每次扣 5 分，共扣 5 分',
    );
    await openRecords(page, '.deductions li');
    expect((await recordRows(page)).map((r) => r.slice(1, 5))).toEqual([
      ['S3-a1', '2019-02-01', '3', '2'],
    ]);
    await page.click('.drill .close');
    await openStation(page, S2);
    await expect(text(page, '.drill .vetoes li.triggered')).resolves.toBe(
      '重大道路交通事故数：本期 1 次，一票否决（不论得分，等次为不合格）',
    );
    await openRecords(page, '.vetoes li.triggered');
    await expect(text(page, '.records-total')).resolves.toContain('计入合计 1');
    const [accident] = await recordRows(page);
    expect(accident?.slice(0, 5)).toEqual(['道路交通事故', 'S2-a1', '2019-05-01', '10', '0']);
    await page.screenshot({ path: screenshotPath('veto-records.png') });
    await page.close();
  });
});

describe('honest comparison', () => {
  it('names the period compared with, and says — where that board was never published', async () => {
    const { page } = await open(OFFICIAL);
    await expect(text(page, 'table.ranking th.change')).resolves.toBe('较2018年下半年');
    await page.close();
    // 2018-H2 compares with 2018-H1, never published: no change is known, none is new.
    const earlier = await open({ ...OFFICIAL, period: '2018-H2' });
    await expect(text(earlier.page, 'table.ranking th.change')).resolves.toBe('变化');
    const changes = await earlier.page.$$eval('table.ranking td.change', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(changes).toEqual(['—', '—', '—', '—', '—', '—']);
    await expect(text(earlier.page, '.status')).resolves.toContain(
      '上一期未发布正式结果，名次变化无从比较',
    );
    await earlier.page.close();
  });
});

describe('scopes and periods', () => {
  it("shows a county's official view from its city's board: ranks in the county, the city's beside", async () => {
    // 嵊州市 has no board of its own: its one station is last of 绍兴市's six.
    const { page, requests } = await open({ ...OFFICIAL, scope: '330683' });
    expect(requests()).toBe(1);
    await expect(text(page, '.status')).resolves.toContain(
      '取自绍兴市的正式榜单：名次为区县内名次，另列全市名次',
    );
    const rows = await page.$$eval('table.ranking tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-code'),
        tr.querySelector('td.rank')?.textContent,
        tr.querySelector('td.city-rank')?.textContent,
      ]),
    );
    expect(rows).toEqual([[ELSEWHERE, '1', '6']]);
    await page.close();
    const yuecheng = await open({ ...OFFICIAL, scope: '330602' });
    const ranks = await yuecheng.page.$$eval('table.ranking tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-code'),
        tr.querySelector('td.rank')?.textContent,
        tr.querySelector('td.city-rank')?.textContent,
      ]),
    );
    expect(ranks).toEqual([
      [S1, '1', '1'],
      [S4, '2', '2'],
      [S5, '2', '2'],
      [S3, '4', '4'],
      [S2, '5', '5'],
    ]);
    // The drill-down says both ranks, of the official result.
    await openStation(yuecheng.page, S3);
    await expect(text(yuecheng.page, '.drill .standing')).resolves.toBe(
      '正式结果 第 1 版 · 越城区第 4 名（共 5） · 绍兴市第 4 名',
    );
    await yuecheng.page.screenshot({ path: screenshotPath('county-view.png'), fullPage: true });
    await yuecheng.page.close();
  });

  it('ranks the counties by their mean total, with their grades, in a table of its own', async () => {
    const { page } = await open(OFFICIAL);
    const counties = await page.$$eval('table.counties tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    // 越城区 (85.71 + 62.67 × 2 + 55.67 + 46.67) / 5 = 62.68, median 62.67; 嵊州市 40.67.
    expect(counties).toEqual([
      ['1', '越城区', '5', '62.68', '62.67', '0', '1', '2', '2', '1'],
      ['2', '嵊州市', '1', '40.67', '40.67', '0', '0', '0', '1', '1'],
    ]);
    await page.close();
  });

  it('marks the published periods in the picker; an unpublished one is a notice naming them', async () => {
    const { page } = await open(OFFICIAL);
    const parts = await page.$$eval('select[name="period-part"] option', (os) =>
      os.map((o) => o.textContent),
    );
    expect(parts).toEqual(['上半年 ●', '下半年']);
    const years = await page.$$eval('select[name="period-year"] option', (os) =>
      os.map((o) => o.textContent).filter((t) => t?.includes('●')),
    );
    expect(years).toEqual(['2019年 ●', '2018年 ●']);
    await page.selectOption('select[name="period-part"]', 'H2');
    await page.waitForSelector('.notice.unpublished');
    await expect(text(page, '.notice.unpublished')).resolves.toBe(
      '该范围、考核期和方案尚未发布正式结果。已发布的半年考核期：2018年下半年、2019年上半年。',
    );
    await expect(page.locator('.problem').count()).resolves.toBe(0);
    await expect(page.getAttribute('body', 'data-status')).resolves.toBe('ready');
    await page.close();
  });

  it('labels the live drill-down as the preview and its history as the official results', async () => {
    // A late record: S4 solves a case in 2019-H1 after the board was published.
    await send('department:cases', 'LoadCases', {
      input: [
        {
          externalId: 'S4-late',
          stationCode: S4,
          category: 'OTHER',
          filedOn: '2019-03-01',
          solvedOn: '2019-03-02',
        },
      ],
    });
    const { page } = await open(LIVE);
    await openStation(page, S4);
    const standing = await text(page, '.drill .standing');
    expect(standing).toMatch(/^实时预览 · 第 \d 名（共 6，按当前数据）$/);
    await expect(text(page, '.drill .history h3')).resolves.toBe('历次正式晾晒（已发布的榜单）');
    await expect(text(page, '.history-points li[data-period="2019-H1"]')).resolves.toMatch(
      /^2019年上半年：第 2 名（共 6）/,
    );
    await page.screenshot({ path: screenshotPath('live-drill-down.png') });
    await page.close();
  });
});

describe('exports and print', () => {
  it("puts the filter in a filtered export's name and title, with the revision and its time", async () => {
    const { page } = await open(OFFICIAL);
    await page.selectOption('select[name="county"]', '330602');
    await page.selectOption('select[name="grade"]', 'PASS');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.export-csv'),
    ]);
    expect(csv.suggestedFilename()).toBe(
      '平安考核_绍兴市_2019年上半年_2019-H1_越城区_合格_第1版.csv',
    );
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.export-xlsx'),
    ]);
    expect(xlsx.suggestedFilename()).toBe(
      '平安考核_绍兴市_2019年上半年_2019-H1_越城区_合格_第1版.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const title = workbook.getWorksheet('榜单')?.getCell('A1').text;
    expect(title).toMatch(
      /^平安考核晾晒 绍兴市 2019年上半年 · 枫桥式派出所平安考核 · 筛选：越城区、合格 · 正式结果 第 1 版，发布于 \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(workbook.getWorksheet('榜单')?.rowCount).toBe(2 + 2);
    await page.close();
  });

  it('exports the drill-down: every indicator, deduction and veto with its rule', async () => {
    const { page } = await open(OFFICIAL);
    await openStation(page, S3);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.drill .export-drill'),
    ]);
    expect(csv.suggestedFilename()).toBe('平安考核_测试派出所003_2019年上半年_第1版_明细.csv');
    const lines = readFileSync(await csv.path(), 'utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('指标,部门,计分,本期,同期,同比,得分,满分,计分规则,说明');
    // 13 indicators, 1 deduction, 1 veto, the total.
    expect(lines).toHaveLength(1 + 13 + 1 + 1 + 1);
    expect(lines[14]).toBe('较大道路交通事故数,,扣分,1,,,-5,,每次扣 5 分,');
    expect(lines[15]).toBe('重大道路交通事故数,,一票否决,0,,,,,发生即一票否决,');
    expect(lines[16]).toBe('总分,,,,,,55.67,100,,等次：不合格');
    await page.close();
  });

  it('prints page numbers and the grade legend; the header fits one line at 1,280 px', async () => {
    const { page } = await open(OFFICIAL, 1280);
    // One line: every part of the header overlaps every other vertically.
    const oneLine = await page.$$eval('.top > *', (els) => {
      const boxes = els.map((el) => el.getBoundingClientRect());
      return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
    });
    expect(oneLine).toBe(true);
    // The scheme picked is named in the picker, not as 最新方案.
    await expect(text(page, 'select[name="scheme"] option:checked')).resolves.toBe(
      `枫桥式派出所平安考核（${SCHEME}）`,
    );
    await page.screenshot({ path: screenshotPath('header-1280.png') });
    await page.emulateMedia({ media: 'print' });
    await expect(page.isVisible('.print-header .grade-legend')).resolves.toBe(true);
    await expect(text(page, '.print-header .grade-legend')).resolves.toContain(
      '等次：优秀 良好 合格 不合格',
    );
    // The page's own @page rule: its footer counts the pages (Chromium draws margin boxes).
    const pageRule = await page.evaluate<string>(
      `[...document.styleSheets].flatMap((s) => [...s.cssRules])
         .filter((r) => r instanceof CSSPageRule).map((r) => r.cssText).join('\\n')`,
    );
    expect(pageRule).toContain('counter(page)');
    expect(pageRule).toContain('counter(pages)');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  });

  it('tells an assessor how to sign in, not a developer', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/screen/', gateway.url).toString());
    await page.waitForSelector('body[data-status="signin"]');
    const words = await text(page, '.signin');
    expect(words).toContain('登录令牌由平台管理员按您的考核人员账号发放');
    expect(words).not.toContain('npm');
    await page.screenshot({ path: screenshotPath('signin.png') });
    await page.close();
  });
});

describe('a record withdrawn after publication', () => {
  it('is listed withdrawn, marked as changed since, with its history, under the official figure', async () => {
    await send('department:cases', 'WithdrawCases', {
      ids: ['S1-c1'],
      reason: '重复录入',
    });
    const { page } = await open(OFFICIAL);
    await openStation(page, S1);
    await openRecords(page, 'tr[data-key="cases.criminalSolved"]');
    await expect(text(page, '.records-total')).resolves.toMatch(
      /共 3 条记录（含已撤回），计入合计 2；榜单数值 3（与现有记录不同：记录在计算后有变更）$/,
    );
    const withdrawn = page.locator('.records tr.withdrawn');
    await expect(withdrawn.getAttribute('data-id')).resolves.toBe('S1-c1');
    await expect(withdrawn.locator('td.state').textContent()).resolves.toMatch(
      /^已撤回（\d{4}-\d\d-\d\d \d\d:\d\d：重复录入） 发布后变更$/,
    );
    await expect(withdrawn.locator('td.counts').textContent()).resolves.toBe('0');
    await withdrawn.locator('summary').click();
    const history = await withdrawn.locator('.record-history > ol > li').allTextContents();
    expect(history).toHaveLength(2);
    expect(history[1]).toMatch(/撤回 · test-department:cases（department:cases） · 原因：重复录入/);
    await page.screenshot({ path: screenshotPath('withdrawn-record.png'), fullPage: true });
    await page.close();
  });
});
