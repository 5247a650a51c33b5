import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STATION_BOUNDS } from '../bounds';

/**
 * The registry's upper bounds as constraints, like every rule of upsertStations. NOT VALID:
 * a row stored before the bounds existed stays readable (the statistics cannot overflow on
 * it); every new or changed row is checked.
 */
export class StationBounds1764900000000 implements MigrationInterface {
  name = 'StationBounds1764900000000';

  async up(db: QueryRunner): Promise<void> {
    const { officers, population, socialOrganizations } = STATION_BOUNDS;
    await db.query(`
      ALTER TABLE station
        ADD CONSTRAINT station_officers_bound CHECK (officers <= ${officers}) NOT VALID,
        ADD CONSTRAINT station_population_bound CHECK (population <= ${population}) NOT VALID,
        ADD CONSTRAINT station_social_organizations_bound
          CHECK (social_organizations <= ${socialOrganizations}) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE station DROP CONSTRAINT station_officers_bound,
        DROP CONSTRAINT station_population_bound,
        DROP CONSTRAINT station_social_organizations_bound`);
  }
}
