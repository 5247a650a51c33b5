import { DEPARTMENTS } from '../../subgraphs/departments';
import type { UpsertTable } from '../../subgraphs/kit/records/upsert';
import { STATION_TABLE } from '../../subgraphs/stations/station-table';
import { startPlatform, type Platform } from '../support/platform';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.stop());

/** Every table written by a batch upsert, with its subgraph: mapped by a TypeORM entity each. */
const TABLES: [string, UpsertTable<never>][] = [
  ['stations', STATION_TABLE],
  ...DEPARTMENTS.flatMap((d) =>
    d.recordKinds.map((kind) => [d.name, kind.table] as [string, never]),
  ),
];

/**
 * The columns no upsert writes, so no entity maps: the timestamps the table keeps itself, a
 * record's withdrawal (written by the withdraw mutations, kit/records/migration-sql.ts withdrawalColumns)
 * and the station's constant division level (always COUNTY, there for the foreign key on
 * (code, level)).
 */
const NOT_UPSERTED = [
  'created_at',
  'updated_at',
  'withdrawn_at',
  'withdrawal_reason',
  'division_level',
];

describe.each(TABLES.map(([subgraph, table]) => [`${subgraph}.${table.table}`, subgraph, table]))(
  'the entity of %s',
  (_name, subgraph, table) => {
    it('maps every column its migration created, with its type, and its primary key', async () => {
      const columns = await platform.sql<{ name: string; type: string }>(
        subgraph,
        `SELECT column_name AS name, format_type(atttypid, atttypmod) AS type
         FROM information_schema.columns c
         JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                            AND a.attname = c.column_name
         WHERE c.table_schema = current_schema() AND c.table_name = $1
         ORDER BY c.ordinal_position`,
        [table.table],
      );
      const mapped = table.columns.map((c) => ({ name: c.name, type: c.type }));
      expect(columns.filter((c) => !NOT_UPSERTED.includes(c.name))).toEqual(mapped);
      const key = await platform.sql<{ name: string }>(
        subgraph,
        `SELECT a.attname AS name FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary`,
        [table.table],
      );
      expect(key.map((k) => k.name)).toEqual(table.key);
    });
  },
);
