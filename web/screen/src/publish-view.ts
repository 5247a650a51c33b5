/**
 * Publishing from the screen: an assessor publishes the live board of an ended period as the
 * official result, or a new revision of it with a reason, after a confirmation that says what
 * will be published. The platform decides who may publish; the screen only offers it to the
 * roles it grants (assessor, admin).
 */
import { run, Unreachable } from './api';
import { resolvesPicker, type AppealsContext, type ResolvesPicker } from './appeals-view';
import { openDialog, type Dialog } from './dialog';
import { h } from './dom';
import { describeError, type GraphQLErrorLike } from './errors';
import { periodLabel } from './format';
import type { BoardQuery } from './load';
import type { DepartmentInfo } from './types';
import { claimedRoles } from './viewer';

/** The longest reason the platform stores. */
const MAX_REASON = 500;
const PUBLISHING_ROLES = ['assessor', 'admin'];

export interface PublishContext {
  token: string;
  query: BoardQuery;
  /** The scheme of the board on screen; null: the newest (what a board never published takes). */
  scheme: { id: string; title: string } | null;
  /** The revision a publication would take: 1 for a board never published; null when unknown (the live preview). */
  nextRevision: number | null;
  departments: readonly DepartmentInfo[];
  nameOf: (code: string) => string;
  /** The official board's appeals, which a new revision may resolve; null on other views. */
  appeals: AppealsContext | null;
  /** Called with the revision stored. */
  published: (revision: number, publisherName: string) => void;
}

/** Why a publication was refused, in words. */
function refusal(error: GraphQLErrorLike, departments: readonly DepartmentInfo[]): string {
  switch (error.extensions?.code) {
    case 'FORBIDDEN':
      return '当前身份无权发布正式结果：只有考核办（assessor）或管理员可以发布。';
    case 'DEPARTMENT_UNAVAILABLE':
      return '有部门数据暂不可用，榜单不完整，不能发布。请待各部门数据恢复后再发布。';
    case 'BAD_USER_INPUT':
      if (/has not ended/.test(error.message)) return '考核期尚未结束，不能发布正式结果。';
      if (/needs a reason/.test(error.message)) return '该榜单已发布过，发布新版本须填写更正原因。';
      return `发布未成功：${error.message}`;
    default:
      return `发布未成功：${describeError(error, false, departments).text}`;
  }
}

/** The button that opens the publishing dialog; null for a token that may not publish. */
export function publishButton(context: PublishContext): HTMLButtonElement | null {
  if (!claimedRoles(context.token).some((role) => PUBLISHING_ROLES.includes(role))) return null;
  const again = context.nextRevision !== null && context.nextRevision >= 2;
  return h(
    'button',
    { type: 'button', class: 'status-action publish', onclick: () => openPublish(context) },
    again ? '发布更正版本' : '发布正式结果',
  );
}

