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

/**
 * Every record's history asked for in one request, in ONE statement: the change-log entries of
 * all of them, oldest first.
 */
export function historyLoader(db: DataSource): DataLoader<string, RecordChange[]> {
  return groupedLoader<RecordChange & { key: string }>(
    async (keys) => {
      const pairs = keys.map((key) => JSON.parse(key) as [string, string]);
      const rows = await db.query<LogRow[]>(
        `SELECT l.record_table, l.external_id, l.at, l.action, l.actor, l.role, l.request_id,
                l.changes, l.reason
         FROM change_log l
         JOIN unnest($1::text[], $2::text[]) AS k(record_table, external_id)
           USING (record_table, external_id)
         ORDER BY l.id`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      return rows.map((row) => ({
        ...recordChange(row),
        key: historyKey(row.record_table, row.external_id),
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
