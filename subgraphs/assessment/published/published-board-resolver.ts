import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Grant } from '../../../platform/access';
import { assertDivisionCode, assertStationCode } from '../../../platform/codes';
import { badUserInput, show } from '../../../platform/errors';
import {
  bounded,
  decodeCursor,
  encodeCursor,
  pageInfo,
  pageOf,
} from '../../kit/contract/connection';
import type { BoardKey } from '../../kit/contract/board-contract';
import { parsePeriod, previousPeriod } from '../../kit/figures/period';
import { must } from '../../kit/records/batch-checks';
import { listSize, STATIONS_IN_SCOPE } from '../../kit/contract/list-sizes';
import { parseScope } from '../../kit/figures/scope';
import { GradeEnum } from '../enums';
import type { AssessmentContext } from '../loaders';
import { AssessmentScheme, assertSchemeId, type Scheme } from '../scheme/scheme';
import type { Grade } from '../scoring/grade';
import { MAX_BOARDS, PublishedBoard, PublishedBoardConnection } from './published-board';
import { RowChange } from './row-changes';
import { PublishedRow, PublishedRowConnection } from './published-row';
import { readLiveBoard } from './board-source';
import { selects } from './selection';
import {
  assertReason,
  listBoards,
  nextRevision,
  storeRevision,
  type BoardHeader,
  type RowsRequest,
  type StoredRow,
} from './published-store';

/** A PublishedBoardConnection as resolved: its boards as read. */
type BoardPage = Omit<PublishedBoardConnection, 'edges'> & {
  edges: { cursor: string; node: BoardHeader }[];
};

/** More rows than any province has stations: a page may be a whole board. */
const MAX_ROWS = 5000;
const MAX_REASON = 500;
/** The most appeals one revision resolves. */
const MAX_RESOLVES = 100;
const ROW_CURSOR = 'row';
const BOARD_CURSOR = 'board';
/** What a cursor of a published list holds: a row's position in rank order, a board's key. */
const positive = (text: string) => (/^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null);
/** The fields only an export reads: stored apart, read only when asked for. */
const DETAIL_FIELDS = new Set(['indicators', 'deductions', 'vetoCounts']);

const SCOPE = {
  description:
    '范围 330000 the province, 330600 a city, 330681 a county, or a 12-digit station code.',
};
const PERIOD = { description: '考核期 YYYY, YYYY-H1|H2, YYYY-Q1..Q4 or YYYY-MM.' };

/**
 * A reason as stored, for good (the table is append-only): the rules of a withdrawal's reason
 * (no control character nor lone surrogate, a visible character, at most MAX_REASON), trimmed.
 */
function normalReason(reason: string | null | undefined): string | null {
  if (reason == null) return null;
  const problem = must.beText('reason', reason, MAX_REASON);
  if (problem) {
    throw badUserInput(`reason ${show(reason)} ${problem.reason}`, {
      field: 'reason',
      value: reason,
    });
  }
  return reason.trim();
}

/** The key of the board a revision is of. */
const keyOf = (board: BoardHeader): BoardKey => ({
  scope: board.scope,
  period: board.period,
  schemeId: board.schemeId,
});

/** The appeals a revision names as resolved: ids, without repeats, at most MAX_RESOLVES. */
function resolvedAppeals(ids: readonly string[]): string[] {
  if (ids.length > MAX_RESOLVES) {
    throw badUserInput(`resolves names ${ids.length} appeals; at most ${MAX_RESOLVES}`, {
      field: 'resolves',
      value: ids.length,
    });
  }
  const bad = ids.find((id) => !positive(id));
  if (bad !== undefined) {
    throw badUserInput(`resolves: ${show(bad)} is not an appeal id (a number, e.g. 17)`, {
      field: 'resolves',
      value: bad,
    });
  }
  return [...new Set(ids)];
}

function publishedRow(stored: StoredRow, board: BoardHeader): PublishedRow {
  const { line, detail, previousRank } = stored;
  return {
    ...line,
    board: keyOf(board),
    station: { code: line.stationCode },
    previousRank,
    rankChange: previousRank === null ? null : previousRank - line.rank,
    // Absent when the request did not select them (see DETAIL_FIELDS).
    indicators: detail?.indicators ?? [],
    deductions: detail?.deductions ?? [],
    vetoCounts: detail?.vetoCounts ?? [],
  };
}

