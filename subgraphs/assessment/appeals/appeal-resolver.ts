import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Grant } from '../../../platform/access';
import type { Viewer } from '../../../platform/auth';
import { assertStationCode } from '../../../platform/codes';
import { badUserInput, show } from '../../../platform/errors';
import type { Author } from '../../kit/records/journal';
import { bounded, decodeCursor, pageOf } from '../../kit/contract/connection';
import { listSize } from '../../kit/contract/list-sizes';
import { parsePeriod } from '../../kit/figures/period';
import { parseScope } from '../../kit/figures/scope';
import { DepartmentEnum, type Department } from '../enums';
import type { AssessmentContext } from '../loaders';
import { assertSchemeId } from '../scheme/scheme';
import {
  Appeal,
  AppealConnection,
  AppealEvent,
  AppealInput,
  AppealStatusEnum,
  MAX_APPEALS,
  MAX_EVENTS,
  type AppealStatus,
} from './appeal';
import { answerer, filer, listedDepartments, withdrawer } from './appeal-access';
import { assertRecordsBehind } from './appeal-records';
import { appealRecords, appealText, assertWithinWindow, itemOf } from './appeal-rules';
import { closeAppeal, insertAppeal, listAppeals, type StoredAppeal } from './appeal-store';

const APPEAL_CURSOR = 'appeal';
/** An appeal's id, as the table numbers them. */
const appealNumber = (text: string) => (/^[1-9][0-9]{0,14}$/.test(text) ? text : null);

function signedIn(context: AssessmentContext): Viewer {
  if (!context.viewer) throw new Error('an appeal field reached without a viewer');
  return context.viewer;
}

/**
 * The appeal an id names. An id that names none is a bad input, as an unknown record's id is
 * to a withdrawal: one code for every id the caller got wrong.
 */
async function appealOf(id: string, { loaders }: AssessmentContext): Promise<StoredAppeal> {
  const key = appealNumber(id);
  if (key === null) {
    throw badUserInput(`id ${show(id)} is not an appeal id (a number, e.g. 17)`, {
      field: 'id',
      value: id,
    });
  }
  const appeal = await loaders.appeals.byId.load(key);
  if (!appeal) throw badUserInput(`no appeal ${key}`, { field: 'id', value: id });
  return appeal;
}

/** Only an OPEN appeal is answered or withdrawn: `status` is what it is instead. */
function notOpen(id: string, status: AppealStatus | null) {
  return badUserInput(
    `appeal ${id} is ${status ?? 'no longer OPEN'}: only an OPEN appeal is answered or withdrawn`,
    { field: 'id', value: id, status },
  );
}

/** Closes an OPEN appeal; refused when it is not (or no longer, as another answered first). */
async function close(
  context: AssessmentContext,
  appeal: StoredAppeal,
  status: Exclude<AppealStatus, 'OPEN'>,
  reason: string | null,
  author: Author,
): Promise<StoredAppeal> {
  if (appeal.status !== 'OPEN') throw notOpen(appeal.id, appeal.status);
  const closed = await closeAppeal(context.db, appeal.id, status, reason, author);
  if (!closed) throw notOpen(appeal.id, null);
  return closed;
}

@Resolver(() => Appeal)
export class AppealResolver {
  @Authorized(Grant.anyStation)
  @Mutation(() => Appeal, {
    description:
      '提出申诉 A station contests one item of its own row on a published board (its newest ' +
      'revision), within APPEAL_WINDOW_DAYS (default 7) of that revision’s publication. ' +
      'Refused with nothing stored (BAD_USER_INPUT) outside the window, for an item the ' +
      'board’s scheme does not score, a record its department does not list behind the ' +
      'figure, a station not on the board, an empty or oversized ' +
      'claim, while the station has an OPEN appeal on the same item, or past the appeals a ' +
      'station (one per item of the scheme) or a board (1,000) may carry; FORBIDDEN for ' +
      'another station’s row.',
  })
  async fileAppeal(
    @Arg('input', () => AppealInput, { description: '申诉 The appeal.' }) input: AppealInput,
    @Ctx() context: AssessmentContext,
  ): Promise<StoredAppeal> {
    const { db, loaders, today, requestId } = context;
    const stationCode = assertStationCode(input.stationCode, 'stationCode');
    const author = filer(signedIn(context), stationCode, requestId);
    parseScope(input.scope);
    parsePeriod(input.period, today);
    const claim = appealText('claim', input.claim);
    const board = await loaders.published.board.load({
      scope: input.scope,
      period: input.period,
      schemeId: input.schemeId == null ? null : assertSchemeId(input.schemeId, 'schemeId'),
      revision: null,
    });
    if (!board) {
      throw badUserInput(`no board of ${input.scope} for ${input.period} is published`, {
        field: 'period',
        value: input.period,
      });
    }
    assertWithinWindow(board.publishedAt, board.revision);
    const { key, department } = itemOf(board.scheme, input.item);
    const records = appealRecords(input.records ?? [], department);
    const { rows } = await loaders.published.rows.load({
      board: board.key,
      previous: null,
      after: 0,
      limit: 1,
      division: null,
      grade: null,
      station: stationCode,
      detail: false,
    });
    if (rows.length === 0) {
      throw badUserInput(`station ${stationCode} is not on this board`, {
        field: 'stationCode',
        value: stationCode,
      });
    }
    await assertRecordsBehind(
      context.graph,
      { stationCode, period: board.period, indicator: key, department },
      records,
    );
    return insertAppeal(
      db,
      {
        board: { scope: board.scope, period: board.period, schemeId: board.schemeId },
        revision: board.revision,
        stationCode,
        item: input.item,
        department,
        claim,
        records,
      },
      author,
    );
  }

