/**
 * Appeals (申诉) on the screen: a station's own row on an official board with its appeals, their
 * outcome and the form to file one; the assessors' list of a board's appeals, where one is closed
 * as withdrawn; the answered appeals a new revision may resolve. Each view is one request.
 */
import { run, Unreachable } from './api';
import { gradeChip } from './board-view';
import { openDialog, type Dialog } from './dialog';
import { fill, h, select } from './dom';
import { describeError, describeErrors, type GraphQLErrorLike, type Problem } from './errors';
import { dateTime, departmentLabel, periodLabel, points } from './format';
import type {
  AppealStatus,
  ScreenAppealFieldsFragment,
  ScreenSchemeItemsFragment,
} from './generated/operations';
import type { BoardQuery } from './load';
import type { Board, Department } from './types';
import { claimedRoles } from './viewer';

type Appeal = ScreenAppealFieldsFragment;
type SchemeItems = ScreenSchemeItemsFragment;

/** The longest claim or withdrawal reason the platform keeps. */
const MAX_TEXT = 500;

const STATUS_LABEL: Record<AppealStatus, string> = {
  OPEN: '待答复',
  ACCEPTED: '已采纳',
  REJECTED: '已驳回',
  WITHDRAWN: '已撤回',
};

export interface AppealsContext {
  token: string;
  /** An official board. */
  board: Board;
  query: BoardQuery;
  nameOf: (code: string) => string;
}

/** An item of the scheme in words: 道路交通事故死亡人数, 扣分：…, 否决：…. */
export function itemLabel(items: SchemeItems, item: string): string {
  if (item.startsWith('deduction:')) {
    const key = item.slice('deduction:'.length);
    return `扣分项：${items.deductions.find((d) => d.key === key)?.label ?? key}`;
  }
  if (item.startsWith('veto:')) {
    const key = item.slice('veto:'.length);
    return `否决项：${items.vetoes.find((v) => v.key === key)?.label ?? key}`;
  }
  return items.indicators.find((i) => i.key === item)?.label ?? item;
}

export function statusChip(status: AppealStatus): HTMLElement {
  return h('span', { class: 'appeal-status', 'data-status': status }, STATUS_LABEL[status]);
}

/** The appeals a new revision may resolve: answered, and resolved by none before. */
function resolvable(appeals: readonly Appeal[]): Appeal[] {
  return appeals.filter(
    (a) => (a.status === 'ACCEPTED' || a.status === 'REJECTED') && a.resolvedInRevision === null,
  );
}

/** The station a station's token speaks for, if it is one. */
function ownStation(token: string): string | null {
  const role = claimedRoles(token).find((r) => r.startsWith('station:'));
  return role ? role.slice('station:'.length) : null;
}

const mayCloseAppeals = (token: string) =>
  claimedRoles(token).some((role) => role === 'assessor' || role === 'admin');

/** The status line's appeal buttons: a station's own appeals; the assessors' list. */
export function appealActions(context: AppealsContext): HTMLElement[] {
  const own = ownStation(context.token);
  const onBoard = own !== null && context.board.rows.some((row) => row.code === own);
  return [
    onBoard
      ? h(
          'button',
          {
            type: 'button',
            class: 'status-action station-appeals',
            onclick: () => openStationAppeals(context, own),
          },
          '本所申诉',
        )
      : null,
    mayCloseAppeals(context.token)
      ? h(
          'button',
          {
            type: 'button',
            class: 'status-action board-appeals',
            onclick: () => openBoardAppeals(context),
          },
          '申诉处理',
        )
      : null,
  ].filter((e): e is HTMLButtonElement => e !== null);
}

