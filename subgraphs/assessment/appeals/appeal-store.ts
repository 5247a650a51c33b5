import type { DataSource, EntityManager } from 'typeorm';
import { badUserInput } from '../../../platform/errors';
import type { BoardKey } from '../../kit/contract/board-contract';
import type { Author } from '../../kit/records/journal';
import {
  APPEALS_OF_A_STATION,
  APPEALS_ON_A_BOARD,
  type Appeal,
  type AppealAction,
  type AppealEvent,
  type AppealRecord,
  type AppealStatus,
} from './appeal';
import type { Visibility } from './appeal-access';

/** An appeal as read: what Appeal shows. */
export type StoredAppeal = Appeal;

/** An appeal's fields as Appeal names them, read from `a` (the table, or rows just written). */
const APPEAL_FIELDS = `
  a.id::text AS id, a.scope, a.period, a.scheme_id AS "schemeId", a.revision,
  a.station_code AS "stationCode", a.item, a.department, a.claim, a.records, a.status,
  a.filed_at AS "filedAt", a.filed_by AS "filedBy", a.answer,
  a.answered_at AS "answeredAt", a.answered_by AS "answeredBy",
  a.resolved_revision AS "resolvedInRevision"`;
const SELECT_APPEAL = `SELECT ${APPEAL_FIELDS} FROM appeal a`;

/** The filter a viewer's visibility puts on `appeal a`, its parameters from `$first` on. */
function visible(first: number): string {
  return `($${first}::bool OR a.station_code = ANY($${first + 1}::text[])
           OR a.department = ANY($${first + 2}::text[]))`;
}
const visibleParams = (v: Visibility) => [v.all, v.stations, v.departments];

