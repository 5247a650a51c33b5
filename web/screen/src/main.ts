/**
 * The 晾晒 screen: a board of the 平安考核 with its pickers, summary, ranking table, exports, print
 * layout and each station's drill-down. Every view is one GraphQL request through the gateway.
 */
import { Unreachable } from './api';
import {
  filterBar,
  filtered,
  gradeChip,
  pager,
  rankingTable,
  summaryBand,
  type Filters,
} from './board-view';
import { fill, h } from './dom';
import { countyTable } from './county-table';
import { drillDown } from './drill-view';
import type { Problem } from './errors';
import { exportFileName, exportTable, exportTitle, toCsv } from './export-table';
import { namesOf } from './divisions';
import {
  dateTime,
  GRADE_LABEL,
  GRADES,
  PERIOD_KIND_LABEL,
  periodKind,
  periodLabel,
} from './format';
import {
  liveBoard,
  liveStation,
  officialBoard,
  officialStation,
  type BoardAnswer,
  type BoardQuery,
} from './load';
import { pickersBar } from './pickers-view';
import { appealActions, type AppealsContext } from './appeals-view';
import { publishButton } from './publish-view';
import { recordsView, type RecordsTarget } from './records-view';
import { revisionActions } from './revisions-view';
import { forgetToken, saveToken, takeToken } from './token';
import type { Board, Grade, Mode, Pickers } from './types';
import './style.css';

interface State {
  token: string | null;
  query: BoardQuery;
  mode: Mode;
  /** The revision of the official board shown; null: the newest. */
  revision: number | null;
  filters: Filters;
  page: number;
  pickers: Pickers | null;
  /** The periods published for a scope, as the official view last read them. */
  published: { scope: string; periods: Set<string> } | null;
  names: Map<string, string>;
  board: Board | null;
  problems: Problem[];
}

/** The half-year that ended last: what a screen opened without a period shows. */
function lastHalfYear(today = new Date()): string {
  const year = today.getFullYear();
  return today.getMonth() < 6 ? `${year - 1}-H2` : `${year}-H1`;
}

function queryFromHash(): { query: BoardQuery; mode: Mode; revision: number | null } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const revision = Number(params.get('revision'));
  return {
    revision: Number.isInteger(revision) && revision >= 1 ? revision : null,
    query: {
      scope: params.get('scope') ?? '330000',
      period: params.get('period') ?? lastHalfYear(),
      schemeId: params.get('scheme') ?? '',
    },
    // The official result unless the preview is asked for: it is what the assessment decides.
    mode: params.get('mode') === 'live' ? 'live' : 'official',
  };
}

function writeHash(): void {
  const params = new URLSearchParams({
    scope: state.query.scope,
    period: state.query.period,
    mode: state.mode,
  });
  if (state.query.schemeId) params.set('scheme', state.query.schemeId);
  if (state.revision !== null) params.set('revision', String(state.revision));
  window.history.replaceState(null, '', `#${params.toString()}`);
}

const app = document.getElementById('app') as HTMLElement;
const state: State = {
  token: takeToken(),
  ...queryFromHash(),
  filters: { county: '', grade: '' },
  page: 0,
  pickers: null,
  published: null,
  names: new Map(),
  board: null,
  problems: [],
};

const nameOf = (code: string) => state.names.get(code) ?? code;

const header = h('header', { class: 'top' });
const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
const content = h('main', { class: 'content' });
const drill = h('section', { class: 'drill', hidden: true, 'aria-modal': 'true', role: 'dialog' });

function setStatus(status: 'loading' | 'ready' | 'error' | 'signin'): void {
  document.body.dataset.status = status;
}

/** Problems as alerts; a period not yet published is a notice, not an error. */
function problemList(problems: Problem[]): HTMLElement[] {
  return problems.map((p) =>
    p.kind === 'unpublished'
      ? h('p', { class: 'notice unpublished', role: 'status' }, p.text, publishedHint())
      : h('p', { class: `problem ${p.kind}`, role: 'alert' }, p.text),
  );
}

