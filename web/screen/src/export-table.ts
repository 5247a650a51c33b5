/** The table as exported (.csv here, .xlsx in xlsx.ts): the same columns, Chinese headers. */
import {
  changeHeader,
  dateTime,
  departmentLabel,
  GRADE_LABEL,
  periodLabel,
  rankChangeText,
} from './format';
import type { Board, BoardRow, Department } from './types';

export type Cell = string | number;

export interface ExportTable {
  headers: string[];
  rows: Cell[][];
}

/** The departments of a board, in the order its rows list them. */
export function departmentsOf(board: Board): Department[] {
  return board.rows[0]?.departments.map((d) => d.department) ?? [];
}

export function vetoText(board: Board, row: BoardRow): string {
  const labels = new Map(board.scheme.vetoes.map((v) => [v.key, v.label]));
  return row.vetoes.map((key) => labels.get(key) ?? key).join('、');
}

/** The deductions a row suffered: "较大道路交通事故数 1 次 扣 5 分"; empty when none. */
export function deductionText(row: BoardRow): string {
  return row.deductions
    .filter((d) => d.count > 0)
    .map((d) => `${d.label} ${d.count} 次 扣 ${d.points} 分`)
    .join('；');
}

/**
 * A text cell a spreadsheet could take for a formula (OWASP's CSV injection rule: a leading
 * `=`, `+`, `-`, `@`, tab or carriage return), given a leading `'` so it is shown as text: a
 * station named `=HYPERLINK(...)` must not become a link, nor `+cmd|...` a command, in the
 * file an assessor opens. Numbers are numbers, negative or not.
 */
function neutralised(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * The rows as the table shows them (already filtered), one cell per column. A department the
 * live preview could not read is "不可用", never a 0 that would look like a score. Text that a
 * spreadsheet would evaluate is neutralised.
 */
export function exportTable(
  board: Board,
  rows: readonly BoardRow[],
  countyName: (code: string) => string,
): ExportTable {
  const departments = departmentsOf(board);
  const official = board.mode === 'official';
  const headers = [
    board.city ? '区县内名次' : '名次',
    ...(board.city ? ['全市名次'] : []),
    ...(official
      ? [board.comparedWith ? `名次变化（${changeHeader(board.comparedWith)}）` : '名次变化']
      : []),
    '派出所',
    '机构代码',
    '所属区县',
    ...departments.map((d) => {
      const max = board.rows[0]?.departments.find((s) => s.department === d)?.max ?? 0;
      return `${departmentLabel(board.departments, d)}得分（满分${max}）`;
    }),
    '总分',
    '等次',
    '一票否决',
    '扣分',
  ];
  const body = rows.map((row) => [
    row.rank,
    ...(board.city ? [row.cityRank ?? ''] : []),
    ...(official
      ? [rankChangeText(row.previousRank, row.rankChange, board.comparedWith !== null)]
      : []),
    row.name,
    row.code,
    countyName(row.divisionCode),
    ...departments.map((d): Cell => {
      if (board.unavailable.includes(d)) return '不可用';
      return row.departments.find((s) => s.department === d)?.score ?? '';
    }),
    row.total,
    GRADE_LABEL[row.grade],
    vetoText(board, row),
    deductionText(row),
  ]);
  return safeTable(headers, body);
}

/** Every text cell of every export (CSV and xlsx) is made safe here, once. */
export function safeTable(headers: string[], rows: Cell[][]): ExportTable {
  return { headers, rows: rows.map((cells) => cells.map(neutralised)) };
}

function csvCell(cell: Cell): string {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a byte order mark, so that Excel opens the Chinese as UTF-8. */
export function toCsv(table: ExportTable): string {
  const lines = [table.headers, ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * 平安考核_绍兴市_2019年上半年_2019-H1_第2版.csv, with the filter when the table is filtered
 * (平安考核_绍兴市_2019年上半年_2019-H1_诸暨市_优秀_第2版.csv); a live preview says so instead of
 * a revision. `filter`: the words of the filter, none when the whole board is exported.
 */
export function exportFileName(
  board: Board,
  scopeName: string,
  extension: string,
  filter: readonly string[] = [],
): string {
  const edition = board.publication ? `第${board.publication.revision}版` : '实时预览';
  const parts = [
    '平安考核',
    scopeName,
    periodLabel(board.period),
    board.period,
    ...filter,
    edition,
  ];
  return `${parts.join('_')}.${extension}`;
}

/**
 * The first row of a workbook: what, which filter, which revision and when it was published
 * (or that it is a live preview).
 */
export function exportTitle(board: Board, scopeName: string, filter: readonly string[]): string {
  const edition = board.publication
    ? `正式结果 第 ${board.publication.revision} 版，发布于 ${dateTime(board.publication.publishedAt)}`
    : '实时预览（非正式结果）';
  return [
    `平安考核晾晒 ${scopeName} ${periodLabel(board.period)}`,
    board.scheme.title,
    filter.length > 0 ? `筛选：${filter.join('、')}` : '',
    edition,
  ]
    .filter((part) => part !== '')
    .join(' · ');
}
