/**
 * An official board's revisions: every revision with who published it, when and why; any
 * revision on the board; and what one revision changed (each moved station's total, grade and
 * rank before and after), one request per revision asked.
 */
import { run, Unreachable } from './api';
import { itemLabel, statusChip } from './appeals-view';
import { gradeChip } from './board-view';
import { openDialog, type Dialog } from './dialog';
import { h } from './dom';
import { describeErrors, type Problem } from './errors';
import { dateTime, periodLabel, points } from './format';
import type { ScreenRevisionChangesQuery } from './generated/operations';
import type { BoardQuery } from './load';
import type { Board } from './types';

type Revision = NonNullable<ScreenRevisionChangesQuery['publishedBoard']>;
type Change = Revision['changes'][number];
type Standing = Change['before'];

export interface RevisionsContext {
  token: string;
  /** An official board: its publication lists the revisions. */
  board: Board;
  query: BoardQuery;
  nameOf: (code: string) => string;
  /** Shows a revision on the board; null: the newest. */
  view: (revision: number | null) => void;
}

/** The newest revision of the board on screen. */
function newestOf(board: Board): number {
  return Math.max(...(board.publication?.revisions.map((r) => r.revision) ?? [1]));
}

/** What the status line of an official board offers: its revision list, and the newest one when an older one is shown. */
export function revisionActions(context: RevisionsContext): HTMLElement[] {
  const { board } = context;
  if (!board.publication) return [];
  const newest = newestOf(board);
  const shown = board.publication.revision;
  return [
    shown < newest
      ? h(
          'button',
          { type: 'button', class: 'status-action to-newest', onclick: () => context.view(null) },
          `查看最新版（第 ${newest} 版）`,
        )
      : null,
    h(
      'button',
      {
        type: 'button',
        class: 'status-action revisions-open',
        onclick: () => openRevisions(context, shown),
      },
      `版本记录（共 ${newest} 版）`,
    ),
  ].filter((e): e is HTMLButtonElement => e !== null);
}

/** A standing in words: 第 3 名 · 62.67 分 · grade; a station absent from a revision: —. */
function standingCells(standing: Standing): HTMLElement[] {
  if (!standing) return [h('td', { class: 'num', colspan: 3 }, '未列入')];
  return [
    h('td', { class: 'num rank' }, `第 ${standing.rank} 名`),
    h('td', { class: 'num total' }, points(standing.total)),
    h('td', { class: 'grade' }, gradeChip(standing.grade), standing.vetoed ? ' 否决' : ''),
  ];
}

