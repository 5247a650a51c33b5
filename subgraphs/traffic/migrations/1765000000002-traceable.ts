import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANGE_LOG, DROP_CHANGE_LOG, withdrawalColumns } from '../../kit/records/migration-sql';

/**
 * Accidents become withdrawable, and every write to them is logged. The statistics' index
 * carries withdrawn_at, so it still answers from the index alone while skipping withdrawn
 * accidents, and serves the record listings too.
 */
export class Traceable1765000000002 implements MigrationInterface {
  name = 'Traceable1765000000002';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      withdrawalColumns('accident'),
      'DROP INDEX accident_occurred',
      `CREATE INDEX accident_occurred ON accident (station_code, occurred_on)
       INCLUDE (deaths, injuries, withdrawn_at)`,
      ...CHANGE_LOG,
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      ...DROP_CHANGE_LOG,
      'DROP INDEX accident_occurred',
      `CREATE INDEX accident_occurred ON accident (station_code, occurred_on) INCLUDE (deaths, injuries)`,
      'ALTER TABLE accident DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason',
    ]) {
      await db.query(sql);
    }
  }
}
