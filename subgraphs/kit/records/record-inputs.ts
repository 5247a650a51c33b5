import { Column, PrimaryColumn, type DataSource } from 'typeorm';
import { Field, ID, InputType } from 'type-graphql';
import { batchProblems, must, refuseProblems, type Problem } from './batch-checks';
import type { GatewayClient } from '../service/gateway-client';
import { unregistered } from './registered-stations';
import { IngestResult } from './write-results';
import type { Journal } from './journal';
import { writeBatch, type UpsertTable } from './upsert';

/** The most records one ingestion call takes. */
export const MAX_RECORDS = 5000;

/**
 * What every department record carries: the department's own id and the station it belongs to.
 * A kind of record is one class, its GraphQL input and its table's mapping (an @Entity whose
 * @Columns the upsert reads, entity-table.ts), so its table is described once in code
 * besides its migration. These are the first columns of every record table (RECORD_KEY_COLUMNS).
 */
@InputType()
export abstract class RecordInput {
  @PrimaryColumn({ type: 'text', name: 'external_id' })
  @Field(() => ID, {
    description:
      "外部编号 The department's own id of the record (at most 64 characters); sending it again " +
      'updates the record.',
  })
  externalId!: string;

  @Column({ type: 'text', name: 'station_code' })
  @Field(() => ID, { description: '机构代码 12-digit code of the station the record belongs to.' })
  stationCode!: string;
}

/**
 * Ingests one batch of records: every record is checked first (the common checks, then the
 * kind's own `check`) and the registry is asked, once, whether it holds every station named;
 * a batch with any problem is refused whole, naming every one of them. Else it is written in one
 * transaction, with one change-log entry per record written (by the journal's author, with its
 * reason); a dry run writes and rolls back.
 */
export async function ingestRecords<T extends RecordInput>(
  db: DataSource,
  graph: GatewayClient,
  input: readonly T[],
  table: UpsertTable<T>,
  check: (record: T) => (Problem | null)[],
  dryRun: boolean,
  journal: Journal,
): Promise<IngestResult> {
  const id = (r: T) => r.externalId;
  const problems = batchProblems(input, {
    max: MAX_RECORDS,
    idField: 'externalId',
    id,
    check: (r) => [
      must.beId('externalId', r.externalId, 64),
      must.beStationCode('stationCode', r.stationCode),
      ...check(r),
    ],
  });
  problems.push(...(await unregistered(graph, input, { id, stationCode: (r) => r.stationCode })));
  refuseProblems(problems, 'externalId');
  return writeBatch(db, table, input, dryRun, journal);
}
