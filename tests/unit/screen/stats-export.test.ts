import { parse } from 'csv-parse/sync';
import {
  exportFileName,
  exportTable,
  exportTitle,
  toCsv,
} from '../../../web/screen/src/export-table';
import { countyRanking, median, meansBy, summarize } from '../../../web/screen/src/stats';
import type { Board, BoardRow } from '../../../web/screen/src/types';

function row(code: string, rank: number, total: number, extra: Partial<BoardRow> = {}): BoardRow {
  return {
    rank,
    previousRank: null,
    rankChange: null,
    cityRank: null,
    code,
    name: `派出所${code.slice(-3)}`,
    divisionCode: code.slice(0, 6),
    total,
    grade: total >= 90 ? 'EXCELLENT' : total >= 80 ? 'GOOD' : total >= 60 ? 'PASS' : 'FAIL',
    vetoed: false,
    vetoes: [],
    departments: [
      { department: 'CASES', score: total / 2, max: 50 },
      { department: 'TRAFFIC', score: total / 2, max: 50 },
    ],
    deductions: [
      {
        key: 'traffic.majorAccidents',
        label: '较大道路交通事故数',
        count: 0,
        points: 0,
        note: null,
      },
    ],
    ...extra,
  };
}

const ROWS = [
  row('330602600001', 1, 91),
  row('330602600002', 2, 80, {
    deductions: [
      {
        key: 'traffic.majorAccidents',
        label: '较大道路交通事故数',
        count: 2,
        points: 10,
        note: null,
      },
    ],
  }),
  row('330683600001', 3, 70),
  row('330683600002', 4, 41, { vetoed: true, vetoes: ['traffic.severeAccidents'], grade: 'FAIL' }),
];

function board(extra: Partial<Board> = {}): Board {
  return {
    mode: 'live',
    scope: '330600',
    period: '2019-H1',
    scheme: {
      id: 's@1',
      name: 's',
      title: '方案',
      indicators: [],
      deductions: [],
      vetoes: [{ key: 'traffic.severeAccidents', label: '重大事故' }],
    },
    partial: false,
    publication: null,
    comparedWith: null,
    city: null,
    rows: ROWS,
    unavailable: [],
    // The registry's departments as the answer lists them: the columns' labels.
    departments: [
      { department: 'CASES', name: 'cases', label: '刑侦治安' },
      { department: 'TRAFFIC', name: 'traffic', label: '交警' },
    ],
    ...extra,
  };
}

describe('the summary band', () => {
  it('counts stations per grade and vetoes; mean and median of the totals', () => {
    expect(summarize(ROWS)).toEqual({
      stations: 4,
      byGrade: { EXCELLENT: 1, GOOD: 1, PASS: 1, FAIL: 1 },
      vetoed: 1,
      mean: 70.5,
      median: 75,
    });
    expect([median([]), median([3]), median([5, 1, 3]), median([4, 1, 3, 2])]).toEqual([
      0, 3, 3, 2.5,
    ]);
    expect(summarize([])).toMatchObject({ stations: 0, mean: 0, median: 0 });
  });

  it('means per county in code order', () => {
    expect(meansBy(ROWS, (r) => r.divisionCode)).toEqual([
      { code: '330602', stations: 2, mean: 85.5 },
      { code: '330683', stations: 2, mean: 55.5 },
    ]);
  });
});

