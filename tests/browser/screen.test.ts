import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { RunningGateway } from '../../gateway/src/gateway';
import { WEB_DIR } from '../../gateway/src/web';
import { listedOperation } from '../../platform/operations';
import { signToken, claimsFromEnv } from '../../platform/auth';
import { launchBrowser } from '../../scripts/chromium';
import { assertWebBuilt, screenshotPath } from '../support/browser';
import { ELSEWHERE, S1, S2, S3, S4, S5, loadHandMadeBoard } from '../support/hand-made-board';
import { startPlatform, type Platform } from '../support/platform';
import { crowdOfStations, registerStations } from '../support/stations';
import { tokenFor } from '../support/tokens';
import { openCounting, screenLink, type Opened } from '../support/screen-page';

// 2019-H1 has ended by this "today": the board is whole, not partial.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * The 晾晒 screen in Debian's Chromium, over the hand-made board of 绍兴市 (330600) for 2019-H1:
 * the five stations of 越城区 and the one of 嵊州市, served by a gateway with SAFELIST=on so that
 * the screen proves it runs on listed ids alone.
 */
let platform: Platform;
let safelisted: RunningGateway;
let browser: Browser;
let assessor: string;
/**
 * The live preview of the board; OFFICIAL its published result. The figures below are worked
 * out under fengqiao-2019@1, which the views name (the newest version is fengqiao-2019@2).
 */
const SCHEME = 'fengqiao-2019@1';
const VIEW = { scope: '330600', period: '2019-H1', mode: 'live', scheme: SCHEME };
const OFFICIAL = { scope: '330600', period: '2019-H1', mode: 'official', scheme: SCHEME };

/** Figures measured in the browser and of the build, printed at the end. */
const timings: Record<string, number> = {};

beforeAll(async () => {
  assertWebBuilt();
  platform = await startPlatform();
  await loadHandMadeBoard(platform);
  safelisted = await platform.startGateway({ SAFELIST: 'on' });
  assessor = await tokenFor('assessor');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (Object.keys(timings).length > 0) {
    console.log(`screen figures (ms; KB): ${JSON.stringify(timings)}`);
  }
});

function screenUrl(
  token: string,
  view: Record<string, string> = VIEW,
  gateway = safelisted,
): string {
  return screenLink(gateway, token, view);
}

const open = (url: string, width?: number) => openCounting(browser, url, width);

/** ms from the start of navigation to a mark the screen sets once a view is drawn. */
function markTime(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (mark) => Math.round(performance.getEntriesByName(mark).at(-1)?.startTime ?? -1),
    name,
  );
}

interface TableRow {
  code: string;
  rank: string;
  name: string;
  county: string;
  departments: { dept: string; score: string; width: number }[];
  total: string;
  grade: string;
  marks: string;
}

function tableRows(page: Page): Promise<TableRow[]> {
  return page.$$eval('table.ranking tbody tr:not(.off-page)', (trs) =>
    trs.map((tr) => {
      const text = (selector: string) => tr.querySelector(selector)?.textContent?.trim() ?? '';
      return {
        code: tr.getAttribute('data-code') ?? '',
        rank: text('td.rank'),
        name: text('td.name'),
        county: text('td.county'),
        departments: [...tr.querySelectorAll('td.dept')].map((td) => ({
          dept: td.getAttribute('data-dept') ?? '',
          score: td.querySelector('.score')?.textContent ?? td.textContent ?? '',
          width: parseFloat(
            /width:\s*([\d.]+)%/.exec(
              td.querySelector('.bar i')?.getAttribute('style') ?? '',
            )?.[1] ?? 'NaN',
          ),
        })),
        total: text('td.total'),
        grade: text('td.grade'),
        marks: text('td.marks'),
      };
    }),
  );
}

const MAX = { CASES: 40, TRAFFIC: 20, SURVEYS: 40 };
const NAME = (code: string) => `测试派出所${code.slice(-3)}`;

/**
 * The board by hand (see tests/support/hand-made-board.ts and assessment-board.test.ts): code,
 * rank, county, total, grade, department scores (cases, traffic, surveys), marks. ELSEWHERE: a
 * homicide against none (0 of 6), an 11-death accident (veto; deaths and accidents 0 of 16,
 * injuries NONE 4): cases 28, traffic 4, surveys 8.67 = 40.67, last behind the other veto.
 */
