import type { DataSource } from 'typeorm';
import { badUserInput } from '../../../platform/errors';
import type { BoardKey } from '../../kit/contract/board-contract';
import type { Author } from '../../kit/records/journal';
import { resolveAppeals } from '../appeals/appeal-store';
import { schemeAsJson, asRead } from '../scheme/scheme-store';
import type { Scheme } from '../scheme/scheme';
import type { Grade } from '../scoring/grade';
import { REVISIONS_LISTED, type PublishedRevision } from './published-board';
import { changesBetween, type StoredChange } from './row-changes';
import type { PublishedDetail, PublishedLine } from './published-row';
import { summarize, type BoardSummary } from './board-summary';

/** One revision of a board as read: what PublishedBoard shows, and how to reach its rows. */
export interface BoardHeader {
  /** Its key in published_board, which its rows are read by (also its publication order). */
  key: string;
  /** The key of the previous period's board, whose ranks previousRank reads, or null. */
  previousKey: string | null;
  /** The period just before, of the same kind, whether or not its board was published. */
  previousPeriod: string;
  id: string;
  scope: string;
  period: string;
  schemeId: string;
  revision: number;
  revisions: PublishedRevision[];
  publishedAt: Date;
  publishedBy: string;
  publisherName: string;
  reason: string | null;
  dataCutoff: Date;
  totalCount: number;
  summary: BoardSummary;
  changes: StoredChange[];
  scheme: Scheme;
}

type Timestamps<T> = Omit<T, 'publishedAt' | 'dataCutoff'> & {
  publishedAt: string;
  dataCutoff: string;
};
type HeaderRow = Timestamps<Omit<BoardHeader, 'id' | 'revisions'>> & {
  revisions: Timestamps<PublishedRevision>[];
};

/** The newest revision of its board: no later revision of the same scope, period and scheme. */
const NEWEST = `NOT EXISTS (SELECT FROM published_board n
                 WHERE n.scope = b.scope AND n.period = b.period AND n.scheme_id = b.scheme_id
                   AND n.revision > b.revision)`;

/** Who a revision's publisher is shown as: the token's name, else its subject. */
const PUBLISHER_NAME = (b: string) => `coalesce(${b}.published_by_name, ${b}.published_by)`;

/**
 * Everything a PublishedBoard shows but its rows, in one statement: the revision, every
 * revision of its board, its scheme (immutable, so read here instead of by another statement)
 * and the key of the previous period's board (the newest revision of the same scope and
 * scheme name, whatever the version) whose ranks the rows compare with.
 */
const SELECT_HEADER = `
  SELECT b.id::text AS key, b.scope, b.period, b.scheme_id AS "schemeId", b.revision,
         b.published_at AS "publishedAt", b.published_by AS "publishedBy",
         ${PUBLISHER_NAME('b')} AS "publisherName", b.reason,
         b.data_cutoff AS "dataCutoff", b.total_count AS "totalCount", b.summary, b.changes,
         b.previous_period AS "previousPeriod",
         (SELECT json_agg(json_build_object(
                   'revision', o.revision, 'publishedAt', o.published_at,
                   'publishedBy', o.published_by, 'publisherName', ${PUBLISHER_NAME('o')},
                   'reason', o.reason,
                   'dataCutoff', o.data_cutoff) ORDER BY o.revision DESC)
          FROM (SELECT * FROM published_board o
                WHERE o.scope = b.scope AND o.period = b.period AND o.scheme_id = b.scheme_id
                ORDER BY o.revision DESC LIMIT ${REVISIONS_LISTED}) o)
           AS revisions,
         (SELECT max(p.id)::text FROM published_board p
          WHERE p.scope = b.scope AND p.scheme_name = b.scheme_name
            AND p.period = b.previous_period) AS "previousKey",
         (${schemeAsJson('b.scheme_id')}) AS scheme
  FROM published_board b`;

