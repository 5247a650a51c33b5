/**
 * The records behind one figure of one station (an indicator, a deduction or a veto), its own
 * view, a page at a time: each record with every field of its kind, whether it counts, its
 * withdrawal and its history. One request per page (ScreenRecords, generated from the registry
 * of departments); the records are listed by the department that keeps them, found by the
 * figure's key (`<department>.<figure>`), so the screen names no department.
 */
import { run, Unreachable } from './api';
import { h, fill } from './dom';
import { describeErrors, type Problem } from './errors';
import { dateTime, periodLabel, points } from './format';
import type { ScreenRecordsQuery } from './generated/operations';
import { RECORD_FIELDS, RECORD_KINDS, RECORD_VALUES } from './generated/record-terms';
import type { DepartmentInfo } from './types';

type Listings = NonNullable<ScreenRecordsQuery['station']>;
/** One department's listing, whichever: their common shape. */
type Listing = NonNullable<Listings[Exclude<keyof Listings, 'code' | 'name'>]>;
type RecordNode = Listing['edges'][number]['node'];

/** What a row of the drill-down asks to see the records of. */
export interface RecordsTarget {
  stationCode: string;
  stationName: string;
  period: string;
  key: string;
  label: string;
  /** The figure as the board shows it (a count; a rate's value is not a sum of records). */
  figure: number | null;
  /** Official: when the board was published (records changed since are marked). */
  publishedAt: string | null;
  departments: readonly DepartmentInfo[];
}

/** The fields every record has, shown in their own columns. */
const COMMON = new Set([
  '__typename',
  'externalId',
  'stationCode',
  'createdAt',
  'updatedAt',
  'withdrawnAt',
  'withdrawalReason',
  'history',
  'historyCount',
]);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

function value(cell: unknown): string {
  if (cell === null || cell === undefined) return '—';
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  if (typeof cell === 'string' && ISO_TIME.test(cell)) return dateTime(cell);
  if (typeof cell === 'string') return RECORD_VALUES[cell] ?? cell;
  return typeof cell === 'number' ? String(cell) : JSON.stringify(cell);
}

const fieldLabel = (name: string) => RECORD_FIELDS[name] ?? name;

/** The fields of a page's records beyond the common ones, in the order they first appear. */
function ownFields(nodes: readonly RecordNode[]): string[] {
  const names = nodes.flatMap((node) => Object.keys(node).filter((k) => !COMMON.has(k)));
  return [...new Set(names)];
}

