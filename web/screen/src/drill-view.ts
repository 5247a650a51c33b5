/** One station's drill-down: every indicator, its deductions and vetoes, its history. */
import { gradeChip } from './board-view';
import { drawHistory } from './charts';
import { h } from './dom';
import {
  departmentLabel,
  METHOD_LABEL,
  indicatorChange,
  indicatorValue,
  noteText,
  periodKind,
  periodLabel,
  points,
} from './format';
import type { Board, StationDetail } from './types';

export function drillDown(
  board: Board,
  detail: StationDetail,
  nameOf: (code: string) => string,
): HTMLElement {
  const { row, scheme } = detail;
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
        'p',
        { class: 'facts' },
        `${nameOf(row.divisionCode)} · 机构代码 ${row.code} · 第 ${row.rank} 名（共 ${board.rows.length}） · 总分 `,
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
          `一票否决：${row.vetoes.map((key) => vetoLabels.get(key) ?? key).join('、')}（不论得分，等次为不合格）`,
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
          ['指标', '部门', '计分', '本期', '同期', '同比', '得分 / 满分', '说明'].map((t) =>
            h('th', {}, t),
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
            h('td', { class: 'label' }, i.label),
            h('td', {}, departmentLabel(board.departments, i.department)),
            h('td', {}, METHOD_LABEL[i.method]),
            h('td', { class: 'current' }, indicatorValue(i.method, i.current)),
            h('td', { class: 'baseline' }, indicatorValue(i.method, i.baseline)),
            h('td', { class: 'change' }, indicatorChange(i.method, i.change)),
            h('td', { class: 'points' }, `${points(i.points)} / ${i.max}`),
            h('td', { class: 'note' }, noteText(i.note)),
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
            `${d.label}：`,
            d.note
              ? noteText(d.note)
              : d.count > 0
                ? `${d.count} 次，扣 ${points(d.points)} 分`
                : '无',
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'history' },
      h('h3', {}, '历次晾晒'),
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