function header(row: HeaderRow): BoardHeader {
  return {
    ...row,
    id: `${row.scope}/${row.period}/${row.schemeId}/${row.revision}`,
    publishedAt: new Date(row.publishedAt),
    dataCutoff: new Date(row.dataCutoff),
    revisions: row.revisions.map((r) => ({
      ...r,
      publishedAt: new Date(r.publishedAt),
      dataCutoff: new Date(r.dataCutoff),
    })),
    scheme: asRead(row.scheme),
  };
}

export interface BoardQuery {
  scope: string;
  period: string;
  schemeId: string | null;
  revision: number | null;
}

/**
 * Revisions of boards, one per query: the newest unless one is asked for, of a scheme or,
 * without one, of the board published last for the scope and period; null where there is none.
 * One statement for every query (every `publishedBoard` of a request).
 */
export async function findBoards(
  db: DataSource,
  queries: readonly BoardQuery[],
): Promise<(BoardHeader | null)[]> {
  const column = <K extends keyof BoardQuery>(k: K) => queries.map((q) => q[k]);
  const rows = await db.query<(HeaderRow & { n: number })[]>(
    `SELECT q.n::int AS n, h.*
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
            WITH ORDINALITY AS q(scope, period, scheme, revision, n)
     CROSS JOIN LATERAL (${SELECT_HEADER}
       WHERE b.scope = q.scope AND b.period = q.period
         AND (q.scheme IS NULL OR b.scheme_id = q.scheme)
         AND (q.revision IS NULL OR b.revision = q.revision)
       ORDER BY b.id DESC LIMIT 1) h`,
    [column('scope'), column('period'), column('schemeId'), column('revision')],
  );
  const found: (BoardHeader | null)[] = queries.map(() => null);
  for (const { n, ...row } of rows) found[n - 1] = header(row);
  return found;
}

export interface BoardListQuery {
  scope: string | null;
  period: string | null;
  /** Only boards published before this key (the cursor of the page before). */
  before: string | null;
  first: number;
}

/**
 * The newest revision of every board (of a scope, of a period), the last published first:
 * `first + 1` of them (an extra one says a page follows), and how many match.
 */
export async function listBoards(
  db: DataSource,
  q: BoardListQuery,
): Promise<{ boards: BoardHeader[]; totalCount: number }> {
  const matching = `${NEWEST} AND ($1::text IS NULL OR b.scope = $1)
                    AND ($2::text IS NULL OR b.period = $2)`;
  // The count rides along (an empty page still carries it): one statement.
  const rows = await db.query<(Partial<HeaderRow> & { matching: number })[]>(
    `SELECT m.matching, h.*
     FROM (SELECT count(*)::int AS matching FROM published_board b WHERE ${matching}) m
     LEFT JOIN LATERAL (${SELECT_HEADER}
                        WHERE ${matching} AND ($3::bigint IS NULL OR b.id < $3)
                        ORDER BY b.id DESC LIMIT $4) h ON true`,
    [q.scope, q.period, q.before, q.first + 1],
  );
  return {
    boards: rows.filter((row) => row.key != null).map((row) => header(row as HeaderRow)),
    totalCount: rows[0]?.matching ?? 0,
  };
}

export interface Publication {
  board: BoardKey;
  schemeName: string;
  /** The period's first and last day, and the period just before it. */
  periodStart: string;
  periodEnd: string;
  previousPeriod: string;
  publishedBy: string;
  /** The token's `name` claim, when it had one. */
  publisherName: string | null;
  reason: string | null;
  dataCutoff: Date;
  rows: readonly { line: PublishedLine; detail: PublishedDetail }[];
  /** The appeals of the board this revision resolves, and who resolves them. */
  resolves: readonly string[];
  publisher: Author;
}

/**
 * Stores a board as the next revision of its scope, period and scheme, with its summary and
 * its changes since the revision before, in one transaction. The advisory lock on the board
 * makes two publications of it take revisions one after the other, never the same one (the
 * unique key would refuse that anyway). The appeals it resolves are marked in the same
 * transaction, which an appeal that cannot be resolved rolls back. Returns the revision stored.
 */
