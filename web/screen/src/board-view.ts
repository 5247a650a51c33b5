/** The board: summary band, filters, the ranking table and its pages. */
import { drawMeans } from './charts';
import { h, select } from './dom';
import { deductionText, departmentsOf, vetoText } from './export-table';
import {
  departmentLabel,
  GRADE_COLOR,
  GRADE_LABEL,
  GRADES,
  barPercent,
  changeHeader,
  fixed2,
  points,
  rankChangeText,
  rankTrend,
} from './format';
import { cityOf, meansBy, summarize } from './stats';
import type { Board, BoardRow, Grade } from './types';

/** Up to this many rows the table is one page (a city's 92); beyond, pages of PAGE_SIZE. */
const ONE_PAGE_UP_TO = 200;
const PAGE_SIZE = 100;

export interface Filters {
  county: string;
  grade: string;
}

export function filtered(board: Board, filters: Filters): BoardRow[] {
  return board.rows.filter(
    (row) =>
      (filters.county === '' || row.divisionCode === filters.county) &&
      (filters.grade === '' || row.grade === filters.grade),
  );
}

export function gradeChip(grade: Grade): HTMLElement {
  return h(
    'span',
    { class: 'grade-chip', style: `background:${GRADE_COLOR[grade]}`, 'data-grade': grade },
    GRADE_LABEL[grade],
  );
}

export function summaryBand(board: Board, nameOf: (code: string) => string): HTMLElement {
  const summary = summarize(board.rows);
  // A province board has too many counties for one chart: it shows its cities.
  const byCity = board.scope.length === 6 && board.scope.endsWith('0000');
  const means = meansBy(board.rows, (row) =>
    byCity ? cityOf(row.divisionCode) : row.divisionCode,
  );
  const chart = h('div', { class: 'means-chart', role: 'img' });
  const band = h(
    'section',
    { class: 'summary' },
    h(
      'div',
      { class: 'figures' },
      h('div', { class: 'figure' }, h('b', {}, summary.stations), h('span', {}, '参评派出所')),
      GRADES.map((grade) =>
        h(
          'div',
          { class: 'figure', 'data-grade': grade },
          h('b', { style: `color:${GRADE_COLOR[grade]}` }, summary.byGrade[grade]),
          h('span', {}, GRADE_LABEL[grade]),
        ),
      ),
      h('div', { class: 'figure' }, h('b', {}, summary.vetoed), h('span', {}, '一票否决')),
      h(
        'div',
        { class: 'figure' },
        h('b', { class: 'mean' }, fixed2(summary.mean)),
        h('span', {}, '平均分'),
      ),
      h(
        'div',
        { class: 'figure' },
        h('b', { class: 'median' }, fixed2(summary.median)),
        h('span', {}, '中位数'),
      ),
    ),
    h(
      'figure',
      { class: 'means' },
      h('figcaption', {}, byCity ? '各市平均分' : '各区县平均分'),
      chart,
    ),
  );
  chart.setAttribute(
    'aria-label',
    means.map((m) => `${nameOf(m.code)} ${fixed2(m.mean)}`).join('，'),
  );
  // ECharts measures its element: draw once the band is on the page.
  requestAnimationFrame(() =>
    drawMeans(
      chart,
      means.map((m) => ({ name: nameOf(m.code), mean: m.mean })),
    ),
  );
  return band;
}

export function filterBar(
  board: Board,
  filters: Filters,
  nameOf: (code: string) => string,
  shown: number,
  onFilter: (filters: Filters) => void,
  actions: HTMLElement[],
): HTMLElement {
  const counties = [...new Set(board.rows.map((r) => r.divisionCode))].sort();
  return h(
    'div',
    { class: 'toolbar' },
    h(
      'label',
      {},
      '区县 ',
      select(
        [
          { value: '', label: '全部区县' },
          ...counties.map((c) => ({ value: c, label: nameOf(c) })),
        ],
        filters.county,
        (county) => onFilter({ ...filters, county }),
        { name: 'county' },
      ),
    ),
    h(
      'label',
      {},
      '等次 ',
      select(
        [
          { value: '', label: '全部等次' },
          ...GRADES.map((g) => ({ value: g, label: GRADE_LABEL[g] })),
        ],
        filters.grade,
        (grade) => onFilter({ ...filters, grade }),
        { name: 'grade' },
      ),
    ),
    h('span', { class: 'count' }, `共 ${shown} 个派出所`),
    h('span', { class: 'spacer' }),
    actions,
  );
}