/** Why an appeal's filing or withdrawal was refused, in words. */
function refusal(error: GraphQLErrorLike, context: AppealsContext): string {
  const extensions = (error.extensions ?? {}) as Record<string, unknown>;
  if (error.extensions?.code === 'FORBIDDEN') return '只能对本所的结果提出或撤回申诉。';
  if (error.extensions?.code !== 'BAD_USER_INPUT') {
    return describeError(error, false, context.board.departments).text;
  }
  if (typeof extensions.closedAt === 'string') {
    return `申诉期已过：本版发布后 ${String(extensions.windowDays)} 天内可申诉，已于 ${dateTime(extensions.closedAt)} 截止。`;
  }
  const open = extensions.openAppeal;
  if (typeof open === 'string' || typeof open === 'number') {
    return `该项已有待答复的申诉（编号 ${open}）：请等待答复，或先撤回。`;
  }
  if (extensions.status != null) return '该申诉已答复或撤回，不能再撤回。';
  return `未成功：${error.message}`;
}

type Sent<T> = { value: T | null; problems: string[] };

/** A mutation's one answer: its value, or the refusal in words. */
async function send<T>(
  context: AppealsContext,
  request: () => Promise<{ data: T | null; errors: GraphQLErrorLike[] }>,
): Promise<Sent<T>> {
  try {
    const answer = await request();
    if (answer.data && answer.errors.length === 0) return { value: answer.data, problems: [] };
    return { value: null, problems: answer.errors.map((e) => refusal(e, context)) };
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    return { value: null, problems: [error.problem.text] };
  }
}

function problemLines(problems: readonly (Problem | string)[]): HTMLElement[] {
  return problems.map((p) =>
    h(
      'p',
      { class: `problem ${typeof p === 'string' ? 'input' : p.kind}`, role: 'alert' },
      typeof p === 'string' ? p : p.text,
    ),
  );
}

/** An OPEN appeal's withdrawal: the reason asked in its row, then sent. */
function withdrawButton(context: AppealsContext, appeal: Appeal, done: () => void): HTMLElement {
  const cell = h('span', { class: 'withdraw' });
  const ask = () => {
    const input = h('input', { type: 'text', maxlength: MAX_TEXT, placeholder: '撤回原因' });
    const problem = h('span', { class: 'problem-inline', role: 'alert' });
    const withdraw = async () => {
      confirm.disabled = true;
      const reason = input.value.trim();
      const sent = await send(context, () =>
        run(context.token, 'ScreenWithdrawAppeal', { id: appeal.id, reason: reason || null }),
      );
      if (sent.value) return done();
      problem.textContent = sent.problems.join(' ');
      confirm.disabled = false;
    };
    const confirm = h(
      'button',
      { type: 'button', class: 'confirm-withdraw', onclick: () => void withdraw() },
      '确认撤回',
    );
    cell.replaceChildren(input, confirm, problem);
    input.focus();
  };
  cell.append(h('button', { type: 'button', class: 'withdraw-appeal', onclick: ask }, '撤回'));
  return cell;
}

/** Appeals as a table: each one's item, claim, status, dates, answer and resolving revision. */
function appealTable(
  context: AppealsContext,
  appeals: readonly Appeal[],
  items: SchemeItems,
  withStation: boolean,
  reload: () => void,
): HTMLElement {
  const { board, nameOf } = context;
  const stationName = (code: string) =>
    board.rows.find((r) => r.code === code)?.name ?? nameOf(code);
  const headings = [
    '编号',
    ...(withStation ? ['派出所'] : []),
    '申诉项',
    '申诉理由',
    '答复部门',
    '状态',
    '提出时间',
    '答复',
    '更正',
    '',
  ];
  return h(
    'table',
    { class: 'appeal-list' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map((label) => h('th', {}, label)),
      ),
    ),
    h(
      'tbody',
      {},
      appeals.map((a) =>
        h(
          'tr',
          { 'data-appeal': a.id, 'data-status': a.status },
          h('td', { class: 'num' }, a.id),
          withStation ? h('td', { class: 'station' }, stationName(a.stationCode)) : null,
          h('td', { class: 'item' }, itemLabel(items, a.item)),
          h(
            'td',
            { class: 'claim' },
            a.claim,
            a.records.length > 0
              ? h(
                  'div',
                  { class: 'hint' },
                  `所涉记录：${a.records.map((r) => `${departmentLabel(board.departments, r.department)} ${r.externalId}`).join('、')}`,
                )
              : null,
          ),
          h('td', {}, departmentLabel(board.departments, a.department)),
          h('td', {}, statusChip(a.status)),
          h('td', { class: 'num' }, dateTime(a.filedAt)),
          h(
            'td',
            { class: 'answer' },
            a.answer ?? '',
            a.answeredAt ? h('div', { class: 'hint' }, dateTime(a.answeredAt)) : null,
          ),
          h(
            'td',
            { class: 'resolved' },
            a.resolvedInRevision === null ? '' : `第 ${a.resolvedInRevision} 版`,
          ),
          h('td', {}, a.status === 'OPEN' ? withdrawButton(context, a, reload) : null),
        ),
      ),
    ),
  );
}