/** One entry of the log, in the caller's transaction. */
async function logEvent(
  tx: EntityManager,
  appealId: string,
  action: AppealAction,
  author: Author,
  reason: string | null,
  revision: number | null = null,
): Promise<void> {
  await tx.query(
    `INSERT INTO appeal_event (appeal_id, action, actor, role, request_id, reason, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [appealId, action, author.sub, author.role, author.requestId, reason, revision],
  );
}

export interface Filing {
  board: BoardKey;
  revision: number;
  stationCode: string;
  item: string;
  department: string;
  claim: string;
  records: AppealRecord[];
}

/**
 * Stores a new OPEN appeal and logs it, in one transaction; refuses (BAD_USER_INPUT, nothing
 * stored) when the station has one OPEN on the same item of the same board already, which the
 * partial unique index decides, so two filings at once cannot both pass; and when the board or
 * the station on it has as many appeals as its lists are priced at, counted under a lock on the
 * board so that two filings at once cannot both take the last place.
 */
export function insertAppeal(db: DataSource, f: Filing, author: Author): Promise<StoredAppeal> {
  return db.transaction(async (tx) => {
    await assertRoomOnBoard(tx, f);
    const [stored] = await tx.query<StoredAppeal[]>(
      `WITH a AS (
         INSERT INTO appeal (scope, period, scheme_id, revision, station_code, item, department,
                             claim, records, filed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (scope, period, scheme_id, station_code, item) WHERE status = 'OPEN'
         DO NOTHING
         RETURNING *)
       SELECT ${APPEAL_FIELDS} FROM a`,
      [
        f.board.scope,
        f.board.period,
        f.board.schemeId,
        f.revision,
        f.stationCode,
        f.item,
        f.department,
        f.claim,
        JSON.stringify(f.records),
        author.sub,
      ],
    );
    if (!stored) {
      const [open] = await tx.query<{ id: string }[]>(
        `SELECT id::text AS id FROM appeal WHERE scope = $1 AND period = $2 AND scheme_id = $3
           AND station_code = $4 AND item = $5 AND status = 'OPEN'`,
        [f.board.scope, f.board.period, f.board.schemeId, f.stationCode, f.item],
      );
      throw badUserInput(
        `station ${f.stationCode} has appeal ${open?.id ?? '?'} open on ${f.item} of this board ` +
          'already: wait for its answer, or withdraw it first',
        { field: 'item', value: f.item, openAppeal: open?.id ?? null },
      );
    }
    await logEvent(tx, stored.id, 'FILE', author, f.claim);
    return stored;
  });
}

/** Refuses a filing past the appeals a board or a station on it may carry. */
async function assertRoomOnBoard(tx: EntityManager, f: Filing): Promise<void> {
  const { scope, period, schemeId } = f.board;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `appeals of ${scope}/${period}/${schemeId}`,
  ]);
  const [count] = await tx.query<{ board: number; station: number }[]>(
    `SELECT count(*)::int AS board, count(*) FILTER (WHERE station_code = $4)::int AS station
       FROM appeal WHERE scope = $1 AND period = $2 AND scheme_id = $3`,
    [scope, period, schemeId, f.stationCode],
  );
  if ((count?.station ?? 0) >= APPEALS_OF_A_STATION) {
    throw badUserInput(
      `station ${f.stationCode} has filed ${APPEALS_OF_A_STATION} appeals on this board, ` +
        'the most one station may',
      { field: 'stationCode', value: f.stationCode, max: APPEALS_OF_A_STATION },
    );
  }
  if ((count?.board ?? 0) >= APPEALS_ON_A_BOARD) {
    throw badUserInput(`this board has ${APPEALS_ON_A_BOARD} appeals, the most one board takes`, {
      field: 'scope',
      value: scope,
      max: APPEALS_ON_A_BOARD,
    });
  }
}

/**
 * Moves an OPEN appeal to its answer (ACCEPTED, REJECTED) or to WITHDRAWN and logs it, in one
 * transaction; null when it is no longer OPEN (someone answered first), with nothing stored.
 */
export function closeAppeal(
  db: DataSource,
  id: string,
  status: Exclude<AppealStatus, 'OPEN'>,
  reason: string | null,
  author: Author,
): Promise<StoredAppeal | null> {
  const action: AppealAction =
    status === 'ACCEPTED' ? 'ACCEPT' : status === 'REJECTED' ? 'REJECT' : 'WITHDRAW';
  return db.transaction(async (tx) => {
    const [stored] = await tx.query<StoredAppeal[]>(
      `WITH a AS (
         UPDATE appeal SET status = $2, answered_at = now(), answered_by = $3,
                           answer = CASE WHEN $2 = 'WITHDRAWN' THEN NULL ELSE $4 END
         WHERE id = $1 AND status = 'OPEN'
         RETURNING *)
       SELECT ${APPEAL_FIELDS} FROM a`,
      [id, status, author.sub, reason],
    );
    if (stored) await logEvent(tx, id, action, author, reason);
    return stored ?? null;
  });
}

/**
 * Marks answered appeals of a board resolved by its revision `revision`, in the transaction
 * that publishes it: refuses (BAD_USER_INPUT, the publication rolled back) unless every one
 * is an appeal of this board, ACCEPTED or REJECTED, and not resolved before.
 */
export async function resolveAppeals(
  tx: EntityManager,
  board: BoardKey,
  revision: number,
  ids: readonly string[],
  author: Author,
): Promise<void> {
  if (ids.length === 0) return;
  const resolved = await tx.query<{ id: string }[]>(
    // In a WITH: TypeORM answers a bare UPDATE with [rows, count], not its rows.
    `WITH r AS (
       UPDATE appeal SET resolved_revision = $5
       WHERE id = ANY($1::bigint[]) AND scope = $2 AND period = $3 AND scheme_id = $4
         AND status IN ('ACCEPTED', 'REJECTED') AND resolved_revision IS NULL
       RETURNING id)
     SELECT id::text AS id FROM r`,
    [ids, board.scope, board.period, board.schemeId, revision],
  );
  if (resolved.length !== ids.length) {
    const done = new Set(resolved.map((r) => r.id));
    const refused = ids.filter((id) => !done.has(id));
    throw badUserInput(
      `resolves: appeal ${refused[0]} is not an answered (ACCEPTED or REJECTED), unresolved ` +
        'appeal of this board; nothing was published',
      { field: 'resolves', value: refused },
    );
  }
  await tx.query(
    `INSERT INTO appeal_event (appeal_id, action, actor, role, request_id, reason, revision)
     SELECT id, 'RESOLVE', $2, $3, $4, NULL, $5 FROM unnest($1::bigint[]) AS id ORDER BY id`,
    [ids, author.sub, author.role, author.requestId, revision],
  );
}

/** Appeals by id, whatever their board: one statement for every id. */
export function appealsById(db: DataSource, ids: readonly string[]): Promise<StoredAppeal[]> {
  return db.query<StoredAppeal[]>(`${SELECT_APPEAL} WHERE a.id = ANY($1::bigint[])`, [ids]);
}

/** The log of appeals, oldest entry first: one statement for every appeal. */
export function eventsOf(
  db: DataSource,
  ids: readonly string[],
): Promise<(AppealEvent & { appealId: string })[]> {
  return db.query(
    `SELECT appeal_id::text AS "appealId", action, at, actor, role, request_id AS "requestId",
            reason, revision
     FROM appeal_event WHERE appeal_id = ANY($1::bigint[]) ORDER BY appeal_id, id`,
    [ids],
  );
}

export interface AppealListQuery {
  /** Department enum values, or null for every department. */
  departments: string[] | null;
  status: AppealStatus | null;
  scope: string | null;
  period: string | null;
  /** Only appeals older than this id (the cursor of the page before). */
  before: string | null;
  first: number;
}

/** A page of appeals, the newest first: `first + 1` of them (one more says a page follows). */
export async function listAppeals(
  db: DataSource,
  q: AppealListQuery,
): Promise<{ appeals: StoredAppeal[]; totalCount: number }> {
  const matching = `($1::text[] IS NULL OR a.department = ANY($1)) AND
                    ($2::text IS NULL OR a.status = $2) AND
                    ($3::text IS NULL OR a.scope = $3) AND ($4::text IS NULL OR a.period = $4)`;
  const rows = await db.query<(Partial<StoredAppeal> & { matching: number })[]>(
    `SELECT m.matching, p.*
     FROM (SELECT count(*)::int AS matching FROM appeal a WHERE ${matching}) m
     LEFT JOIN LATERAL (${SELECT_APPEAL}
                        WHERE ${matching} AND ($5::bigint IS NULL OR a.id < $5)
                        ORDER BY a.id DESC LIMIT $6) p ON true`,
    [q.departments, q.status, q.scope, q.period, q.before, q.first + 1],
  );
  return {
    appeals: rows.filter((row) => row.id != null) as StoredAppeal[],
    totalCount: rows[0]?.matching ?? 0,
  };
}

/** The appeals of one board (or of one station on it, or resolved by one revision). */
export interface BoardAppealsRequest {
  board: BoardKey;
  status: AppealStatus | null;
  station: string | null;
  resolvedIn: number | null;
}

/** Appeals for any number of requests, those the viewer may see, in filing order, in one statement. */
export async function boardAppeals(
  db: DataSource,
  visibility: Visibility,
  requests: readonly BoardAppealsRequest[],
): Promise<StoredAppeal[][]> {
  const column = <T>(read: (r: BoardAppealsRequest) => T) => requests.map(read);
  const found = await db.query<(StoredAppeal & { n: number })[]>(
    `SELECT q.n::int AS n, x.*
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
            WITH ORDINALITY AS q(scope, period, scheme, status, station, resolved, n)
     CROSS JOIN LATERAL (${SELECT_APPEAL}
       WHERE a.scope = q.scope AND a.period = q.period AND a.scheme_id = q.scheme
         AND (q.status IS NULL OR a.status = q.status)
         AND (q.station IS NULL OR a.station_code = q.station)
         AND (q.resolved IS NULL OR a.resolved_revision = q.resolved)
         AND ${visible(7)}
       ORDER BY a.id) x
     ORDER BY q.n, x.id::bigint`,
    [
      column((r) => r.board.scope),
      column((r) => r.board.period),
      column((r) => r.board.schemeId),
      column((r) => r.status),
      column((r) => r.station),
      column((r) => r.resolvedIn),
      ...visibleParams(visibility),
    ],
  );
  const lists: StoredAppeal[][] = requests.map(() => []);
  for (const { n, ...appeal } of found) lists[n - 1]?.push(appeal);
  return lists;
}
