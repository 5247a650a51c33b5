import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  noFutureDates,
  RECORD_KEY_COLUMNS,
  TIMESTAMP_COLUMNS,
} from '../../kit/records/migration-sql';

/**
 * Road traffic accidents, with the API's checks as constraints so no other path can store what
 * recordAccidents refuses. The index serves trafficStats: one range scan per station over the
 * accident date, deaths and injuries read from the index itself.
 */
export class Accidents1764400000002 implements MigrationInterface {
  name = 'Accidents1764400000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accident (${RECORD_KEY_COLUMNS},
        occurred_on date NOT NULL,
        deaths integer NOT NULL CHECK (deaths >= 0),
        injuries integer NOT NULL CHECK (injuries >= 0),${TIMESTAMP_COLUMNS}
      )`);
    await db.query(
      `CREATE INDEX accident_occurred ON accident (station_code, occurred_on) INCLUDE (deaths, injuries)`,
    );
    for (const sql of noFutureDates('accident', ['occurred_on'])) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE accident');
    await db.query('DROP FUNCTION accident_no_future_dates');
  }
}