/** The move in words: 名次 ↑2 · 总分 −10, or 新列入 / 不再列入. */
function moveText({ before, after }: Change): string {
  if (!before) return '新列入';
  if (!after) return '不再列入';
  const rank = before.rank - after.rank;
  const total = Math.round((after.total - before.total) * 100) / 100;
  return [
    rank > 0 ? `名次 ↑${rank}` : rank < 0 ? `名次 ↓${-rank}` : '名次不变',
    total > 0 ? `总分 +${total}` : total < 0 ? `总分 −${-total}` : '总分不变',
    before.grade !== after.grade ? '等次变化' : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function changesTable({ changes, scheme }: Revision): HTMLElement {
  const th = (label: string, span: Record<string, number> = {}) => h('th', span, label);
  return h(
    'table',
    { class: 'revision-changes' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        th('派出所', { rowspan: 2 }),
        th('更正前', { colspan: 3 }),
        th('更正后', { colspan: 3 }),
        th('变化', { rowspan: 2 }),
        th('所涉申诉', { rowspan: 2 }),
      ),
      h(
        'tr',
        {},
        ['名次', '总分', '等次', '名次', '总分', '等次'].map((label) => th(label)),
      ),
    ),
    h(
      'tbody',
      {},
      changes.map((change) =>
        h(
          'tr',
          { 'data-code': change.station.code },
          h('td', { class: 'name' }, change.stationName),
          standingCells(change.before),
          standingCells(change.after),
          h('td', { class: 'move' }, moveText(change)),
          h(
            'td',
            { class: 'appeals' },
            change.appeals.map((a) =>
              h(
                'div',
                { 'data-appeal': a.id },
                `编号 ${a.id} ${itemLabel(scheme, a.item)} `,
                statusChip(a.status),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The appeals a revision resolved (its publication named them), or that it named none. */
function resolvedAppeals(context: RevisionsContext, { resolvedAppeals, scheme }: Revision) {
  const name = (code: string) =>
    context.board.rows.find((r) => r.code === code)?.name ?? context.nameOf(code);
  if (resolvedAppeals.length === 0) {
    return h('p', { class: 'resolved-appeals hint' }, '本版未注明处理的申诉。');
  }
  return h(
    'div',
    { class: 'resolved-appeals' },
    `本版处理的申诉（${resolvedAppeals.length} 件）：`,
    h(
      'ul',
      {},
      resolvedAppeals.map((a) =>
        h(
          'li',
          { 'data-appeal': a.id },
          `编号 ${a.id} · ${name(a.stationCode)} · ${itemLabel(scheme, a.item)} · `,
          statusChip(a.status),
          a.answer ? ` · 答复：${a.answer}` : '',
        ),
      ),
    ),
  );
}

async function showChanges(
  context: RevisionsContext,
  target: HTMLElement,
  revision: number,
): Promise<void> {
  if (revision === 1) {
    target.replaceChildren(
      h('h3', {}, '第 1 版的更正变化'),
      h('p', { class: 'hint' }, '第 1 版为首次发布，没有更正变化。'),
    );
    target.dataset.status = 'ready';
    return;
  }
  const heading = h('h3', {}, `第 ${revision} 版相对第 ${revision - 1} 版的更正变化`);
  target.dataset.status = 'loading';
  target.replaceChildren(heading, h('p', {}, '正在加载…'));
  const { query } = context;
  let found: Revision | null = null;
  let problems: Problem[];
  try {
    const answer = await run(context.token, 'ScreenRevisionChanges', {
      scope: query.scope,
      period: query.period,
      schemeId: context.board.scheme.id,
      revision,
    });
    found = answer.data?.publishedBoard ?? null;
    problems = describeErrors(answer.errors, found !== null, context.board.departments);
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    problems = [error.problem];
  }
  if (!found) {
    target.replaceChildren(
      heading,
      ...problems.map((p) => h('p', { class: `problem ${p.kind}`, role: 'alert' }, p.text)),
    );
    target.dataset.status = 'error';
    return;
  }
  const { changes } = found;
  target.replaceChildren(
    heading,
    resolvedAppeals(context, found),
    h(
      'p',
      { class: 'changes-count' },
      changes.length === 0
        ? '没有派出所的总分、等次或名次变化。'
        : `${changes.length} 个派出所的总分、等次或名次有变化：`,
    ),
    ...(changes.length > 0 ? [changesTable(found)] : []),
  );
  target.dataset.status = 'ready';
}

function revisionList(context: RevisionsContext, dialog: Dialog, changes: HTMLElement) {
  const publication = context.board.publication;
  if (!publication) return null;
  return h(
    'table',
    { class: 'revision-list' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['版本', '发布时间', '发布人', '更正原因', '数据截止', ''].map((label) =>
          h('th', {}, label),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      publication.revisions.map((r) =>
        h(
          'tr',
          {
            'data-revision': r.revision,
            class: r.revision === publication.revision ? 'shown' : null,
          },
          h('td', { class: 'num' }, `第 ${r.revision} 版`),
          h('td', { class: 'num' }, dateTime(r.publishedAt)),
          h('td', { class: 'publisher' }, r.publisherName),
          h('td', { class: 'reason' }, r.reason ?? (r.revision === 1 ? '首次发布' : '—')),
          h('td', { class: 'num' }, dateTime(r.dataCutoff)),
          h(
            'td',
            { class: 'num' },
            r.revision === publication.revision
              ? h('span', { class: 'hint' }, '榜单显示中')
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'view-revision',
                    onclick: () => {
                      dialog.close();
                      context.view(r.revision === newestOf(context.board) ? null : r.revision);
                    },
                  },
                  '在榜单中查看',
                ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'show-changes',
                onclick: () => void showChanges(context, changes, r.revision),
              },
              '查看变化',
            ),
          ),
        ),
      ),
    ),
  );
}

/** The revision list, with the changes of one revision (the one on the board) under it. */
function openRevisions(context: RevisionsContext, revision: number): void {
  const { board, nameOf } = context;
  const dialog = openDialog(
    'revisions',
    `版本记录 · ${nameOf(context.query.scope)} ${periodLabel(board.period)} · ${board.scheme.title}`,
  );
  const changes = h('section', { class: 'changes' });
  dialog.show(
    h(
      'p',
      { class: 'hint' },
      '正式结果发布后不再改动；更正以新版本发布并注明原因，各版本均可查看。',
    ),
    revisionList(context, dialog, changes),
    changes,
  );
  void showChanges(context, changes, revision);
}