/** Which periods of the kind on screen were published for the scope, to pick one of. */
function publishedHint(): string {
  const known = state.published?.scope === state.query.scope ? state.published.periods : null;
  if (!known) return '';
  const kind = periodKind(state.query.period);
  const periods = [...known].filter((p) => periodKind(p) === kind).sort();
  return periods.length > 0
    ? `已发布的${PERIOD_KIND_LABEL[kind]}考核期：${periods.map(periodLabel).join('、')}。`
    : `该范围尚无已发布的${PERIOD_KIND_LABEL[kind]}考核期。`;
}

function signIn(reason: Problem | null): void {
  state.token = null;
  forgetToken();
  setStatus('signin');
  const input = h('textarea', { name: 'token', rows: 4, placeholder: 'eyJhbGciOi…' });
  fill(
    app,
    h(
      'form',
      {
        class: 'signin',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const token = input.value.trim();
          if (!token) return;
          saveToken(token);
          state.token = token;
          start();
        },
      },
      h('h1', {}, '平安考核晾晒'),
      h(
        'p',
        {},
        '查看各派出所平安考核的正式结果（定期晾晒）与实时预览：名次、等次、各项得分及其依据的记录。',
      ),
      reason ? h('p', { class: `problem ${reason.kind}`, role: 'alert' }, reason.text) : null,
      h('label', {}, '登录令牌：', input),
      h('button', { type: 'submit' }, '进入'),
      h(
        'p',
        { class: 'hint' },
        '登录令牌由平台管理员按您的考核人员账号发放，是一段以 eyJ 开头的文字，粘贴后点“进入”。',
        '令牌只保存在本标签页中，关闭即清除；过期后请向管理员重新领取。',
      ),
    ),
  );
}

/** A problem that ends the session (the token) rather than the view. */
function endsSession(problems: Problem[]): Problem | undefined {
  return problems.find((p) => p.kind === 'expired' || p.kind === 'signin');
}

function statusLine(board: Board): HTMLElement {
  if (board.publication) {
    const { revision, revisions, publishedAt, publisherName, reason } = board.publication;
    const older = revision < revisions.length;
    // The board published: a county's view reads its city's revisions and appeals.
    const appeals: AppealsContext = {
      token: state.token ?? '',
      board,
      query: { ...state.query, scope: board.city ?? state.query.scope },
      nameOf,
    };
    return h(
      'p',
      { class: `status official${older ? ' older' : ''}` },
      h('b', {}, '正式结果'),
      ` 第 ${revision} 版${older ? '（非最新版）' : ''} · 发布于 ${dateTime(publishedAt)} · 发布人 ${publisherName}`,
      reason ? ` · 修订原因：${reason}` : '',
      board.city
        ? h(
            'span',
            { class: 'from-city' },
            ` · 取自${nameOf(board.city)}的正式榜单：名次为区县内名次，另列全市名次`,
          )
        : null,
      h(
        'span',
        { class: 'compared' },
        board.comparedWith
          ? ` · 名次变化较${periodLabel(board.comparedWith)}`
          : ' · 上一期未发布正式结果，名次变化无从比较',
      ),
      revisionActions({ ...appeals, view: (shown) => void load(state.query, shown) }),
      appealActions(appeals),
      // A county's view of its city's board: the city's board is published, not the county's.
      board.city ? null : publishAction(revisions.length + 1, board.scheme, appeals),
    );
  }
  return h(
    'p',
    { class: 'status live' },
    h('b', {}, '实时预览'),
    ' 按各部门当前数据即时计算，并非正式发布的结果',
    board.partial ? '（考核期尚未结束，数据截至今日）' : '',
    board.partial ? null : publishAction(null, board.scheme),
  );
}