@Resolver(() => PublishedBoard)
export class PublishedBoardResolver {
  // Every signed-in user reads the official results: they are published to every station.
  @Authorized()
  @Query(() => PublishedBoard, {
    nullable: true,
    description:
      '已发布榜单 The official result of a scope and period: its newest revision unless one is ' +
      'asked for; null when it was never published. Without schemeId, the board published last ' +
      'for the scope and period, whatever its scheme.',
  })
  async publishedBoard(
    @Arg('scope', () => ID, SCOPE) scope: string,
    @Arg('period', PERIOD) period: string,
    @Arg('schemeId', () => ID, { nullable: true, description: '考核方案 A scheme version.' })
    schemeId: string | undefined,
    @Arg('revision', () => Int, {
      nullable: true,
      description: '版本 A revision (1, 2, …); by default the newest.',
    })
    revision: number | undefined,
    @Ctx() { loaders, today }: AssessmentContext,
  ): Promise<BoardHeader | null> {
    parseScope(scope);
    parsePeriod(period, today);
    const found = await loaders.published.board.load({
      scope,
      period,
      schemeId: schemeId == null ? null : assertSchemeId(schemeId, 'schemeId'),
      revision: revision == null ? null : bounded(revision, 'revision', 1_000_000),
    });
    if (found) loaders.scheme.prime(found.scheme.id, found.scheme);
    return found;
  }