const BOARD: [string, string, string, string, string, number[], string][] = [
  [S1, '1', '越城区', '85.71', '良好', [37.33, 14, 34.38], ''],
  [S4, '2', '越城区', '62.67', '合格', [34, 20, 8.67], ''],
  [S5, '2', '越城区', '62.67', '合格', [34, 20, 8.67], ''],
  [S3, '4', '越城区', '55.67', '不合格', [34, 18, 8.67], '扣 5 分'],
  [S2, '5', '越城区', '46.67', '不合格', [34, 4, 8.67], '否决：重大道路交通事故数'],
  [ELSEWHERE, '6', '嵊州市', '40.67', '不合格', [28, 4, 8.67], '否决：重大道路交通事故数'],
];

/** A row of the listed board operation, as the export is compared with it. */
interface ApiRow {
  rank: number;
  total: number;
  grade: 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL';
  vetoed: boolean;
  station: { code: string; name: string };
  departments: { score: number }[];
  deductions: { label: string; count: number; points: number }[];
}

const GRADE_WORD = { EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格' };

function expectBoard(rows: TableRow[], expected: typeof BOARD): void {
  expect(rows.map((r) => [r.code, r.rank, r.name, r.county, r.total, r.grade, r.marks])).toEqual(
    expected.map(([code, rank, county, total, grade, , marks]) => [
      code,
      rank,
      NAME(code),
      county,
      total,
      grade,
      marks,
    ]),
  );
  rows.forEach((row, i) => {
    const scores = expected[i]?.[5] ?? [];
    expect(row.departments.map((d) => [d.dept, Number(d.score)])).toEqual([
      ['CASES', scores[0]],
      ['TRAFFIC', scores[1]],
      ['SURVEYS', scores[2]],
    ]);
    // Each bar is its score's share of the department's maximum.
    row.departments.forEach((d, j) => {
      const max = Object.values(MAX)[j] ?? 1;
      expect(Math.abs(d.width - (100 * (scores[j] ?? 0)) / max)).toBeLessThanOrEqual(0.06);
    });
  });
}

describe('the page', () => {
  it('loads at most 300 KB of gzipped JavaScript first; exceljs only when exporting', () => {
    const html = readFileSync(join(WEB_DIR, 'screen', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\.\.\/(assets\/[^"]+\.js)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(WEB_DIR, file))).length,
      0,
    );
    timings.firstLoadJsGzippedKB = Math.round(gzipped / 1024);
    expect(gzipped).toBeLessThanOrEqual(300 * 1024);
    expect(scripts.some((file) => file.includes('exceljs'))).toBe(false);
  });
});

describe('the board of 绍兴市 for 2019-H1, opened with a token', () => {
  let opened: Opened;

  beforeAll(async () => {
    opened = await open(screenUrl(assessor));
    timings.board = await markTime(opened.page, 'screen:board');
  });
  afterAll(() => opened.page.close());

  it('shows every station with its rank, county, department bars, total, grade and marks, in one request', async () => {
    const { page } = opened;
    expectBoard(await tableRows(page), BOARD);
    expect(opened.requests()).toBe(1);
    // The token left the address bar at once; the view stayed.
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toContain('scope=330600');
    await expect(page.textContent('.status')).resolves.toContain('实时预览');
    await page.screenshot({ path: screenshotPath('board.png'), fullPage: true });
  });

  it('sums up the board: stations per grade, mean and median, each county in the chart', async () => {
    const { page } = opened;
    const figures = await page.$$eval('.figures .figure', (els) =>
      els.map((el) => [el.querySelector('span')?.textContent, el.querySelector('b')?.textContent]),
    );
    // (85.71 + 62.67 + 62.67 + 55.67 + 46.67 + 40.67) / 6 = 59.01; median (55.67 + 62.67) / 2 = 59.17
    expect(figures).toEqual([
      ['参评派出所', '6'],
      ['优秀', '0'],
      ['良好', '1'],
      ['合格', '2'],
      ['不合格', '3'],
      ['一票否决', '2'],
      ['平均分', '59.01'],
      ['中位数', '59.17'],
    ]);
    // 越城区 (85.71 + 62.67 × 2 + 55.67 + 46.67) / 5 = 62.68; 嵊州市 40.67
    await expect(page.getAttribute('.means-chart', 'aria-label')).resolves.toBe(
      '越城区 62.68，嵊州市 40.67',
    );
    await page.waitForSelector('.means-chart canvas');
  });

  it('filters by county and grade without asking the platform again', async () => {
    const { page } = opened;
    await page.selectOption('select[name="county"]', '330683');
    expectBoard(await tableRows(page), BOARD.slice(5));
    await page.selectOption('select[name="county"]', '');
    await page.selectOption('select[name="grade"]', 'PASS');
    expectBoard(await tableRows(page), BOARD.slice(1, 3));
    await page.selectOption('select[name="grade"]', '');
    expect(opened.requests()).toBe(1);
  });

  it('exports the table as it is filtered, to CSV and Excel, rows equal to the board', async () => {
    const { page } = opened;
    const board = await platform.query(listedOperation('AssessmentBoardScreen'), {
      token: assessor,
      variables: { scope: VIEW.scope, period: VIEW.period, schemeId: SCHEME },
    });
    expect(board.errors).toBeUndefined();
    const expected = (board.data.assessmentBoard.rows as ApiRow[]).map((row) => [
      String(row.rank),
      row.station.name,
      row.station.code,
      BOARD.find(([code]) => code === row.station.code)?.[2],
      ...row.departments.map((d) => String(d.score)),
      String(row.total),
      GRADE_WORD[row.grade],
      row.vetoed ? '重大道路交通事故数' : '',
      row.deductions
        .filter((d) => d.count > 0)
        .map((d) => `${d.label} ${d.count} 次 扣 ${d.points} 分`)
        .join('；'),
    ]);
    expect(expected).toHaveLength(6);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.export-csv'),
    ]);
    expect(csv.suggestedFilename()).toBe('平安考核_绍兴市_2019年上半年_2019-H1_实时预览.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(lines[0]).toEqual([
      '名次',
      '派出所',
      '机构代码',
      '所属区县',
      '刑侦治安得分（满分40）',
      '交警得分（满分20）',
      '群众评价得分（满分40）',
      '总分',
      '等次',
      '一票否决',
      '扣分',
    ]);
    expect(lines.slice(1)).toEqual(expected);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.export-xlsx'),
    ]);
    expect(xlsx.suggestedFilename()).toBe('平安考核_绍兴市_2019年上半年_2019-H1_实时预览.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.getWorksheet('榜单');
    const cells: string[][] = [];
    sheet?.eachRow((row) =>
      cells.push((row.values as (string | number | null)[]).slice(1).map((v) => String(v ?? ''))),
    );
    expect(cells[0]?.[0]).toContain('绍兴市');
    expect(cells[1]).toEqual(lines[0]);
    expect(cells.slice(2)).toEqual(expected);
  });

  it('opens a station: every indicator with its values, 同比, points and note in words, in one request', async () => {
    const { page } = opened;
    const before = opened.requests();
    await page.click(`tr[data-code="${S1}"] button.station`);
    await page.waitForSelector('.drill[data-status="ready"]');
    timings.drillDown = await page.evaluate(() =>
      Math.round(
        (performance.getEntriesByName('screen:station').at(-1)?.startTime ?? 0) -
          (performance.getEntriesByName('screen:station-open').at(-1)?.startTime ?? 0),
      ),
    );
    expect(opened.requests()).toBe(before + 1);
    const indicators = await page.$$eval('.drill table.indicators tbody tr', (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td:not(.rule)')].map((td) => td.textContent?.trim()),
      ),
    );
    expect(indicators).toEqual([
      ['刑事案件破案数', '刑侦治安', '同比', '3', '2', '+50.0%', '10 / 10', '—'],
      ['电信网络诈骗案件破案数', '刑侦治安', '同比', '1', '1', '0.0%', '5.33 / 8', '—'],
      ['命案发案数', '刑侦治安', '同比', '0', '0', '0.0%', '6 / 6', '本期未发生，得满分'],
      ['传统侵财案件发案数', '刑侦治安', '同比', '1', '2', '-50.0%', '6 / 6', '—'],
      [
        '盗窃两车案件发案数',
        '刑侦治安',
        '同比',
        '0',
        '1',
        '-100.0%',
        '4 / 4',
        '本期未发生，得满分',
      ],
      [
        '矛盾纠纷调解成功率',
        '刑侦治安',
        '比率',
        '100.00%',
        '50.00%',
        '+50.00 个百分点',
        '6 / 6',
        '—',
      ],
      ['道路交通事故死亡人数', '交警', '同比', '1', '2', '-50.0%', '10 / 10', '—'],
      ['道路交通事故起数', '交警', '同比', '2', '2', '0.0%', '4 / 6', '—'],
      ['道路交通事故受伤人数', '交警', '同比', '3', '2', '+50.0%', '0 / 4', '—'],
      ['群众安全感', '群众评价', '比率', '100.00%', '90.00%', '+10.00 个百分点', '15 / 15', '—'],
      ['群众满意度', '群众评价', '比率', '95.00%', '100.00%', '-5.00 个百分点', '9.38 / 15', '—'],
      ['12389有效投诉数', '群众评价', '同比', '1', '2', '-50.0%', '6 / 6', '—'],
      ['锦旗和表扬信数', '群众评价', '同比', '3', '2', '+50.0%', '4 / 4', '—'],
    ]);
    await expect(page.textContent('.drill .facts')).resolves.toContain(
      '实时预览 · 第 1 名（共 6，按当前数据）',
    );
    await expect(page.textContent('.drill .deductions')).resolves.toContain(
      '较大道路交通事故数：本期 0 次，每次扣 5 分，未扣分',
    );
    await page.screenshot({ path: screenshotPath('drill-down.png'), fullPage: false });
    await page.click('.drill .close');
  });

  it('says in words why a station without records scored as it did, and shows a veto', async () => {
    const { page } = opened;
    await page.click(`tr[data-code="${S5}"] button.station`);
    await page.waitForSelector('.drill[data-status="ready"]');
    const notes = await page.$$eval('.drill table.indicators tbody tr', (trs) =>
      trs.map((tr) => [
        tr.querySelector('td.label')?.textContent,
        tr.querySelector('td.note')?.textContent,
      ]),
    );
    expect(notes.map(([, note]) => note)).toEqual([
      '同期为零：本期有发生按上升 100% 计，未发生按持平计',
      '同期为零：本期有发生按上升 100% 计，未发生按持平计',
      '本期未发生，得满分',
      '本期未发生，得满分',
      '本期未发生，得满分',
      '样本不足，无可评价，按满分计',
      '本期未发生，得满分',
      '本期未发生，得满分',
      '本期未发生，得满分',
      '样本不足，不得分',
      '样本不足，不得分',
      '本期未发生，得满分',
      '同期为零：本期有发生按上升 100% 计，未发生按持平计',
    ]);
    await page.click('.drill .close');
    await page.click(`tr[data-code="${S2}"] button.station`);
    await page.waitForSelector('.drill[data-status="ready"]');
    await expect(page.textContent('.drill .veto-line')).resolves.toContain(
      '一票否决：重大道路交通事故数',
    );
    await page.click('.drill .close');
  });

  it('prints the whole table on A4 landscape with period, scope, scheme and edition in the header', async () => {
    const { page } = opened;
    await page.emulateMedia({ media: 'print' });
    // A4 landscape less 10 mm margins, at 96 dpi.
    await page.setViewportSize({ width: 1047, height: 740 });
    const header = await page.textContent('.print-header');
    expect(header).toContain('绍兴市 平安考核晾晒榜 · 2019年上半年');
    expect(header).toContain('考核方案：枫桥式派出所平安考核（fengqiao-2019@1）');
    expect(header).toContain('实时预览（非正式结果）');
    await expect(page.isVisible('.top')).resolves.toBe(false);
    await expect(page.isVisible('.print-header')).resolves.toBe(true);
    await expect(page.locator('table.ranking tbody tr:visible').count()).resolves.toBe(6);
    await page.screenshot({ path: screenshotPath('print.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('the official result', () => {
  async function publish(period: string, reason?: string): Promise<void> {
    const res = await platform.query(listedOperation('PublishAssessmentBoard'), {
      token: assessor,
      variables: { scope: '330600', period, schemeId: SCHEME, ...(reason ? { reason } : {}) },
    });
    expect(res.errors).toBeUndefined();
  }

  beforeAll(async () => {
    // 2018-H2: no station has a record in it or in 2017-H2, so all six tie at 62.67, rank 1.
    await publish('2018-H2');
    await publish('2019-H1');
  });

  it('shows the newest revision with its publication, and each rank change against 2018-H2', async () => {
    const { page, requests } = await open(screenUrl(assessor, OFFICIAL));
    expectBoard(await tableRows(page), BOARD);
    expect(requests()).toBe(1);
    const changes = await page.$$eval('table.ranking tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-code'), tr.querySelector('td.change')?.textContent]),
    );
    expect(changes).toEqual([
      [S1, '持平'],
      [S4, '↓1'],
      [S5, '↓1'],
      [S3, '↓3'],
      [S2, '↓4'],
      [ELSEWHERE, '↓5'],
    ]);
    await expect(page.textContent('.status')).resolves.toMatch(
      /^正式结果 第 1 版 · 发布于 \d{4}-\d\d-\d\d \d\d:\d\d · 发布人 test-assessor · 名次变化较2018年下半年版本记录/,
    );
    // The toggle shows the live preview of the same view: one request more.
    await page.click('.mode button[data-mode="live"]');
    await page.waitForSelector('.status.live');
    expectBoard(await tableRows(page), BOARD);
    expect(requests()).toBe(2);
    await page.close();
  });

  it('drills down into a published row with its history of published periods, in one request', async () => {
    const { page, requests } = await open(screenUrl(assessor, OFFICIAL));
    const started = Date.now();
    await page.click(`tr[data-code="${S1}"] button.station`);
    await page.waitForSelector('.drill[data-status="ready"]');
    timings.officialDrillDownClickToDrawn = Date.now() - started;
    expect(requests()).toBe(2);
    await expect(page.locator('.drill table.indicators tbody tr').count()).resolves.toBe(13);
    const history = await page.$$eval('.history-points li', (lis) =>
      lis.map((li) => li.textContent),
    );
    expect(history).toEqual([
      '2019年上半年：第 1 名（共 6），85.71 分，良好',
      '2018年下半年：第 1 名（共 6），62.67 分，合格',
    ]);
    await page.waitForSelector('.history-chart canvas');
    await page.screenshot({ path: screenshotPath('official-drill-down.png') });
    await page.close();
  });

  it('shows a new revision with its reason, and names the revision in the export', async () => {
    await publish('2019-H1', '申诉更正：复核后重新发布');
    const { page } = await open(screenUrl(assessor, OFFICIAL));
    await expect(page.textContent('.status')).resolves.toContain('第 2 版');
    await expect(page.textContent('.status')).resolves.toContain(
      '修订原因：申诉更正：复核后重新发布',
    );
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.export-csv'),
    ]);
    expect(csv.suggestedFilename()).toBe('平安考核_绍兴市_2019年上半年_2019-H1_第2版.csv');
    const lines = readFileSync(await csv.path(), 'utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n');
    expect(lines[0]?.split(',').slice(0, 3)).toEqual([
      '名次',
      '名次变化（较2018年下半年）',
      '派出所',
    ]);
    expect(lines[1]?.split(',').slice(0, 3)).toEqual(['1', '持平', NAME(S1)]);
    await page.screenshot({ path: screenshotPath('official-board.png'), fullPage: true });
    await page.close();
  });

  it('says a period was never published, and offers the live preview', async () => {
    const { page, requests } = await open(screenUrl(assessor, { ...OFFICIAL, period: '2019-Q1' }));
    await expect(page.textContent('.notice.unpublished')).resolves.toBe(
      '该范围、考核期和方案尚未发布正式结果。该范围尚无已发布的季度考核期。',
    );
    await expect(page.locator('.problem').count()).resolves.toBe(0);
    expect(requests()).toBe(1);
    await page.click('button.to-live');
    await page.waitForSelector('table.ranking');
    await expect(page.textContent('.status')).resolves.toContain('实时预览');
    await expect(page.locator('table.ranking tbody tr').count()).resolves.toBe(6);
    expect(requests()).toBe(2);
    await page.close();
  });
});