export function storeRevision(db: DataSource, p: Publication): Promise<number> {
  const { scope, period, schemeId } = p.board;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `published:${scope}/${period}/${schemeId}`,
    ]);
    const [last] = await tx.query<{ key: string; revision: number }[]>(
      `SELECT id::text AS key, revision FROM published_board
       WHERE scope = $1 AND period = $2 AND scheme_id = $3 ORDER BY revision DESC LIMIT 1`,
      [scope, period, schemeId],
    );
    if (last) assertReason(p.reason, last.revision + 1);
    const previous = last
      ? (
          await tx.query<{ line: PublishedLine }[]>(
            'SELECT line FROM published_row WHERE board_id = $1 ORDER BY position',
            [last.key],
          )
        ).map((row) => row.line)
      : [];
    const lines = p.rows.map((row) => row.line);
    const revision = (last?.revision ?? 0) + 1;
    const [{ key }] = await tx.query<[{ key: string }]>(
      `INSERT INTO published_board (scope, period, period_start, period_end, previous_period,
         scheme_id, scheme_name, revision, published_by, published_by_name, reason, data_cutoff,
         total_count, summary, changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING id::text AS key`,
      [
        scope,
        period,
        p.periodStart,
        p.periodEnd,
        p.previousPeriod,
        schemeId,
        p.schemeName,
        revision,
        p.publishedBy,
        p.publisherName,
        p.reason,
        p.dataCutoff,
        lines.length,
        JSON.stringify(summarize(lines)),
        JSON.stringify(changesBetween(previous, lines)),
      ],
    );
    await tx.query(
      `INSERT INTO published_row (board_id, position, station_code, division_code, rank, grade,
         line, detail)
       SELECT $1, e.n, e.r->'line'->>'stationCode', e.r->'line'->>'divisionCode',
              (e.r->'line'->>'rank')::int, e.r->'line'->>'grade', e.r->'line', e.r->'detail'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(r, n)`,
      [key, JSON.stringify(p.rows)],
    );
    await resolveAppeals(tx, p.board, revision, p.resolves, p.publisher);
    return revision;
  });
}

/** From revision 2 on, a revision says why it was published (an appeal, a correction). */
export function assertReason(reason: string | null, revision: number): void {
  if (revision >= 2 && reason === null) {
    throw badUserInput(
      `this board is published already: revision ${revision} needs a reason (e.g. the appeal upheld)`,
      { field: 'reason', value: null },
    );
  }
}

/** The revision a publication of the board would take now: for refusing early, before reading. */
export async function nextRevision(db: DataSource, board: BoardKey): Promise<number> {
  const [row] = await db.query<[{ revision: number }]>(
    `SELECT coalesce(max(revision), 0)::int + 1 AS revision FROM published_board
     WHERE scope = $1 AND period = $2 AND scheme_id = $3`,
    [board.scope, board.period, board.schemeId],
  );
  return row?.revision ?? 1;
}

/** A page of one board's rows (or its one row of a station), as the rows' loader asks. */
export interface RowsRequest {
  board: string;
  previous: string | null;
  /** Rows after this position (0: from the first). */
  after: number;
  limit: number;
  division: string | null;
  grade: Grade | null;
  station: string | null;
  /** Whether the indicators and deductions are wanted. */
  detail: boolean;
}

export interface StoredRow {
  position: number;
  line: PublishedLine;
  detail: PublishedDetail | null;
  previousRank: number | null;
}

export interface RowsPage {
  rows: StoredRow[];
  /** Rows matching the request's filters, on every page. */
  matching: number;
}

/**
 * Pages of rows for any number of requests (every `rows` and `row` of an operation, on any
 * board), in one statement: each request is one index range of its board, joined with the
 * previous period's board for previousRank; indicators and deductions only where asked.
 */