function facts(context: PublishContext): HTMLElement {
  const { query, scheme, nextRevision, nameOf } = context;
  const pairs: [string, string][] = [
    ['范围', `${nameOf(query.scope)}（${query.scope}）`],
    ['考核期', periodLabel(query.period)],
    ['考核方案', scheme ? `${scheme.title}（${scheme.id}）` : '最新发布的方案'],
    [
      '版本',
      nextRevision === null
        ? '下一版（若已发布过，须填写更正原因）'
        : nextRevision === 1
          ? '第 1 版（首次发布）'
          : `第 ${nextRevision} 版（更正）`,
    ],
  ];
  return h(
    'dl',
    { class: 'facts-list' },
    pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

/** What the dialog keeps between its steps: the reason typed, the appeals ticked. */
interface Draft {
  reason: string;
  resolves: ResolvesPicker | null;
}

function openPublish(context: PublishContext): void {
  const dialog = openDialog('publish', '发布正式结果');
  const again = context.nextRevision !== null && context.nextRevision >= 2;
  editStep(context, dialog, {
    reason: '',
    resolves: again && context.appeals ? resolvesPicker(context.appeals) : null,
  });
}

/** The first step: what will be published, the reason, and the appeals it resolves. */
function editStep(context: PublishContext, dialog: Dialog, draft: Draft): void {
  const { reason } = draft;
  const required = context.nextRevision !== null && context.nextRevision >= 2;
  const input = h('textarea', { name: 'reason', rows: 3, maxlength: MAX_REASON });
  input.value = reason;
  const count = h('span', { class: 'hint count' }, `${reason.length} / ${MAX_REASON}`);
  input.addEventListener('input', () => {
    count.textContent = `${input.value.length} / ${MAX_REASON}`;
  });
  const problem = h('p', { class: 'problem input', role: 'alert', hidden: true });
  dialog.show(
    facts(context),
    h(
      'p',
      { class: 'hint' },
      '发布时按各部门当前数据计算榜单，发布后即为正式结果，对所有派出所可见，不能修改或撤回；如需更正，只能再发布新版本并注明原因。',
    ),
    h(
      'label',
      {},
      required ? '更正原因（必填）' : '发布说明或更正原因（首次发布可不填）',
      input,
      count,
    ),
    draft.resolves?.element,
    problem,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary next',
          onclick: () => {
            const text = input.value.trim();
            if (required && !text) {
              problem.textContent = '请填写更正原因：第 2 版起每一版都须说明为何更正。';
              problem.hidden = false;
              return;
            }
            confirmStep(context, dialog, { ...draft, reason: text });
          },
        },
        '下一步',
      ),
      h('button', { type: 'button', class: 'cancel', onclick: dialog.close }, '取消'),
    ),
  );
  input.focus();
}

/** The second step: the publication as it will be stored, to confirm. */
function confirmStep(context: PublishContext, dialog: Dialog, draft: Draft): void {
  const { reason } = draft;
  const resolves = draft.resolves?.chosen() ?? [];
  const problem = h('p', { class: 'problem', role: 'alert', hidden: true });
  const confirm = h(
    'button',
    {
      type: 'button',
      class: 'primary confirm',
      onclick: () =>
        void publish(
          context,
          dialog,
          { reason, resolves: resolves.map((r) => r.id) },
          confirm,
          problem,
        ),
    },
    '确认发布',
  );
  dialog.show(
    h('p', { class: 'confirm-question' }, '确认发布以下正式结果？发布后不能撤回。'),
    facts(context),
    h(
      'p',
      { class: 'reason' },
      { 1: '发布说明：', null: '发布说明或更正原因：' }[String(context.nextRevision)] ??
        '更正原因：',
      reason || '（未填写）',
    ),
    resolves.length > 0
      ? h(
          'div',
          { class: 'resolves-chosen' },
          `本版处理的申诉（${resolves.length} 件）：`,
          h(
            'ul',
            {},
            resolves.map((r) => h('li', {}, r.text)),
          ),
        )
      : null,
    problem,
    h(
      'div',
      { class: 'actions' },
      confirm,
      h(
        'button',
        { type: 'button', class: 'back', onclick: () => editStep(context, dialog, draft) },
        '返回修改',
      ),
    ),
  );
}

async function publish(
  context: PublishContext,
  dialog: Dialog,
  { reason, resolves }: { reason: string; resolves: string[] },
  button: HTMLButtonElement,
  problem: HTMLElement,
): Promise<void> {
  button.disabled = true;
  dialog.element.dataset.status = 'publishing';
  let text: string;
  try {
    const answer = await run(context.token, 'ScreenPublishBoard', {
      scope: context.query.scope,
      period: context.query.period,
      schemeId: context.scheme?.id ?? (context.query.schemeId || null),
      reason: reason || null,
      resolves: resolves.length > 0 ? resolves : null,
    });
    const stored = answer.data?.publishAssessmentBoard;
    if (stored) {
      dialog.close();
      context.published(stored.revision, stored.publisherName);
      return;
    }
    const [first] = answer.errors;
    text = first ? refusal(first, context.departments) : '发布未成功：平台没有返回结果。';
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    text = error.problem.text;
  }
  problem.textContent = text;
  problem.hidden = false;
  button.disabled = false;
  dialog.element.dataset.status = 'refused';
}