describe('errors in words', () => {
  it('an expired token: asks for a new one', async () => {
    const expired = await signToken(
      process.env.JWT_SECRET ?? '',
      { sub: 'test-expired', roles: ['assessor'] },
      { ...claimsFromEnv(), expiresIn: '-1m' },
    );
    const { page } = await open(screenUrl(expired));
    await expect(page.textContent('.signin .problem')).resolves.toBe(
      '登录令牌已过期，请重新输入令牌。',
    );
    await expect(page.isVisible('.signin textarea')).resolves.toBe(true);
    // A fresh token pasted in opens the board.
    await page.fill('.signin textarea', assessor);
    await page.click('.signin button[type="submit"]');
    await page.waitForSelector('body[data-status="ready"]');
    expectBoard(await tableRows(page), BOARD);
    await page.close();
  });

  it('a department down: its scores unavailable, the rest of the board intact', async () => {
    await platform.stopSubgraph('traffic');
    try {
      const { page } = await open(screenUrl(assessor));
      await expect(page.textContent('.problem.department')).resolves.toBe(
        '交警部门数据暂不可用：其得分显示为“不可用”，总分与名次只计其余部门。',
      );
      const rows = await tableRows(page);
      expect(rows).toHaveLength(6);
      for (const row of rows) {
        const [cases, traffic, surveys] = row.departments;
        const expected = BOARD.find(([code]) => code === row.code)?.[5] ?? [];
        expect([cases?.score, traffic?.score, surveys?.score]).toEqual([
          String(expected[0]),
          '不可用',
          String(expected[2]),
        ]);
      }
      await page.screenshot({ path: screenshotPath('department-down.png') });
      await page.close();
    } finally {
      await platform.restartSubgraph('traffic');
    }
  });

  it('the platform unreachable: says so', async () => {
    const page = await browser.newPage();
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.goto(screenUrl(assessor));
    await page.waitForSelector('body[data-status="error"]');
    await expect(page.textContent('.problem.unreachable')).resolves.toContain('无法连接考核平台');
    await page.close();
  });
});