  @Authorized()
  @listSize(MAX_BOARDS, { slicingArgument: 'first', sizedFields: ['edges'] })
  @Query(() => PublishedBoardConnection, {
    description:
      '已发布榜单列表 Published boards at their newest revision, of a scope or a period or all, ' +
      'the most recently published first.',
  })
  async publishedBoards(
    @Arg('scope', () => ID, { nullable: true, ...SCOPE }) scope: string | undefined,
    @Arg('period', () => String, { nullable: true, ...PERIOD }) period: string | undefined,
    @Arg('first', () => Int, {
      nullable: true,
      description: `每页条数 Boards per page, 1 to ${MAX_BOARDS}; 20 by default.`,
    })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The endCursor of the page before.',
    })
    after: string | undefined,
    @Ctx() { db, today }: AssessmentContext,
  ): Promise<BoardPage> {
    if (scope != null) parseScope(scope);
    if (period != null) parsePeriod(period, today);
    const size = bounded(first ?? 20, 'first', MAX_BOARDS);
    const before = after == null ? null : String(decodeCursor(BOARD_CURSOR, after, positive));
    const { boards, totalCount } = await listBoards(db, {
      scope: scope ?? null,
      period: period ?? null,
      before,
      first: size,
    });
    return pageOf(BOARD_CURSOR, boards, size, (node) => node.key, before !== null, totalCount);
  }

  @Authorized(Grant.assessor)
  @Mutation(() => PublishedBoard, {
    description:
      '发布榜单 Publishes the live board of a scope and an ended period as the official result ' +
      '(定期晾晒): the next revision of the board, exactly as the live board answers now. From ' +
      'revision 2 on a reason is required; a revision may name the appeals it resolves. A period not yet ended is refused (BAD_USER_INPUT), ' +
      'and so is a board with any department unavailable (DEPARTMENT_UNAVAILABLE): nothing ' +
      'partial is ever published.',
  })
  async publishAssessmentBoard(
    @Arg('scope', () => ID, SCOPE) scope: string,
    @Arg('period', PERIOD) period: string,
    @Arg('schemeId', () => ID, {
      nullable: true,
      description: '考核方案 A scheme version; by default the newest published.',
    })
    schemeId: string | undefined,
    @Arg('reason', () => String, {
      nullable: true,
      description: `更正原因 Why it is published again: required from revision 2 on, at most ${MAX_REASON} characters.`,
    })
    reason: string | undefined,
    @Arg('resolves', () => [ID], {
      nullable: true,
      description:
        `解决的申诉 The appeals of this board the revision resolves, at most ${MAX_RESOLVES}: each ` +
        'ACCEPTED or REJECTED and not resolved before (else BAD_USER_INPUT, nothing published).',
    })
    resolves: string[] | undefined,
    @Ctx() context: AssessmentContext,
  ): Promise<BoardHeader> {
    const { db, loaders, today, viewer } = context;
    if (!viewer) throw new Error('publishAssessmentBoard reached without a viewer');
    parseScope(scope);
    const parsed = parsePeriod(period, today);
    if (parsed.partial) {
      throw badUserInput(
        `period ${show(period)} has not ended (today is ${today}): only an ended period is published`,
        { field: 'period', value: period },
      );
    }
    const why = normalReason(reason);
    const resolved = resolvedAppeals(resolves ?? []);
    const scheme: Scheme | null =
      schemeId == null
        ? await loaders.newestScheme()
        : await loaders.scheme.load(assertSchemeId(schemeId, 'schemeId'));
    if (!scheme) {
      throw badUserInput(`schemeId ${show(schemeId)} is not a published scheme`, {
        field: 'schemeId',
        value: schemeId ?? null,
      });
    }
    const board: BoardKey = { scope, period, schemeId: scheme.id };
    // Refused before the live board is read; checked again under the lock as it is stored.
    assertReason(why, await nextRevision(db, board));
    const live = await readLiveBoard(context.graph, board);
    if (live.rows.length === 0) {
      throw badUserInput(`scope ${show(scope)} has no stations to publish`, {
        field: 'scope',
        value: scope,
      });
    }
    const revision = await storeRevision(db, {
      board,
      schemeName: scheme.name,
      periodStart: parsed.range.from,
      periodEnd: parsed.range.to,
      previousPeriod: previousPeriod(period),
      publishedBy: viewer.sub,
      publisherName: viewer.name ?? null,
      reason: why,
      dataCutoff: live.dataCutoff,
      rows: live.rows,
      resolves: resolved,
      publisher: {
        sub: viewer.sub,
        role: viewer.roles.includes(Grant.assessor) ? Grant.assessor : 'admin',
        requestId: context.requestId,
      },
    });
    const stored = await loaders.published.board.load({
      scope,
      period,
      schemeId: scheme.id,
      revision,
    });
    if (!stored) throw new Error(`board ${scope}/${period} was published but cannot be read back`);
    return stored;
  }

  @Authorized()
  @FieldResolver(() => AssessmentScheme, {
    description: '考核方案 The scheme version scored with.',
  })
  scheme(@Root() board: BoardHeader): Scheme {
    return board.scheme;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      '对比期 The period whose board previousRank reads (2019-H1 → 2018-H2): null when that ' +
      'board was never published, so no row has a previous rank and none is new.',
  })
  comparedWith(@Root() board: BoardHeader): string | null {
    return board.previousKey === null ? null : board.previousPeriod;
  }

  @Authorized()
  @listSize(STATIONS_IN_SCOPE)
  @FieldResolver(() => [RowChange], {
    description:
      '更正变化 The stations whose total, grade or rank moved since the previous revision, in ' +
      'rank order (then those no longer on it); empty for revision 1.',
  })
  changes(@Root() board: BoardHeader): RowChange[] {
    return board.changes.map(({ stationCode, ...change }) => ({
      ...change,
      station: { code: stationCode },
      board: keyOf(board),
      revision: board.revision,
    }));
  }

  @Authorized()
  // A whole board by default: the largest scope's stations, unless `first` says fewer.
  @listSize(STATIONS_IN_SCOPE, { slicingArgument: 'first', sizedFields: ['edges'] })
  @FieldResolver(() => PublishedRowConnection, {
    description:
      '已发布结果 The rows in rank order, a page at a time, of one county or one grade if asked.',
  })
  async rows(
    @Root() board: BoardHeader,
    @Arg('first', () => Int, {
      nullable: true,
      description: `每页条数 Rows per page, 1 to ${MAX_ROWS}; by default the whole board.`,
    })
    first: number | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The endCursor of the page before.',
    })
    after: string | undefined,
    @Arg('division', () => ID, {
      nullable: true,
      description: '县级区划 Only the stations of this county (as it was at publication).',
    })
    division: string | undefined,
    @Arg('grade', () => GradeEnum, { nullable: true, description: '等次 Only this grade.' })
    grade: Grade | undefined,
    @Ctx() { loaders }: AssessmentContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PublishedRowConnection> {
    const size = bounded(first ?? MAX_ROWS, 'first', MAX_ROWS);
    const from = after == null ? 0 : decodeCursor(ROW_CURSOR, after, positive);
    const request: RowsRequest = {
      board: board.key,
      previous: board.previousKey,
      after: from,
      limit: size + 1,
      division: division == null ? null : assertDivisionCode(division, 'division'),
      grade: grade ?? null,
      station: null,
      detail: selects(info, DETAIL_FIELDS),
    };
    const { rows, matching } = await loaders.published.rows.load(request);
    const edges = rows.slice(0, size).map((row) => ({
      cursor: encodeCursor(ROW_CURSOR, row.position),
      node: publishedRow(row, board),
    }));
    return {
      edges,
      pageInfo: pageInfo(
        edges.map((e) => e.cursor),
        rows.length > size,
        from > 0,
      ),
      totalCount: matching,
    };
  }

  @Authorized()
  @FieldResolver(() => PublishedRow, {
    nullable: true,
    description: "单个派出所 One station's row; null when it is not on the board.",
  })
  async row(
    @Root() board: BoardHeader,
    @Arg('stationCode', () => ID, { description: '机构代码 12-digit station code.' })
    stationCode: string,
    @Ctx() { loaders }: AssessmentContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PublishedRow | null> {
    const { rows } = await loaders.published.rows.load({
      board: board.key,
      previous: board.previousKey,
      after: 0,
      limit: 1,
      division: null,
      grade: null,
      station: assertStationCode(stationCode, 'stationCode'),
      detail: selects(info, DETAIL_FIELDS),
    });
    return rows[0] ? publishedRow(rows[0], board) : null;
  }
}