describe('the export', () => {
  const names = (code: string) => ({ '330602': '越城区', '330683': '嵊州市' })[code] ?? code;

  it('has Chinese headers, one line per row shown, vetoes and deductions in words', () => {
    const table = exportTable(board(), ROWS.slice(1, 4), names);
    expect(table.headers).toEqual([
      '名次',
      '派出所',
      '机构代码',
      '所属区县',
      '刑侦治安得分（满分50）',
      '交警得分（满分50）',
      '总分',
      '等次',
      '一票否决',
      '扣分',
    ]);
    expect(table.rows).toEqual([
      [
        2,
        '派出所002',
        '330602600002',
        '越城区',
        40,
        40,
        80,
        '良好',
        '',
        '较大道路交通事故数 2 次 扣 10 分',
      ],
      [3, '派出所001', '330683600001', '嵊州市', 35, 35, 70, '合格', '', ''],
      [4, '派出所002', '330683600002', '嵊州市', 20.5, 20.5, 41, '不合格', '重大事故', ''],
    ]);
  });

  it('adds the rank change on an official board, and says 不可用 for a department the preview lacked', () => {
    const official = exportTable(
      board({
        mode: 'official',
        rows: [{ ...row('330602600001', 1, 91), previousRank: 4, rankChange: 3 }],
        unavailable: ['TRAFFIC'],
        comparedWith: '2018-H2',
      }),
      [{ ...row('330602600001', 1, 91), previousRank: 4, rankChange: 3 }],
      names,
    );
    expect(official.headers.slice(0, 2)).toEqual(['名次', '名次变化（较2018年下半年）']);
    expect(official.rows[0]?.slice(0, 2)).toEqual([1, '↑3']);
    expect(official.rows[0]?.slice(5, 7)).toEqual([45.5, '不可用']);
  });

  it('writes CSV with a byte order mark, quoting what needs it', () => {
    expect(
      toCsv({
        headers: ['名次', '派出所'],
        rows: [
          [1, 'a,"b"'],
          [2, '枫桥'],
        ],
      }),
    ).toBe('\uFEFF名次,派出所\r\n1,"a,""b"""\r\n2,枫桥\r\n');
  });

  it('neutralises station names a spreadsheet would run as formulas (OWASP), in the CSV as opened', () => {
    const hostile = [
      '=HYPERLINK("http://x","y")',
      "+cmd|' /C calc'!A0",
      '@SUM(1)',
      '-2+3+cmd',
      '\t=1+1',
      '\r=1+1',
    ];
    const rows = hostile.map((name, i) => row(`33060260010${i}`, i + 1, -5, { name }));
    const csv = toCsv(exportTable(board(), rows, names));
    // Read back as a spreadsheet reads it: one record per line, quotes undone.
    const [header, ...records]: string[][] = parse(csv.slice(1), { relaxQuotes: false });
    const nameAt = header?.indexOf('派出所') ?? -1;
    expect(records.map((r) => r[nameAt])).toEqual(hostile.map((name) => `'${name}`));
    // No cell of any record starts with what a spreadsheet evaluates; numbers stay numbers.
    expect(records.flat().filter((cell) => /^[=+@\t\r]/.test(cell))).toEqual([]);
    expect(records.map((r) => r[header?.indexOf('总分') ?? -1])).toEqual(hostile.map(() => '-5'));
  });

  it('names the file for the scope, the period and the revision (or the live preview)', () => {
    expect(exportFileName(board(), '绍兴市', 'csv')).toBe(
      '平安考核_绍兴市_2019年上半年_2019-H1_实时预览.csv',
    );
    const published = board({
      mode: 'official',
      publication: {
        revision: 2,
        publishedAt: '2019-07-05T01:00:00Z',
        publisherName: 'a',
        revisions: [],
        reason: '申诉',
      },
    });
    expect(exportFileName(published, '绍兴市', 'xlsx')).toBe(
      '平安考核_绍兴市_2019年上半年_2019-H1_第2版.xlsx',
    );
  });
});

describe('a county view and a filtered export', () => {
  it('without a published previous board, changes are — and the header names no period', () => {
    const table = exportTable(board({ mode: 'official', rows: ROWS }), ROWS, (code) => code);
    expect(table.headers[1]).toBe('名次变化');
    expect(table.rows.map((r) => r[1])).toEqual(['—', '—', '—', '—']);
  });

  it('names the filter in the file and the title, with the revision and its publication time', () => {
    const published = board({
      mode: 'official',
      publication: {
        revision: 2,
        publishedAt: '2019-07-05T01:30:00.000Z',
        publisherName: 'a',
        reason: 'r',
        revisions: [],
      },
    });
    expect(exportFileName(published, '绍兴市', 'csv', ['嵊州市', '合格'])).toBe(
      '平安考核_绍兴市_2019年上半年_2019-H1_嵊州市_合格_第2版.csv',
    );
    expect(exportTitle(published, '绍兴市', ['嵊州市', '合格'])).toBe(
      '平安考核晾晒 绍兴市 2019年上半年 · 方案 · 筛选：嵊州市、合格 · 正式结果 第 2 版，发布于 2019-07-05 09:30',
    );
    expect(exportTitle(board(), '绍兴市', [])).toBe(
      '平安考核晾晒 绍兴市 2019年上半年 · 方案 · 实时预览（非正式结果）',
    );
  });

  it('ranks counties by their mean total, equal means sharing a rank', () => {
    const tied = [...ROWS, row('330603600001', 5, 85.5)];
    expect(countyRanking(tied).map((c) => [c.code, c.rank, c.stations, c.mean])).toEqual([
      ['330602', 1, 2, 85.5],
      ['330603', 1, 1, 85.5],
      ['330683', 3, 2, 55.5],
    ]);
  });
});
