import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANGE_LOG, DROP_CHANGE_LOG, withdrawalColumns } from '../../kit/records/migration-sql';

/**
 * Cases and disputes become withdrawable, and every write to them is logged. The statistics'
 * indexes carry withdrawn_at, so they still answer from the index alone while skipping withdrawn
 * records, and serve the record listings too.
 */
export class Traceable1765000000001 implements MigrationInterface {
  name = 'Traceable1765000000001';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      withdrawalColumns('criminal_case'),
      withdrawalColumns('dispute'),
      'DROP INDEX criminal_case_filed',
      'DROP INDEX criminal_case_solved',
      'DROP INDEX dispute_received',
      `CREATE INDEX criminal_case_filed ON criminal_case (station_code, filed_on)
       INCLUDE (category, withdrawn_at)`,
      `CREATE INDEX criminal_case_solved ON criminal_case (station_code, solved_on)
       INCLUDE (category, withdrawn_at) WHERE solved_on IS NOT NULL`,
      `CREATE INDEX dispute_received ON dispute (station_code, received_on)
       INCLUDE (outcome, withdrawn_at)`,
      ...CHANGE_LOG,
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      ...DROP_CHANGE_LOG,
      'DROP INDEX criminal_case_filed',
      'DROP INDEX criminal_case_solved',
      'DROP INDEX dispute_received',
      `CREATE INDEX criminal_case_filed ON criminal_case (station_code, filed_on) INCLUDE (category)`,
      `CREATE INDEX criminal_case_solved ON criminal_case (station_code, solved_on) INCLUDE (category)
       WHERE solved_on IS NOT NULL`,
      `CREATE INDEX dispute_received ON dispute (station_code, received_on) INCLUDE (outcome)`,
      'ALTER TABLE criminal_case DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason',
      'ALTER TABLE dispute DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason',
    ]) {
      await db.query(sql);
    }
  }
}
