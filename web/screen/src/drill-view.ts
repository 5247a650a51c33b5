/**
 * One station's drill-down: every indicator with its rule in words, its deductions and vetoes
 * with their counts, each row opening the records behind it, and its history.
 */
import { gradeChip } from './board-view';
import { drawHistory } from './charts';
import { h } from './dom';
import {
  GRADE_LABEL,
  departmentLabel,
  METHOD_LABEL,
  indicatorChange,
  indicatorValue,
  noteText,
  periodKind,
  periodLabel,
  points,
} from './format';
import { safeTable, type Cell, type ExportTable } from './export-table';
import type { RecordsTarget } from './records-view';
import { deductionRuleText, indicatorRuleText } from './rule-text';
import type { Board, StationDetail, VetoCount } from './types';

/** Which result the drill-down shows, and where the station stands on it. */
function standing(board: Board, detail: StationDetail, nameOf: (code: string) => string) {
  const { row } = detail;
  if (!board.publication) {
    return `实时预览 · 第 ${row.rank} 名（共 ${board.rows.length}，按当前数据）`;
  }
  const edition = `正式结果 第 ${board.publication.revision} 版`;
  const onBoard = board.rows.find((r) => r.code === row.code);
  if (board.city && onBoard?.cityRank != null) {
    return (
      `${edition} · ${nameOf(board.scope)}第 ${onBoard.rank} 名（共 ${board.rows.length}）` +
      ` · ${nameOf(board.city)}第 ${onBoard.cityRank} 名`
    );
  }
  return `${edition} · 第 ${row.rank} 名（共 ${board.rows.length}）`;
}

/** A veto's line: its count when the board kept it (boards published before did not). */
function vetoText(triggered: boolean, counted: VetoCount | undefined): string {
  if (counted?.note) return noteText(counted.note);
  if (!triggered) return '本期 0 次，未触发';
  const count = counted ? `本期 ${counted.count} 次，` : '本期发生，';
  return `${count}一票否决（不论得分，等次为不合格）`;
}

/** A row's label as a button opening the records behind it. */
function recordsButton(label: string, open: () => void): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'records-link', onclick: open, title: '查看记录' },
    label,
  );
}

/** What the drill-down's rows and buttons ask of the screen. */
export interface DrillActions {
  records: (target: RecordsTarget) => void;
  /** Download the drill-down as a table, under a name that says which station. */
  download: (table: ExportTable, name: string) => void;
}

/** The drill-down as a table: every indicator, deduction and veto with its rule and points. */
function drillTable(board: Board, detail: StationDetail): ExportTable {
  const { row, scheme } = detail;
  const rules = new Map(scheme.indicators.map((rule) => [rule.key, rule]));
  const pointsEach = new Map(scheme.deductions.map((d) => [d.key, d.pointsEach]));
  const rows: Cell[][] = [
    ...row.indicators.map((i) => [
      i.label,
      departmentLabel(board.departments, i.department),
      METHOD_LABEL[i.method],
      indicatorValue(i.method, i.current),
      indicatorValue(i.method, i.baseline),
      indicatorChange(i.method, i.change),
      i.points,
      i.max,
      indicatorRuleText(rules.get(i.key)),
      i.note ? noteText(i.note) : '',
    ]),
    ...row.deductions.map((d) => [
      d.label,
      '',
      '扣分',
      d.count,
      '',
      '',
      -d.points,
      '',
      deductionRuleText(pointsEach.get(d.key)),
      d.note ? noteText(d.note) : '',
    ]),
    ...scheme.vetoes.map((v) => [
      v.label,
      '',
      '一票否决',
      row.vetoCounts.find((c) => c.key === v.key)?.count ??
        (row.vetoes.includes(v.key) ? '发生' : '未发生'),
      '',
      '',
      '',
      '',
      '发生即一票否决',
      '',
    ]),
    ['总分', '', '', '', '', '', row.total, 100, '', `等次：${GRADE_LABEL[row.grade]}`],
  ];
  return safeTable(
    ['指标', '部门', '计分', '本期', '同期', '同比', '得分', '满分', '计分规则', '说明'],
    rows,
  );
}

