import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader } from '../service/loaders';
import type { FieldChange, RecordAction, RecordChange } from './record-outputs';

/** A record's key in its department's change log: its table and externalId. */
export function historyKey(table: string, externalId: string): string {
  return JSON.stringify([table, externalId]);
}

interface LogRow {
  record_table: string;
  external_id: string;
  at: Date;
  action: RecordAction;
  actor: string;
  role: string;
  request_id: string | null;
  /** One slot per column: [field, before, after] where it changed, null where it did not. */
  changes: ([field: string, before: unknown, after: unknown] | null)[];
  reason: string | null;
}

const asText = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

function changesOf(changes: LogRow['changes']): FieldChange[] {
  return changes.flatMap((change) => {
    if (!change) return [];
    const [field, before, after] = change;
    return [{ field, before: asText(before), after: asText(after) }];
  });
}

/** One entry of a record's history, with its key and the number of entries it has in all. */
export type LoggedChange = RecordChange & { key: string; total: number };

/**
 * Every record's history asked for in one request, in ONE statement: the newest `cap` change-log
 * entries of each (oldest first) and how many it has in all. A record re-sent thousands of times
 * answers `cap` entries, not thousands: the history is priced at its cap (@listSize), and the
 * index on (record_table, external_id, id) reads only those.
 */
export function historyLoader(db: DataSource, cap: number): DataLoader<string, LoggedChange[]> {
  return groupedLoader<LoggedChange>(
    async (keys) => {
      const pairs = keys.map((key) => JSON.parse(key) as [string, string]);
      const rows = await db.query<(LogRow & { total: number })[]>(
        `SELECT l.record_table, l.external_id, l.at, l.action, l.actor, l.role, l.request_id,
                l.changes, l.reason, n.total
         FROM unnest($1::text[], $2::text[]) AS k(record_table, external_id)
         CROSS JOIN LATERAL (
           SELECT * FROM change_log c
           WHERE c.record_table = k.record_table AND c.external_id = k.external_id
           ORDER BY c.id DESC LIMIT $3) l
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS total FROM change_log c
           WHERE c.record_table = k.record_table AND c.external_id = k.external_id) n
         ORDER BY l.id`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1]), cap],
      );
      return rows.map((row) => ({
        ...recordChange(row),
        key: historyKey(row.record_table, row.external_id),
        total: row.total,
      }));
    },
    (change) => change.key,
  );
}

/** A log row as the API shows it. */
function recordChange(row: LogRow): RecordChange {
  return {
    at: row.at,
    action: row.action,
    sub: row.actor,
    role: row.role,
    requestId: row.request_id,
    changes: changesOf(row.changes),
    reason: row.reason,
  };
}