describe('on a gateway without the safelist', () => {
  it('sends the text once when the gateway does not know the id yet, then ids alone', async () => {
    const { page, requests } = await open(screenUrl(assessor, VIEW, platform.gateway));
    expectBoard(await tableRows(page), BOARD);
    const first = requests();
    expect(first).toBeLessThanOrEqual(2);
    await page.selectOption('select[name="period-part"]', 'H2');
    await page.waitForSelector('body[data-status="ready"]');
    await page.selectOption('select[name="period-part"]', 'H1');
    await page.waitForSelector('body[data-status="ready"]');
    expectBoard(await tableRows(page), BOARD);
    expect(requests() - first).toBe(2);
    await page.close();
  });
});

describe('a board of more than 200 stations', () => {
  it('pages by 100 without asking again, and prints every row', async () => {
    // 180 more stations in 新昌县 and 20 in 嵊州市: the province's board has 206.
    expect(await registerStations(platform, crowdOfStations())).toBe(200);
    const { page, requests } = await open(
      screenUrl(assessor, { scope: '330000', period: '2019-H1', mode: 'live' }),
    );
    const visible = page.locator('table.ranking tbody tr:visible');
    await expect(visible.count()).resolves.toBe(100);
    await expect(page.textContent('.pager')).resolves.toContain('第 1 / 3 页');
    await expect(visible.first().getAttribute('data-code')).resolves.toBe(S1);
    await page.click('.pager button:has-text("下一页")');
    await page.click('.pager button:has-text("下一页")');
    await expect(visible.count()).resolves.toBe(6);
    await expect(page.textContent('.pager')).resolves.toContain(
      '第 3 / 3 页（第 201–206 名，共 206）',
    );
    // The province's summary charts its cities: all of them are in 绍兴市 here.
    await expect(page.getAttribute('.means-chart', 'aria-label')).resolves.toMatch(
      /^绍兴市 \d+\.\d\d$/,
    );
    await page.emulateMedia({ media: 'print' });
    await expect(visible.count()).resolves.toBe(206);
    expect(requests()).toBe(1);
    await page.close();
  });
});