export function drillDown(
  board: Board,
  detail: StationDetail,
  nameOf: (code: string) => string,
  actions: DrillActions,
): HTMLElement {
  const onRecords = actions.records;
  const { row, scheme } = detail;
  const rules = new Map(scheme.indicators.map((rule) => [rule.key, rule]));
  const pointsEach = new Map(scheme.deductions.map((d) => [d.key, d.pointsEach]));
  const records = (key: string, label: string, figure: number | null) => () =>
    onRecords({
      stationCode: row.code,
      stationName: row.name,
      period: board.period,
      key,
      label,
      figure,
      publishedAt: board.publication?.publishedAt ?? null,
      departments: board.departments,
    });
  // One line of one kind of period: halves with halves, months with months.
  const history = (detail.history ?? []).filter(
    (p) => periodKind(p.period) === periodKind(board.period),
  );
  const vetoLabels = new Map(scheme.vetoes.map((v) => [v.key, v.label]));
  const chart = h('div', { class: 'history-chart' });
  const section = h(
    'div',
    { class: 'drill-body' },
    h(
      'header',
      {},
      h('h2', {}, row.name),
      h(
        'button',
        {
          type: 'button',
          class: 'export-drill',
          onclick: () =>
            actions.download(
              drillTable(board, detail),
              `平安考核_${row.name}_${periodLabel(board.period)}_` +
                `${board.publication ? `第${board.publication.revision}版` : '实时预览'}_明细.csv`,
            ),
        },
        '导出明细 CSV',
      ),
      h(
        'p',
        { class: 'facts' },
        `${nameOf(row.divisionCode)} · 机构代码 ${row.code} · `,
        h('span', { class: `standing ${board.mode}` }, standing(board, detail, nameOf)),
        ' · 总分 ',
        h('b', { class: 'total' }, points(row.total)),
        ' ',
        gradeChip(row.grade),
      ),
      h(
        'p',
        { class: 'departments' },
        row.departments.map((d) =>
          h(
            'span',
            { class: 'dept-score' },
            `${departmentLabel(board.departments, d.department)} `,
            board.unavailable.includes(d.department) ? '不可用' : `${points(d.score)} / ${d.max}`,
          ),
        ),
      ),
    ),
    row.vetoed
      ? h(
          'p',
          { class: 'veto-line' },
          `一票否决：${row.vetoes
            .map((key) => {
              const count = row.vetoCounts.find((c) => c.key === key)?.count;
              return `${vetoLabels.get(key) ?? key}${count ? ` ${count} 次` : ''}`;
            })
            .join('、')}（不论得分，等次为不合格）`,
        )
      : null,
    h(
      'table',
      { class: 'indicators' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['指标', '部门', '计分', '本期', '同期', '同比', '得分 / 满分', '计分规则', '说明'].map(
            (t) => h('th', {}, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        row.indicators.map((i) =>
          h(
            'tr',
            { 'data-key': i.key, class: i.note ? 'noted' : null },
            h(
              'td',
              { class: 'label' },
              recordsButton(
                i.label,
                records(i.key, i.label, i.method === 'RATE' ? null : i.current),
              ),
            ),
            h('td', {}, departmentLabel(board.departments, i.department)),
            h('td', {}, METHOD_LABEL[i.method]),
            h('td', { class: 'current' }, indicatorValue(i.method, i.current)),
            h('td', { class: 'baseline' }, indicatorValue(i.method, i.baseline)),
            h('td', { class: 'change' }, indicatorChange(i.method, i.change)),
            h('td', { class: 'points' }, `${points(i.points)} / ${i.max}`),
            h('td', { class: 'rule' }, indicatorRuleText(rules.get(i.key))),
            h('td', { class: 'note' }, i.note ? noteText(i.note) : '—'),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'deductions' },
      h('h3', {}, '扣分'),
      h(
        'ul',
        {},
        row.deductions.map((d) =>
          h(
            'li',
            { 'data-key': d.key },
            recordsButton(d.label, records(d.key, d.label, d.count)),
            '：',
            d.note
              ? noteText(d.note)
              : `本期 ${d.count} 次，${deductionRuleText(pointsEach.get(d.key))}，` +
                  (d.count > 0 ? `共扣 ${points(d.points)} 分` : '未扣分'),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'vetoes' },
      h('h3', {}, '一票否决'),
      h(
        'ul',
        {},
        scheme.vetoes.map((v) => {
          const counted = row.vetoCounts.find((c) => c.key === v.key);
          const triggered = row.vetoes.includes(v.key);
          return h(
            'li',
            { 'data-key': v.key, class: triggered ? 'triggered' : null },
            recordsButton(v.label, records(v.key, v.label, counted?.count ?? null)),
            '：',
            vetoText(triggered, counted),
          );
        }),
      ),
    ),
    h(
      'section',
      { class: 'history' },
      h('h3', {}, '历次正式晾晒（已发布的榜单）'),
      board.mode === 'live'
        ? h(
            'p',
            { class: 'hint' },
            '上方为实时预览的名次；以下为各期正式发布时的名次，二者可能不同。',
          )
        : null,
      history.length > 0
        ? [
            chart,
            h(
              'ol',
              { class: 'history-points' },
              history.map((p) =>
                h(
                  'li',
                  { 'data-period': p.period },
                  `${periodLabel(p.period)}：第 ${p.rank} 名（共 ${p.of}），${points(p.total)} 分，`,
                  gradeChip(p.grade),
                  p.revision > 1 ? `（第 ${p.revision} 版）` : '',
                ),
              ),
            ),
          ]
        : h('p', { class: 'empty' }, '尚无已发布的榜单：走势在正式结果发布后显示。'),
    ),
  );
  if (history.length > 0) requestAnimationFrame(() => drawHistory(chart, history));
  return section;
}