  @Authorized(Grant.anyDepartment)
  @Mutation(() => Appeal, {
    description:
      '答复申诉 The department owning the appeal’s item accepts it (having corrected or ' +
      'withdrawn its records, each with `申诉 <id>：…` in its reason) or rejects it, with a ' +
      'reason either way. Only an OPEN appeal is answered (else BAD_USER_INPUT); another ' +
      'department’s appeal is FORBIDDEN.',
  })
  async answerAppeal(
    @Arg('id', () => ID, { description: '申诉编号 The appeal.' }) id: string,
    @Arg('accepted', { description: '是否采纳 true accepts, false rejects.' }) accepted: boolean,
    @Arg('reason', {
      description: '答复理由 What was corrected, or why it is rejected; at most 500 characters.',
    })
    reason: string,
    @Ctx() context: AssessmentContext,
  ): Promise<StoredAppeal> {
    const appeal = await appealOf(id, context);
    const author = answerer(signedIn(context), appeal.department, context.requestId);
    const why = appealText('reason', reason);
    return close(context, appeal, accepted ? 'ACCEPTED' : 'REJECTED', why, author);
  }

  @Authorized(Grant.anyStation, Grant.assessor)
  @Mutation(() => Appeal, {
    description:
      '撤回申诉 The station that filed an OPEN appeal withdraws it; assessors close one so for ' +
      'the station. Only an OPEN appeal (else BAD_USER_INPUT); another station’s is FORBIDDEN.',
  })
  async withdrawAppeal(
    @Arg('id', () => ID, { description: '申诉编号 The appeal.' }) id: string,
    @Arg('reason', () => String, {
      nullable: true,
      description: '撤回原因 Why, at most 500 characters.',
    })
    reason: string | undefined,
    @Ctx() context: AssessmentContext,
  ): Promise<StoredAppeal> {
    const appeal = await appealOf(id, context);
    const author = withdrawer(signedIn(context), appeal.stationCode, context.requestId);
    const why = reason == null ? null : appealText('reason', reason);
    return close(context, appeal, 'WITHDRAWN', why, author);
  }

  @Authorized(Grant.anyDepartment, Grant.assessor)
  @listSize(MAX_APPEALS, { slicingArgument: 'first', sizedFields: ['edges'] })
  @Query(() => AppealConnection, {
    description:
      '申诉列表 Appeals, the newest first: a department’s token lists those on its own items ' +
      '(another department’s is FORBIDDEN); assessors and admin every one.',
  })
  async appeals(
    @Arg('department', () => DepartmentEnum, {
      nullable: true,
      description: '部门 Only the appeals on this department’s items; by default the token’s own.',
    })
    department: Department | undefined,
    @Arg('status', () => AppealStatusEnum, {
      nullable: true,
      description: '状态 Only this status.',
    })
    status: AppealStatus | undefined,
    @Arg('scope', () => ID, { nullable: true, description: '范围 Only the boards of this scope.' })
    scope: string | undefined,
    @Arg('period', () => String, {
      nullable: true,
      description: '考核期 Only the boards of this period.',
    })
    period: string | undefined,
    @Arg('first', () => Int, {
      nullable: true,
      description: `每页条数 Appeals per page, 1 to ${MAX_APPEALS}; 20 by default.`,
    })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The endCursor of the page before.',
    })
    after: string | undefined,
    @Ctx() context: AssessmentContext,
  ): Promise<AppealConnection> {
    const departments = listedDepartments(signedIn(context), department);
    if (scope != null) parseScope(scope);
    if (period != null) parsePeriod(period, context.today);
    const size = bounded(first ?? 20, 'first', MAX_APPEALS);
    const before = after == null ? null : decodeCursor(APPEAL_CURSOR, after, appealNumber);
    const { appeals, totalCount } = await listAppeals(context.db, {
      departments,
      status: status ?? null,
      scope: scope ?? null,
      period: period ?? null,
      before,
      first: size,
    });
    return pageOf(APPEAL_CURSOR, appeals, size, (node) => node.id, before !== null, totalCount);
  }

  @Authorized()
  @listSize(MAX_EVENTS)
  @FieldResolver(() => [AppealEvent], {
    description:
      '申诉记录 Every change of the appeal, oldest first, as its append-only log keeps it.',
  })
  history(
    @Root() appeal: StoredAppeal,
    @Ctx() { loaders }: AssessmentContext,
  ): Promise<AppealEvent[]> {
    return loaders.appeals.events.load(appeal.id);
  }
}
