import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ZHEJIANG_DIVISIONS } from '../divisions';

/**
 * The registry: GB/T 2260 divisions (reference data, loaded here) and the stations. The table
 * constraints repeat the API's checks, so no other path can store what upsertStations refuses; in particular
 * a station's division must be a county, enforced by a foreign key on (code, level).
 */
export class Registry1764400000000 implements MigrationInterface {
  name = 'Registry1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE division (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        level text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
        parent_code text REFERENCES division (code),
        UNIQUE (code, level),
        CHECK ((level = 'PROVINCE') = (parent_code IS NULL))
      )`);
    await db.query(`CREATE INDEX division_parent ON division (parent_code)`);
    await db.query(`
      CREATE TABLE station (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
        name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
        division_code text NOT NULL,
        division_level text NOT NULL DEFAULT 'COUNTY' CHECK (division_level = 'COUNTY'),
        address text NOT NULL CHECK (btrim(address) <> '' AND length(address) <= 200),
        brand text CHECK (brand IS NULL OR (btrim(brand) <> '' AND length(brand) <= 100)),
        creation_status text NOT NULL CHECK (creation_status IN
          ('NOT_STARTED', 'IN_PROGRESS', 'NAMED_CITY', 'NAMED_PROVINCIAL', 'NAMED_NATIONAL')),
        officers integer NOT NULL CHECK (officers >= 0),
        population integer NOT NULL CHECK (population >= 0),
        social_organizations integer NOT NULL CHECK (social_organizations >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (division_code, division_level) REFERENCES division (code, level)
      )`);
    // Scopes select stations by a prefix of their county code, in code order.
    await db.query(
      `CREATE INDEX station_division ON station (division_code text_pattern_ops, code)`,
    );
    await db.query(
      `INSERT INTO division (code, name, level, parent_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        ZHEJIANG_DIVISIONS.map((d) => d.code),
        ZHEJIANG_DIVISIONS.map((d) => d.name),
        ZHEJIANG_DIVISIONS.map((d) => d.level),
        ZHEJIANG_DIVISIONS.map((d) => d.parentCode),
      ],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE station');
    await db.query('DROP TABLE division');
  }
}