function departmentCell(board: Board, department: BoardRow['departments'][number]) {
  if (board.unavailable.includes(department.department)) {
    return h('td', { class: 'dept unavailable', 'data-dept': department.department }, '不可用');
  }
  const width = barPercent(department.score, department.max);
  return h(
    'td',
    { class: 'dept', 'data-dept': department.department },
    h(
      'span',
      { class: 'bar', title: `${points(department.score)} / ${department.max}` },
      h('i', { style: `width:${width}%` }),
    ),
    h('span', { class: 'score' }, points(department.score)),
  );
}

function marks(board: Board, row: BoardRow): HTMLElement {
  const deductions = deductionText(row);
  const deducted = row.deductions.reduce((sum, d) => sum + d.points, 0);
  return h(
    'td',
    { class: 'marks' },
    row.vetoed
      ? h(
          'span',
          { class: 'mark veto', title: vetoText(board, row) },
          `否决：${vetoText(board, row)}`,
        )
      : null,
    deducted > 0
      ? h('span', { class: 'mark deduct', title: deductions }, `扣 ${points(deducted)} 分`)
      : null,
  );
}

export function rankingTable(
  board: Board,
  rows: readonly BoardRow[],
  page: number,
  nameOf: (code: string) => string,
  onStation: (code: string) => void,
): HTMLTableElement {
  const official = board.mode === 'official';
  const compared = board.comparedWith !== null;
  const departments = departmentsOf(board);
  const paged = rows.length > ONE_PAGE_UP_TO;
  const first = page * PAGE_SIZE;
  return h(
    'table',
    { class: 'ranking' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'rank' }, board.city ? '区县内名次' : '名次'),
        board.city ? h('th', { class: 'city-rank' }, '全市名次') : null,
        official
          ? h(
              'th',
              { class: 'change', title: '名次变化：与上一期正式结果相比' },
              changeHeader(board.comparedWith),
            )
          : null,
        h('th', { class: 'name' }, '派出所'),
        h('th', { class: 'county' }, '区县'),
        departments.map((d) => {
          const max = board.rows[0]?.departments.find((s) => s.department === d)?.max ?? 0;
          return h('th', { class: 'dept' }, `${departmentLabel(board.departments, d)}（${max}）`);
        }),
        h('th', { class: 'total' }, '总分'),
        h('th', { class: 'grade' }, '等次'),
        h('th', { class: 'marks' }, '否决 / 扣分'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row, index) => {
        const offPage = paged && (index < first || index >= first + PAGE_SIZE);
        return h(
          'tr',
          {
            'data-code': row.code,
            class: [row.vetoed ? 'vetoed' : '', offPage ? 'off-page' : ''].join(' ').trim() || null,
          },
          h('td', { class: 'rank' }, row.rank),
          board.city ? h('td', { class: 'city-rank' }, row.cityRank ?? '') : null,
          official
            ? h(
                'td',
                { class: `change ${rankTrend(row.previousRank, row.rankChange, compared)}` },
                rankChangeText(row.previousRank, row.rankChange, compared),
              )
            : null,
          h(
            'td',
            { class: 'name' },
            h(
              'button',
              { type: 'button', class: 'station', onclick: () => onStation(row.code) },
              row.name,
            ),
          ),
          h('td', { class: 'county' }, nameOf(row.divisionCode)),
          row.departments.map((d) => departmentCell(board, d)),
          h('td', { class: 'total' }, points(row.total)),
          h('td', { class: 'grade' }, gradeChip(row.grade)),
          marks(board, row),
        );
      }),
    ),
  );
}

export function pager(
  total: number,
  page: number,
  onPage: (page: number) => void,
): HTMLElement | null {
  if (total <= ONE_PAGE_UP_TO) return null;
  const pages = Math.ceil(total / PAGE_SIZE);
  return h(
    'nav',
    { class: 'pager' },
    h(
      'button',
      { type: 'button', disabled: page === 0, onclick: () => onPage(page - 1) },
      '上一页',
    ),
    h(
      'span',
      {},
      `第 ${page + 1} / ${pages} 页（第 ${page * PAGE_SIZE + 1}–${Math.min(total, (page + 1) * PAGE_SIZE)} 名，共 ${total}）`,
    ),
    h(
      'button',
      { type: 'button', disabled: page >= pages - 1, onclick: () => onPage(page + 1) },
      '下一页',
    ),
  );
}