/** The items of the scheme, grouped, each with the station's points on it where it has some. */
function itemPicker(items: SchemeItems, scored: Map<string, string>): HTMLSelectElement {
  const group = (label: string, options: { value: string; label: string }[]) =>
    h(
      'optgroup',
      { label },
      options.map((o) => h('option', { value: o.value }, o.label)),
    );
  return h(
    'select',
    { name: 'item' },
    group(
      '计分指标',
      items.indicators.map((i) => ({
        value: i.key,
        label: `${i.label}${scored.has(i.key) ? `（${scored.get(i.key)}）` : ''}`,
      })),
    ),
    group(
      '扣分项',
      items.deductions.map((d) => ({
        value: `deduction:${d.key}`,
        label: `${d.label}${scored.has(`deduction:${d.key}`) ? `（${scored.get(`deduction:${d.key}`)}）` : ''}`,
      })),
    ),
    group(
      '一票否决项',
      items.vetoes.map((v) => ({ value: `veto:${v.key}`, label: v.label })),
    ),
  );
}

/** The department owning an item of the scheme. */
function itemDepartment(items: SchemeItems, item: string): Department | undefined {
  const [list, key] = item.startsWith('deduction:')
    ? [items.deductions, item.slice('deduction:'.length)]
    : item.startsWith('veto:')
      ? [items.vetoes, item.slice('veto:'.length)]
      : [items.indicators, item];
  return list.find((i) => i.key === key)?.department;
}

/** The form a station files an appeal with: the item, the records if it names some, its claim. */
function appealForm(
  context: AppealsContext,
  station: string,
  items: SchemeItems,
  scored: Map<string, string>,
  filed: (appeal: Appeal) => void,
): HTMLElement {
  const { board, query } = context;
  const item = itemPicker(items, scored);
  // Every item has its department; the first of the registry only if the scheme had no items.
  let department = itemDepartment(items, item.value) ?? board.departments[0]?.department;
  const departmentPicker = select(
    board.departments.map((d) => ({ value: d.department, label: d.label })),
    department ?? '',
    (value) => {
      department = value as Department;
    },
    { name: 'department' },
  );
  item.addEventListener('change', () => {
    department = itemDepartment(items, item.value) ?? department;
    departmentPicker.value = department ?? '';
  });
  const records = h('input', {
    type: 'text',
    name: 'records',
    placeholder: '记录编号，多个以逗号或空格分隔（可不填）',
  });
  const claim = h('textarea', { name: 'claim', rows: 3, maxlength: MAX_TEXT });
  const problems = h('div', { class: 'form-problems' });
  const file = async () => {
    const text = claim.value.trim();
    if (!text) {
      problems.replaceChildren(...problemLines(['请写明申诉理由。']));
      return;
    }
    const ids = records.value.split(/[\s,，、]+/).filter(Boolean);
    const owner = department;
    submit.disabled = true;
    const sent = await send(context, () =>
      run(context.token, 'ScreenFileAppeal', {
        input: {
          scope: query.scope,
          period: query.period,
          schemeId: board.scheme.id,
          stationCode: station,
          item: item.value,
          records: owner ? ids.map((externalId) => ({ department: owner, externalId })) : [],
          claim: text,
        },
      }),
    );
    submit.disabled = false;
    if (sent.value) return filed(sent.value.fileAppeal);
    problems.replaceChildren(...problemLines(sent.problems));
  };
  const submit = h(
    'button',
    { type: 'button', class: 'primary file-appeal', onclick: () => void file() },
    '提交申诉',
  );
  return h(
    'form',
    { class: 'appeal-form', onsubmit: (event: Event) => event.preventDefault() },
    h('label', {}, '申诉项 ', item),
    h('label', {}, '所涉记录 ', departmentPicker, ' ', records),
    h('label', {}, `申诉理由（不超过 ${MAX_TEXT} 字）`, claim),
    problems,
    h('div', { class: 'actions' }, submit),
  );
}