/** Publishing the view's board (assessors only), then showing the revision stored. */
function publishAction(
  nextRevision: number | null,
  scheme: { id: string; title: string } | null,
  appeals: AppealsContext | null = null,
): HTMLElement | null {
  if (!state.token) return null;
  return publishButton({
    token: state.token,
    query: state.query,
    scheme,
    nextRevision,
    departments: state.board?.departments ?? [],
    nameOf,
    appeals,
    published: (revision, publisherName) => {
      state.mode = 'official';
      void load(state.query).then(() =>
        notices.append(
          h(
            'p',
            { class: 'status published-now', role: 'status' },
            `已发布第 ${revision} 版正式结果（发布人 ${publisherName}）。`,
          ),
        ),
      );
    },
  });
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The filter in words, for an export's name and title: 诸暨市, 优秀; none when unfiltered. */
function filterWords(filters: Filters): string[] {
  return [
    filters.county && nameOf(filters.county),
    filters.grade && GRADE_LABEL[filters.grade as Grade],
  ].filter((word): word is string => Boolean(word));
}

function exportActions(board: Board): HTMLElement[] {
  const table = () => exportTable(board, filtered(board, state.filters), nameOf);
  const scopeName = nameOf(board.scope);
  const fileName = (extension: string) =>
    exportFileName(board, scopeName, extension, filterWords(state.filters));
  /** exceljs loads only now, the first time a workbook is asked for. */
  async function exportXlsx(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const { toXlsx } = await import('./xlsx');
      const title = exportTitle(board, scopeName, filterWords(state.filters));
      download(await toXlsx(table(), title), fileName('xlsx'));
    } catch {
      notices.append(
        ...problemList([
          { kind: 'unreachable', text: '导出 Excel 失败：无法加载导出组件，请检查网络后重试。' },
        ]),
      );
    } finally {
      button.disabled = false;
    }
  }
  return [
    h(
      'button',
      {
        type: 'button',
        class: 'export-xlsx',
        onclick: (event: Event) => void exportXlsx(event.currentTarget as HTMLButtonElement),
      },
      '导出 Excel',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'export-csv',
        onclick: () =>
          download(new Blob([toCsv(table())], { type: 'text/csv;charset=utf-8' }), fileName('csv')),
      },
      '导出 CSV',
    ),
    h('button', { type: 'button', class: 'print', onclick: () => window.print() }, '打印'),
  ];
}

function printHeader(board: Board): HTMLElement {
  const edition = board.publication
    ? `第 ${board.publication.revision} 版`
    : '实时预览（非正式结果）';
  return h(
    'div',
    { class: 'print-header' },
    h('h1', {}, `${nameOf(board.scope)} 平安考核晾晒榜 · ${periodLabel(board.period)}`),
    h(
      'p',
      {},
      `考核方案：${board.scheme.title}（${board.scheme.id}） · ${edition}`,
      board.publication ? ` · 发布于 ${dateTime(board.publication.publishedAt)}` : '',
      ` · 打印于 ${new Date().toLocaleString('zh-CN', { hour12: false })}`,
    ),
    h(
      'p',
      { class: 'grade-legend' },
      '等次：',
      GRADES.flatMap((g) => [gradeChip(g), ' ']),
      '一票否决者不论得分为不合格；名次相同者得分相同。',
    ),
  );
}

function renderHeader(): void {
  fill(
    header,
    h('h1', {}, '平安考核晾晒'),
    state.pickers
      ? pickersBar(
          state.pickers,
          state.query,
          (query) => void load({ ...query }),
          state.published?.scope === state.query.scope ? state.published.periods : null,
          state.board?.scheme ?? null,
        )
      : null,
    h(
      'div',
      { class: 'mode', role: 'group', 'aria-label': '结果' },
      (['official', 'live'] as const).map((mode) =>
        h(
          'button',
          {
            type: 'button',
            class: mode === state.mode ? 'active' : null,
            'data-mode': mode,
            'aria-pressed': String(mode === state.mode),
            onclick: () => switchMode(mode),
          },
          mode === 'official' ? '正式结果' : '实时预览',
        ),
      ),
    ),
    h('button', { type: 'button', class: 'signout', onclick: () => signIn(null) }, '退出'),
  );
}

function switchMode(mode: Mode): void {
  if (mode === state.mode) return;
  state.mode = mode;
  void load(state.query);
}

