/** The ranking of the counties of a board, its own table (see countyRanking). */
import { gradeChip } from './board-view';
import { h } from './dom';
import { fixed2, GRADES } from './format';
import { countyRanking } from './stats';
import type { BoardRow } from './types';

export function countyTable(
  rows: readonly BoardRow[],
  nameOf: (code: string) => string,
): HTMLElement | null {
  const lines = countyRanking(rows);
  if (lines.length < 2) return null;
  return h(
    'section',
    { class: 'county-ranking' },
    h('h2', {}, '区县排名（按平均总分）'),
    h(
      'table',
      { class: 'counties' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '名次'),
          h('th', {}, '区县'),
          h('th', {}, '派出所数'),
          h('th', {}, '平均总分'),
          h('th', {}, '中位数'),
          GRADES.map((g) => h('th', {}, gradeChip(g))),
          h('th', {}, '一票否决'),
        ),
      ),
      h(
        'tbody',
        {},
        lines.map((line) =>
          h(
            'tr',
            { 'data-code': line.code },
            h('td', { class: 'rank' }, line.rank),
            h('td', { class: 'county' }, nameOf(line.code)),
            h('td', {}, line.stations),
            h('td', { class: 'mean' }, fixed2(line.mean)),
            h('td', {}, fixed2(line.median)),
            GRADES.map((g) => h('td', { 'data-grade': g }, line.byGrade[g])),
            h('td', {}, line.vetoed),
          ),
        ),
      ),
    ),
  );
}