export async function readRows(
  db: DataSource,
  requests: readonly RowsRequest[],
): Promise<RowsPage[]> {
  const column = <K extends keyof RowsRequest>(k: K) => requests.map((r) => r[k]);
  const found = await db.query<(Partial<StoredRow> & { n: number; matching: number })[]>(
    `SELECT q.n::int AS n, c.matching, x.position, x.line, x.detail, x."previousRank"
     FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::text[], $6::text[],
                 $7::text[], $8::bool[])
            WITH ORDINALITY AS q(board, prev, after, lim, division, grade, station, detail, n)
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS matching FROM published_row r
       WHERE r.board_id = q.board AND (q.division IS NULL OR r.division_code = q.division)
         AND (q.grade IS NULL OR r.grade = q.grade)
         AND (q.station IS NULL OR r.station_code = q.station)) c
     LEFT JOIN LATERAL (
       SELECT r.position, r.line, CASE WHEN q.detail THEN r.detail END AS detail,
              p.rank AS "previousRank"
       FROM published_row r
       LEFT JOIN published_row p ON p.board_id = q.prev AND p.station_code = r.station_code
       WHERE r.board_id = q.board AND r.position > q.after
         AND (q.division IS NULL OR r.division_code = q.division)
         AND (q.grade IS NULL OR r.grade = q.grade)
         AND (q.station IS NULL OR r.station_code = q.station)
       ORDER BY r.position LIMIT q.lim) x ON true
     ORDER BY q.n, x.position`,
    [
      column('board'),
      column('previous'),
      column('after'),
      column('limit'),
      column('division'),
      column('grade'),
      column('station'),
      column('detail'),
    ],
  );
  const pages: RowsPage[] = requests.map(() => ({ rows: [], matching: 0 }));
  for (const { n, matching, ...row } of found) {
    const page = pages[n - 1];
    if (!page) continue;
    page.matching = matching;
    if (row.position != null) page.rows.push(row as StoredRow);
  }
  return pages;
}

export interface HistoryRequest {
  scope: string;
  schemeName: string | null;
  last: number;
}

export interface StoredHistoryPoint {
  stationCode: string;
  period: string;
  schemeId: string;
  revision: number;
  rank: number;
  of: number;
  total: number;
  grade: Grade;
  vetoed: boolean;
  /** The station's appeals this revision resolved: it followed them. */
  resolvedAppeals: string[];
}

/**
 * Stations' rows on the newest revision of every board of a scope (of one scheme name, or
 * all), newest period first (by its last day, then its first: 2019-12, 2019-Q4, 2019-H2,
 * 2019), at most `last` a station, with the station's appeals each revision resolved: one
 * statement for every station asked.
 */
export function readHistory(
  db: DataSource,
  request: HistoryRequest,
  stationCodes: readonly string[],
): Promise<StoredHistoryPoint[]> {
  return db.query<StoredHistoryPoint[]>(
    `SELECT "stationCode", period, "schemeId", revision, rank, "of", total, grade, vetoed,
            ARRAY(SELECT a.id::text FROM appeal a
                  WHERE a.scope = $2 AND a.period = h.period AND a.scheme_id = h."schemeId"
                    AND a.station_code = h."stationCode" AND a.resolved_revision = h.revision
                  ORDER BY a.id) AS "resolvedAppeals"
     FROM (SELECT r.station_code AS "stationCode", b.period, b.scheme_id AS "schemeId",
                  b.revision, r.rank, b.total_count AS "of", r.line->'total' AS total, r.grade,
                  r.line->'vetoed' AS vetoed,
                  row_number() OVER (PARTITION BY r.station_code
                                     ORDER BY b.period_end DESC, b.period_start DESC, b.id DESC) AS n
           FROM published_row r JOIN published_board b ON b.id = r.board_id
           WHERE r.station_code = ANY($1) AND b.scope = $2
             AND ($3::text IS NULL OR b.scheme_name = $3) AND ${NEWEST}) h
     WHERE n <= $4
     ORDER BY "stationCode", n`,
    [stationCodes, request.scope, request.schemeName, request.last],
  );
}