function renderBoard(): void {
  const board = state.board;
  fill(notices, problemList(state.problems));
  if (!board) {
    const unpublished = state.problems.some((p) => p.kind === 'unpublished');
    fill(
      content,
      unpublished
        ? h(
            'button',
            { type: 'button', class: 'to-live', onclick: () => switchMode('live') },
            '查看实时预览',
          )
        : null,
      unpublished ? publishAction(1, null) : null,
    );
    return;
  }
  notices.prepend(statusLine(board));
  const rows = filtered(board, state.filters);
  fill(
    content,
    printHeader(board),
    summaryBand(board, nameOf),
    filterBar(
      board,
      state.filters,
      nameOf,
      rows.length,
      (filters) => {
        state.filters = filters;
        state.page = 0;
        renderBoard();
      },
      exportActions(board),
    ),
    rankingTable(board, rows, state.page, nameOf, (code) => void openStation(code)),
    pager(rows.length, state.page, (page) => {
      state.page = page;
      renderBoard();
    }),
    countyTable(board.rows, nameOf),
  );
}

function failed(error: unknown): Problem[] {
  if (error instanceof Unreachable) return [error.problem];
  throw error;
}

async function load(query: BoardQuery, revision: number | null = null): Promise<void> {
  if (!state.token) return signIn(null);
  state.query = query;
  state.revision = state.mode === 'official' ? revision : null;
  writeHash();
  setStatus('loading');
  document.body.classList.add('busy');
  let answer: BoardAnswer;
  try {
    answer =
      state.mode === 'official'
        ? await officialBoard(state.token, query, state.pickers === null, state.revision)
        : await liveBoard(state.token, query, state.pickers === null);
  } catch (error) {
    answer = { value: null, pickers: null, published: null, problems: failed(error) };
  } finally {
    document.body.classList.remove('busy');
  }
  const ended = endsSession(answer.problems);
  if (ended) return signIn(ended);
  if (answer.published) {
    state.published = { scope: query.scope, periods: new Set(answer.published) };
  }
  if (answer.pickers) {
    state.pickers = answer.pickers;
    state.names = namesOf(answer.pickers.divisions);
  }
  state.board = answer.value;
  state.problems = answer.problems;
  state.filters = { county: '', grade: '' };
  state.page = 0;
  renderHeader();
  renderBoard();
  setStatus(
    answer.value || answer.problems.some((p) => p.kind === 'unpublished') ? 'ready' : 'error',
  );
  performance.mark('screen:board');
}

function closeStation(): void {
  drill.hidden = true;
  fill(drill);
}

async function openStation(code: string): Promise<void> {
  const board = state.board;
  if (!board || !state.token) return;
  performance.mark('screen:station-open');
  drill.hidden = false;
  drill.dataset.status = 'loading';
  const close = h('button', { type: 'button', class: 'close', onclick: closeStation }, '关闭');
  fill(drill, close, h('p', { class: 'loading' }, '正在加载…'));
  let answer: Awaited<ReturnType<typeof liveStation>>;
  try {
    const read = board.mode === 'official' ? officialStation : liveStation;
    answer = await read(state.token, board, state.query, code);
  } catch (error) {
    answer = { value: null, problems: failed(error) };
  }
  const ended = endsSession(answer.problems);
  if (ended) return signIn(ended);
  fill(
    drill,
    close,
    problemList(answer.problems),
    answer.value
      ? drillDown(board, answer.value, nameOf, {
          records: showRecords,
          download: (table, name) =>
            download(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), name),
        })
      : null,
  );
  drill.dataset.status = answer.value ? 'ready' : 'error';
  performance.mark('screen:station');
}

/** The records view in the drill-down's place; 返回 puts the drill-down back as it was. */
function showRecords(target: RecordsTarget): void {
  if (!state.token) return;
  const drillDownShown = [...drill.childNodes];
  fill(
    drill,
    h('button', { type: 'button', class: 'close', onclick: closeStation }, '关闭'),
    recordsView(state.token, target, () => fill(drill, ...drillDownShown)),
  );
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !drill.hidden) closeStation();
});

function start(): void {
  fill(app, header, notices, content, drill);
  renderHeader();
  void load(state.query, state.revision);
}

if (state.token) start();
else signIn(null);
