import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MAX_CASUALTIES } from '../checks';

/**
 * recordAccidents' upper bounds as constraints. NOT VALID: an accident stored before the bounds
 * existed stays (the statistics sum in bigint, so it cannot break them); new rows are checked.
 */
export class AccidentBounds1764900000002 implements MigrationInterface {
  name = 'AccidentBounds1764900000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE accident
        ADD CONSTRAINT accident_deaths_bound CHECK (deaths <= ${MAX_CASUALTIES}) NOT VALID,
        ADD CONSTRAINT accident_injuries_bound CHECK (injuries <= ${MAX_CASUALTIES}) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'ALTER TABLE accident DROP CONSTRAINT accident_deaths_bound, DROP CONSTRAINT accident_injuries_bound',
    );
  }
}