async function loadInto<T>(
  dialog: Dialog,
  context: AppealsContext,
  request: () => Promise<{ data: T | null; errors: GraphQLErrorLike[] }>,
): Promise<T | null> {
  dialog.element.dataset.status = 'loading';
  dialog.show(h('p', {}, '正在加载…'));
  try {
    const answer = await request();
    if (answer.data && answer.errors.length === 0) return answer.data;
    dialog.show(problemLines(describeErrors(answer.errors, false, context.board.departments)));
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    dialog.show(problemLines([error.problem]));
  }
  dialog.element.dataset.status = 'error';
  return null;
}

/** A station's own row on the board, its appeals with their outcome, and the form to file one. */
function openStationAppeals(context: AppealsContext, station: string, notice = ''): void {
  const { board, query, nameOf } = context;
  const title = `本所申诉 · ${nameOf(context.query.scope)} ${periodLabel(board.period)}`;
  const dialog = openDialog('station-appeals-dialog', title);
  const reload = (text = '') => {
    dialog.close();
    openStationAppeals(context, station, text);
  };
  void loadInto(dialog, context, () =>
    run(context.token, 'ScreenStationAppeals', {
      scope: query.scope,
      period: query.period,
      schemeId: board.scheme.id,
      stationCode: station,
    }),
  ).then((data) => {
    const found = data?.publishedBoard;
    const row = found?.row;
    if (!found || !row) {
      if (data) dialog.show(problemLines(['本所不在该榜单上。']));
      return;
    }
    const scored = new Map<string, string>([
      ...row.indicators.map((i): [string, string] => [i.key, `${points(i.points)}/${i.max} 分`]),
      ...row.deductions.map((d): [string, string] => [
        `deduction:${d.key}`,
        `${d.count} 次，扣 ${points(d.points)} 分`,
      ]),
    ]);
    dialog.show(
      notice ? h('p', { class: 'status filed-now', role: 'status' }, notice) : null,
      h(
        'p',
        { class: 'own-row' },
        h('b', {}, row.stationName),
        ` 第 ${found.revision} 版：第 ${row.rank} 名 · 总分 ${points(row.total)} `,
        gradeChip(row.grade),
      ),
      h('h3', {}, '本所的申诉'),
      row.appeals.length > 0
        ? appealTable(context, row.appeals, found.scheme, false, () => reload('申诉已撤回。'))
        : h('p', { class: 'hint no-appeals' }, '本所尚未对本榜单提出申诉。'),
      h('h3', {}, '提出申诉'),
      h(
        'p',
        { class: 'hint' },
        `对本所在第 ${found.revision} 版（发布于 ${dateTime(found.publishedAt)}）中的某一指标、扣分项或否决项有异议时，须在申诉期内提出；由该项所属部门答复，采纳的申诉在更正版本中处理。`,
      ),
      appealForm(context, station, found.scheme, scored, (appeal) =>
        reload(
          `已提交申诉（编号 ${appeal.id}），待${departmentLabel(board.departments, appeal.department)}答复。`,
        ),
      ),
    );
    dialog.element.dataset.status = 'ready';
  });
}

