import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  noFutureDates,
  RECORD_KEY_COLUMNS,
  TIMESTAMP_COLUMNS,
} from '../../kit/records/migration-sql';

/**
 * Survey responses, 12389 complaints and commendations, with the API's checks as constraints so
 * no other path can store what the record mutations refuse. The indexes serve the statistics:
 * one range scan per station over the survey or receiving date, with the figures' columns
 * included; only valid complaints are counted, so only they are indexed.
 */
export class Records1764600000001 implements MigrationInterface {
  name = 'Records1764600000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE survey_response (${RECORD_KEY_COLUMNS},
        surveyed_on date NOT NULL,
        security smallint NOT NULL CHECK (security BETWEEN 1 AND 5),
        satisfaction smallint NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),${TIMESTAMP_COLUMNS}
      )`);
    await db.query(
      `CREATE INDEX survey_response_surveyed ON survey_response (station_code, surveyed_on)
       INCLUDE (security, satisfaction)`,
    );
    await db.query(`
      CREATE TABLE complaint (${RECORD_KEY_COLUMNS},
        received_on date NOT NULL,
        valid boolean NOT NULL,${TIMESTAMP_COLUMNS}
      )`);
    await db.query(
      `CREATE INDEX complaint_valid ON complaint (station_code, received_on) WHERE valid`,
    );
    await db.query(`
      CREATE TABLE commendation (${RECORD_KEY_COLUMNS},
        received_on date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BANNER', 'LETTER')),${TIMESTAMP_COLUMNS}
      )`);
    await db.query(
      `CREATE INDEX commendation_received ON commendation (station_code, received_on) INCLUDE (kind)`,
    );
    for (const sql of [
      ...noFutureDates('survey_response', ['surveyed_on']),
      ...noFutureDates('complaint', ['received_on']),
      ...noFutureDates('commendation', ['received_on']),
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE commendation');
    await db.query('DROP TABLE complaint');
    await db.query('DROP TABLE survey_response');
    await db.query('DROP FUNCTION commendation_no_future_dates');
    await db.query('DROP FUNCTION complaint_no_future_dates');
    await db.query('DROP FUNCTION survey_response_no_future_dates');
  }
}
