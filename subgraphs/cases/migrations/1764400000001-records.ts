import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  noFutureDates,
  RECORD_KEY_COLUMNS,
  TIMESTAMP_COLUMNS,
} from '../../kit/records/migration-sql';

/**
 * Criminal cases and disputes, with the API's checks as constraints so no other path can store
 * what recordCases and recordDisputes refuse. The indexes serve the statistics: one range scan
 * per station over the filing, solving or receiving date, with the figures' columns included.
 */
export class Records1764400000001 implements MigrationInterface {
  name = 'Records1764400000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE criminal_case (${RECORD_KEY_COLUMNS},
        category text NOT NULL
          CHECK (category IN ('TELECOM_FRAUD', 'HOMICIDE', 'PROPERTY', 'TWO_VEHICLE_THEFT', 'OTHER')),
        filed_on date NOT NULL,
        solved_on date CHECK (solved_on >= filed_on),${TIMESTAMP_COLUMNS}
      )`);
    await db.query(
      `CREATE INDEX criminal_case_filed ON criminal_case (station_code, filed_on) INCLUDE (category)`,
    );
    await db.query(
      `CREATE INDEX criminal_case_solved ON criminal_case (station_code, solved_on) INCLUDE (category)
       WHERE solved_on IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE dispute (${RECORD_KEY_COLUMNS},
        received_on date NOT NULL,
        channel text NOT NULL CHECK (channel IN ('PEOPLE', 'ADMINISTRATIVE', 'JUDICIAL')),
        outcome text NOT NULL CHECK (outcome IN ('PENDING', 'MEDIATED', 'FAILED', 'REFERRED')),
        closed_on date CHECK (closed_on >= received_on),${TIMESTAMP_COLUMNS},
        CHECK ((outcome = 'PENDING') = (closed_on IS NULL))
      )`);
    await db.query(
      `CREATE INDEX dispute_received ON dispute (station_code, received_on) INCLUDE (outcome)`,
    );
    for (const sql of [
      ...noFutureDates('criminal_case', ['filed_on', 'solved_on']),
      ...noFutureDates('dispute', ['received_on', 'closed_on']),
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE dispute');
    await db.query('DROP TABLE criminal_case');
    await db.query('DROP FUNCTION dispute_no_future_dates');
    await db.query('DROP FUNCTION criminal_case_no_future_dates');
  }
}
