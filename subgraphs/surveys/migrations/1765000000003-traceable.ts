import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANGE_LOG, DROP_CHANGE_LOG, withdrawalColumns } from '../../kit/records/migration-sql';

/**
 * Responses, complaints and commendations become withdrawable, and every write to them is
 * logged. The statistics' indexes carry withdrawn_at, so they still answer from the index alone
 * while skipping withdrawn records; complaints are now indexed whether valid or not, so that
 * the record listings find every complaint of a station.
 */
export class Traceable1765000000003 implements MigrationInterface {
  name = 'Traceable1765000000003';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      withdrawalColumns('survey_response'),
      withdrawalColumns('complaint'),
      withdrawalColumns('commendation'),
      'DROP INDEX survey_response_surveyed',
      'DROP INDEX complaint_valid',
      'DROP INDEX commendation_received',
      `CREATE INDEX survey_response_surveyed ON survey_response (station_code, surveyed_on)
       INCLUDE (security, satisfaction, withdrawn_at)`,
      `CREATE INDEX complaint_received ON complaint (station_code, received_on)
       INCLUDE (valid, withdrawn_at)`,
      `CREATE INDEX commendation_received ON commendation (station_code, received_on)
       INCLUDE (kind, withdrawn_at)`,
      ...CHANGE_LOG,
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      ...DROP_CHANGE_LOG,
      'DROP INDEX survey_response_surveyed',
      'DROP INDEX complaint_received',
      'DROP INDEX commendation_received',
      `CREATE INDEX survey_response_surveyed ON survey_response (station_code, surveyed_on)
       INCLUDE (security, satisfaction)`,
      `CREATE INDEX complaint_valid ON complaint (station_code, received_on) WHERE valid`,
      `CREATE INDEX commendation_received ON commendation (station_code, received_on) INCLUDE (kind)`,
      ...['survey_response', 'complaint', 'commendation'].map(
        (t) => `ALTER TABLE ${t} DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason`,
      ),
    ]) {
      await db.query(sql);
    }
  }
}