function historyList(node: RecordNode): HTMLElement {
  return h(
    'details',
    { class: 'record-history' },
    h(
      'summary',
      {},
      `${node.historyCount} 次变更`,
      node.historyCount > node.history.length ? `（显示最近 ${node.history.length} 次）` : '',
    ),
    h(
      'ol',
      {},
      node.history.map((change) =>
        h(
          'li',
          {},
          `${dateTime(change.at)} ${value(change.action)} · ${change.sub}（${change.role}）`,
          change.reason ? ` · 原因：${change.reason}` : '',
          change.changes.length > 0
            ? h(
                'ul',
                {},
                change.changes.map((c) =>
                  h('li', {}, `${fieldLabel(c.field)}：${value(c.before)} → ${value(c.after)}`),
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

function recordsTable(listing: Listing, publishedAt: string | null): HTMLElement {
  const nodes = listing.edges.map((e) => e.node);
  const fields = ownFields(nodes);
  const changedSince = (node: RecordNode) => publishedAt !== null && node.updatedAt > publishedAt;
  return h(
    'table',
    { class: 'records' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['类型', '外部编号', ...fields.map(fieldLabel), '计入', '录入时间', '状态', '变更历史'].map(
          (t) => h('th', {}, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      listing.edges.map(({ node, counts }) =>
        h(
          'tr',
          {
            'data-id': node.externalId,
            class:
              [node.withdrawnAt ? 'withdrawn' : '', changedSince(node) ? 'late' : '']
                .join(' ')
                .trim() || null,
          },
          h('td', {}, RECORD_KINDS[node.__typename] ?? node.__typename),
          h('td', { class: 'external-id' }, node.externalId),
          fields.map((f) => h('td', {}, value((node as Record<string, unknown>)[f]))),
          h('td', { class: 'counts' }, counts ?? '—'),
          h('td', {}, dateTime(node.createdAt)),
          h(
            'td',
            { class: 'state' },
            node.withdrawnAt
              ? `已撤回（${dateTime(node.withdrawnAt)}${node.withdrawalReason ? `：${node.withdrawalReason}` : ''}）`
              : '有效',
            changedSince(node) ? h('span', { class: 'late-mark' }, ' 发布后变更') : null,
          ),
          h('td', {}, historyList(node)),
        ),
      ),
    ),
  );
}

interface Page {
  listing: Listing | null;
  problems: Problem[];
}

async function readPage(
  token: string,
  target: RecordsTarget,
  baseline: boolean,
  after: string | null,
): Promise<Page> {
  const department = target.key.split('.')[0] ?? '';
  const answer = await run(token, 'ScreenRecords', {
    code: target.stationCode,
    period: target.period,
    indicator: target.key,
    baseline,
    after,
    [department]: true,
  });
  // The alias is the department's name: the listing of the one department asked.
  const station: Readonly<Record<string, unknown>> = answer.data?.station ?? {};
  const listing = (station[department] as Listing | null | undefined) ?? null;
  return {
    listing,
    problems: describeErrors(answer.errors, listing !== null, target.departments),
  };
}

/**
 * The records view: 本期 or 同期, page by page (the cursors of the pages before are kept, so
 * 上一页 asks again for the page it shows).
 */
export function recordsView(token: string, target: RecordsTarget, onBack: () => void): HTMLElement {
  const body = h('div', { class: 'records-body' });
  const view = h(
    'section',
    { class: 'records-view', 'data-key': target.key },
    h(
      'header',
      {},
      h('button', { type: 'button', class: 'back', onclick: onBack }, '返回'),
      h('h2', {}, `${target.stationName} · ${target.label}`),
      h(
        'p',
        { class: 'facts' },
        `${periodLabel(target.period)}的记录明细，由各部门系统提供；已撤回的记录列出但不计入。`,
        target.publishedAt ? '正式结果按发布时的记录计算，发布后变更的记录已标出。' : '',
      ),
    ),
    body,
  );
  let baseline = false;
  const cursors: (string | null)[] = [null];

  async function show(): Promise<void> {
    view.dataset.status = 'loading';
    fill(body, h('p', { class: 'loading' }, '正在加载…'));
    let page: Page;
    try {
      page = await readPage(token, target, baseline, cursors.at(-1) ?? null);
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      page = { listing: null, problems: [error.problem] };
    }
    const { listing } = page;
    fill(
      body,
      h(
        'div',
        { class: 'records-toolbar' },
        [false, true].map((which) =>
          h(
            'button',
            {
              type: 'button',
              class: which === baseline ? 'active' : null,
              'aria-pressed': String(which === baseline),
              'data-baseline': String(which),
              onclick: () => {
                if (which === baseline) return;
                baseline = which;
                cursors.splice(1);
                void show();
              },
            },
            which ? '同期（上年同期）' : '本期',
          ),
        ),
      ),
      page.problems.map((p) => h('p', { class: `problem ${p.kind}`, role: 'alert' }, p.text)),
      listing
        ? [
            h(
              'p',
              { class: 'records-total' },
              `${listing.from} 至 ${listing.to}：共 ${listing.totalCount} 条记录（含已撤回），计入合计 `,
              h('b', {}, listing.indicatorTotal ?? '—'),
              !baseline && target.figure !== null
                ? `；榜单数值 ${points(target.figure)}` +
                    (listing.indicatorTotal !== null && listing.indicatorTotal !== target.figure
                      ? '（与现有记录不同：记录在计算后有变更）'
                      : '')
                : '',
            ),
            listing.edges.length > 0
              ? recordsTable(listing, target.publishedAt)
              : h('p', { class: 'empty' }, '没有记录。'),
            h(
              'nav',
              { class: 'pager records-pager' },
              h(
                'button',
                {
                  type: 'button',
                  disabled: cursors.length === 1,
                  onclick: () => {
                    cursors.pop();
                    void show();
                  },
                },
                '上一页',
              ),
              h('span', {}, `第 ${cursors.length} 页`),
              h(
                'button',
                {
                  type: 'button',
                  disabled: !listing.pageInfo.hasNextPage,
                  onclick: () => {
                    cursors.push(listing.pageInfo.endCursor);
                    void show();
                  },
                },
                '下一页',
              ),
            ),
          ]
        : null,
    );
    view.dataset.status = listing ? 'ready' : 'error';
  }
  void show();
  return view;
}
