import type { EntityManager } from 'typeorm';
import { Grant } from '../../../platform/access';
import type { Viewer } from '../../../platform/auth';
import { badUserInput, show } from '../../../platform/errors';
import type { UpsertTable } from './upsert';

/**
 * Who wrote: the token's subject and the role it wrote with, and the request (its x-request-id,
 * the same id as the gateway's and every subgraph's log lines).
 */
export interface Author {
  sub: string;
  role: string;
  requestId: string | null;
}

/** What a department write logs besides its changes: who wrote, and why when they said. */
export interface Journal {
  author: Author;
  reason: string | null;
}

/** The author of a department write: its own department's role when it has it, else admin. */
export function authorOf(viewer: Viewer, department: string, requestId: string): Author {
  const own = Grant.department(department);
  return { sub: viewer.sub, role: viewer.roles.includes(own) ? own : 'admin', requestId };
}

/** A column's name as the API spells the field: `filed_on` → `filedOn`. */
export function fieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

const LOG_COLUMNS = 'record_table, external_id, action, actor, role, request_id, changes, reason';

/**
 * The upsert of record rows that also logs them, in ONE statement. `stored` reads the rows about
 * to be overwritten and locks them first (an InitPlan over it runs before the insert), so the
 * "before" of each logged change is exactly what the update replaced, even under concurrent
 * writers (one exception: a record two batches insert at the same moment is logged by the later
 * one as an UPDATE whose "before" is null, as `stored` could not see the other's uncommitted
 * row). A withdrawn record sent again is restored. Each written row appends one entry whose
 * `changes` has one slot per column, in column order: [field, before, after] where the value
 * differs, null where it does not; and the write's reason (parameters after `journalParam`:
 * sub, role, request id, reason).
 */
export function journaledUpsert<Row>(
  spec: UpsertTable<Row>,
  unnest: string,
  changed: string,
  journalParam: number,
): string {
  const [key, ...rest] = spec.key;
  const keyIndex = spec.columns.findIndex((c) => c.name === key);
  if (!key || rest.length > 0 || keyIndex < 0) {
    throw new Error(`${spec.table}: a journaled table has one key column`);
  }
  const names = spec.columns.map((c) => c.name);
  const values = names.filter((n) => n !== key);
  // One slot per column, null where the value did not change: one jsonb built per row, no
  // concatenation (which re-encodes the whole value each time).
  const changes = `jsonb_build_array(${values
    .map(
      (n) =>
        `CASE WHEN s.${n} IS DISTINCT FROM w.${n} ` +
        `THEN jsonb_build_array('${fieldName(n)}', s.${n}, w.${n}) END`,
    )
    .join(', ')})`;
  const [sub, role, requestId, reason] = [1, 2, 3, 4].map((i) => `$${journalParam + i}`);
  return `
    WITH stored AS MATERIALIZED (
      SELECT ${names.map((n) => `t.${n}`).join(', ')}, t.withdrawn_at
      FROM ${spec.table} t
      WHERE t.${key} = ANY($${keyIndex + 1}::text[])
      ORDER BY t.${key}
      FOR UPDATE
    ),
    written AS (
      INSERT INTO ${spec.table} AS t (${names.join(', ')})
      SELECT * FROM unnest(${unnest})
      WHERE (SELECT count(*) FROM stored) >= 0
      ON CONFLICT (${key}) DO UPDATE
        SET ${values.map((n) => `${n} = excluded.${n}`).join(', ')},
            withdrawn_at = NULL, withdrawal_reason = NULL, updated_at = now()
        WHERE ${changed} OR t.withdrawn_at IS NOT NULL
      RETURNING ${names.map((n) => `t.${n}`).join(', ')}, (xmax = 0) AS inserted
    ),
    logged AS (
      INSERT INTO change_log (${LOG_COLUMNS})
      SELECT '${spec.table}', w.${key},
             CASE WHEN w.inserted THEN 'INSERT'
                  WHEN s.withdrawn_at IS NOT NULL THEN 'RESTORE' ELSE 'UPDATE' END,
             ${sub}, ${role}, ${requestId}, ${changes}, ${reason}::text
      FROM written w LEFT JOIN stored s ON s.${key} = w.${key}
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
           count(*) FILTER (WHERE NOT inserted)::int AS updated
    FROM written`;
}

/** What a withdrawal did: records withdrawn now, and records that were withdrawn already. */
export interface WithdrawCounts {
  withdrawn: number;
  unchanged: number;
}

/**
 * Withdraws records by externalId, in the caller's transaction: locks them (in key order, as
 * the upsert does), refuses the whole call when any id is unknown (each one a problem, by its
 * index in `externalIds` as sent), then marks the others withdrawn and logs each with the
 * reason, in one statement. Already withdrawn records are left as they are (their first reason
 * stands) and counted unchanged.
 */
export async function withdrawRows(
  manager: EntityManager,
  table: string,
  externalIds: readonly string[],
  reason: string,
  author: Author,
): Promise<WithdrawCounts> {
  const ids = [...new Set(externalIds)].sort();
  const found = await manager.query<{ external_id: string }[]>(
    `SELECT external_id FROM ${table} WHERE external_id = ANY($1::text[])
     ORDER BY external_id FOR UPDATE`,
    [ids],
  );
  const known = new Set(found.map((r) => r.external_id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const problems = externalIds.flatMap((id, index) =>
      known.has(id)
        ? []
        : [{ index, id, field: 'externalIds', value: id, reason: `is not a record of ${table}` }],
    );
    throw badUserInput(
      `externalIds: ${unknown.length} unknown, first ${show(unknown[0])}; nothing was withdrawn`,
      {
        field: 'externalIds',
        unknown: unknown.slice(0, 50),
        unknownCount: unknown.length,
        problems: problems.slice(0, 50),
        problemCount: problems.length,
      },
    );
  }
  const [{ withdrawn }] = await manager.query<[{ withdrawn: number }]>(
    `WITH w AS (
       UPDATE ${table} SET withdrawn_at = now(), withdrawal_reason = $2, updated_at = now()
       WHERE external_id = ANY($1::text[]) AND withdrawn_at IS NULL
       RETURNING external_id
     ),
     logged AS (
       INSERT INTO change_log (${LOG_COLUMNS})
       SELECT '${table}', external_id, 'WITHDRAW', $3, $4, $5, '[]'::jsonb, $2 FROM w
     )
     SELECT count(*)::int AS withdrawn FROM w`,
    [ids, reason, author.sub, author.role, author.requestId],
  );
  return { withdrawn, unchanged: ids.length - withdrawn };
}