/** Every appeal of the board, by status, for the assessors. */
function openBoardAppeals(context: AppealsContext, notice = ''): void {
  const { board, query, nameOf } = context;
  const dialog = openDialog(
    'board-appeals-dialog',
    `申诉处理 · ${nameOf(context.query.scope)} ${periodLabel(board.period)}`,
  );
  const reload = () => {
    dialog.close();
    openBoardAppeals(context, '申诉已按派出所意愿撤回。');
  };
  void loadInto(dialog, context, () =>
    run(context.token, 'ScreenBoardAppeals', {
      scope: query.scope,
      period: query.period,
      schemeId: board.scheme.id,
    }),
  ).then((data) => {
    const found = data?.publishedBoard;
    if (!found) return;
    const { appeals, scheme } = found;
    const count = (status: AppealStatus) => appeals.filter((a) => a.status === status).length;
    const table = h('div', { class: 'appeal-table' });
    const show = (status: string) =>
      table.replaceChildren(
        appealTable(
          context,
          appeals.filter((a) => !status || a.status === status),
          scheme,
          true,
          reload,
        ),
      );
    show('');
    dialog.show(
      notice ? h('p', { class: 'status filed-now', role: 'status' }, notice) : null,
      h(
        'p',
        { class: 'appeal-counts' },
        `共 ${appeals.length} 件：`,
        (Object.keys(STATUS_LABEL) as AppealStatus[])
          .map((s) => `${STATUS_LABEL[s]} ${count(s)}`)
          .join(' · '),
        `；已答复、待更正版本处理 ${resolvable(appeals).length} 件`,
      ),
      h(
        'label',
        {},
        '状态 ',
        select(
          [
            { value: '', label: '全部' },
            ...(Object.keys(STATUS_LABEL) as AppealStatus[]).map((s) => ({
              value: s,
              label: STATUS_LABEL[s],
            })),
          ],
          '',
          show,
          { class: 'appeal-filter' },
        ),
      ),
      appeals.length > 0 ? table : h('p', { class: 'hint no-appeals' }, '本榜单尚无申诉。'),
    );
    dialog.element.dataset.status = 'ready';
  });
}

export interface ResolvesPicker {
  element: HTMLElement;
  /** The appeals ticked, each with its line in words. */
  chosen: () => { id: string; text: string }[];
}

/**
 * The answered appeals of a board a new revision may resolve, each a checkbox, ticked: what the
 * publishing dialog asks before a revision. One request, as the dialog opens.
 */
export function resolvesPicker(context: AppealsContext): ResolvesPicker {
  const element = h('fieldset', { class: 'resolves', 'data-status': 'loading' });
  const lines = new Map<string, string>();
  element.append(h('legend', {}, '本版处理的申诉'), h('p', { class: 'hint' }, '正在加载…'));
  const { board, query } = context;
  void run(context.token, 'ScreenBoardAppeals', {
    scope: query.scope,
    period: query.period,
    schemeId: board.scheme.id,
  })
    .catch(() => ({ data: null, errors: [] }))
    .then(({ data }) => {
      const found = data?.publishedBoard;
      const answered = found ? resolvable(found.appeals) : [];
      const name = (code: string) => board.rows.find((r) => r.code === code)?.name ?? code;
      for (const a of answered) {
        lines.set(
          a.id,
          `编号 ${a.id} · ${name(a.stationCode)} · ${found ? itemLabel(found.scheme, a.item) : a.item} · ${STATUS_LABEL[a.status]}`,
        );
      }
      fill(
        element,
        h('legend', {}, '本版处理的申诉'),
        answered.length === 0
          ? h(
              'p',
              { class: 'hint' },
              found ? '没有已答复、待处理的申诉。' : '申诉读取失败：本版将不注明处理的申诉。',
            )
          : answered.map((a) =>
              h(
                'label',
                { class: 'resolve' },
                h('input', { type: 'checkbox', value: a.id, checked: true }),
                ` ${lines.get(a.id) ?? a.id}`,
              ),
            ),
      );
      element.dataset.status = 'ready';
    });
  return {
    element,
    chosen: () =>
      [...element.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')].map(
        (box) => ({ id: box.value, text: lines.get(box.value) ?? box.value }),
      ),
  };
}
