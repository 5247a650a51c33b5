import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring schemes, versioned and append-only: a published version is never updated, deleted or
 * added to (triggers refuse it), so a board scored with `fengqiao-2019@1` means the same thing
 * forever; a change is a new version. The tables repeat what publishAssessmentScheme checks that
 * SQL can see (the indicator catalog lives in code). Loads the default scheme as
 * version 1 of fengqiao-2019.
 */
const DEPARTMENT = `department text NOT NULL CHECK (department IN ('CASES', 'TRAFFIC', 'SURVEYS'))`;
/** A key is `<subgraph>.<figure>`, and each department is its subgraph: CASES → cases.* */
const KEY_OF_DEPARTMENT = `CHECK (key LIKE lower(department) || '.%')`;
const POINTS = (column: string) =>
  `${column} numeric NOT NULL CHECK (${column} > 0 AND ${column} <= 100 AND scale(${column}) <= 2)`;

function itemTable(table: string, columns: string): string {
  return `
    CREATE TABLE ${table} (
      scheme_id text NOT NULL REFERENCES scheme (id),
      position integer NOT NULL CHECK (position >= 0),
      key text NOT NULL,
      ${DEPARTMENT},${columns}
      PRIMARY KEY (scheme_id, position),
      UNIQUE (scheme_id, key),
      ${KEY_OF_DEPARTMENT}
    )`;
}

export class Schemes1764400000005 implements MigrationInterface {
  name = 'Schemes1764400000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE scheme (
        id text PRIMARY KEY,
        name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}[a-z0-9]$'),
        version integer NOT NULL CHECK (version >= 1),
        title text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 100),
        -- The order of publication: the newest version is the board's default.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL CHECK (btrim(published_by) <> ''),
        -- The transaction that published it: the only one that may give it rules.
        published_txid bigint NOT NULL DEFAULT txid_current(),
        UNIQUE (name, version),
        CHECK (id = name || '@' || version)
      )`);
    await db.query(
      itemTable(
        'scheme_indicator',
        `
      ${POINTS('weight')},
      method text NOT NULL CHECK (method IN ('YOY', 'RATE')),
      direction text NOT NULL CHECK (direction IN ('HIGHER', 'LOWER')),
      full_at numeric NOT NULL CHECK (scale(full_at) <= 4),
      zero_at numeric NOT NULL CHECK (scale(zero_at) <= 4),
      min_sample integer CHECK (min_sample >= 1),
      when_short text CHECK (when_short IN ('FULL', 'ZERO')),
      CHECK (full_at <> zero_at),
      CHECK ((method = 'RATE') = (min_sample IS NOT NULL)),
      CHECK ((method = 'RATE') = (when_short IS NOT NULL)),
      CHECK (method = 'YOY' OR (full_at BETWEEN 0 AND 1 AND zero_at BETWEEN 0 AND 1
             AND (direction = 'HIGHER') = (full_at > zero_at))),`,
      ),
    );
    await db.query(itemTable('scheme_deduction', `\n      ${POINTS('points_each')},`));
    await db.query(itemTable('scheme_veto', ''));

    await db.query(`
      CREATE FUNCTION scheme_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on %: a published scheme is never changed; publish a new version',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE FUNCTION scheme_rules_with_their_scheme() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT FROM scheme
                       WHERE id = NEW.scheme_id AND published_txid = txid_current()) THEN
          RAISE EXCEPTION '%: rules are given to a scheme only as it is published (%)',
            TG_TABLE_NAME, NEW.scheme_id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE FUNCTION scheme_weights_sum_to_100() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total numeric := (SELECT coalesce(sum(weight), 0) FROM scheme_indicator
                                WHERE scheme_id = NEW.id);
      BEGIN
        IF total <> 100 THEN
          RAISE EXCEPTION 'scheme %: its weights sum to %, not 100', NEW.id, total
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['scheme', 'scheme_indicator', 'scheme_deduction', 'scheme_veto']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                      FOR EACH ROW EXECUTE FUNCTION scheme_append_only()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                      FOR EACH STATEMENT EXECUTE FUNCTION scheme_append_only()`);
      if (table !== 'scheme') {
        await db.query(`CREATE TRIGGER ${table}_with_scheme BEFORE INSERT ON ${table}
                        FOR EACH ROW EXECUTE FUNCTION scheme_rules_with_their_scheme()`);
      }
    }
    // Checked at commit, once the scheme's indicators are all in.
    await db.query(`CREATE CONSTRAINT TRIGGER scheme_weights AFTER INSERT ON scheme
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION scheme_weights_sum_to_100()`);

    // 枫桥式派出所平安考核, version 1: these rows are the scheme, frozen with the migration.
    await db.query(`INSERT INTO scheme (id, name, version, title, published_by)
                    VALUES ('fengqiao-2019@1', 'fengqiao-2019', 1, '枫桥式派出所平安考核', 'migration')`);
    await db.query(`
      INSERT INTO scheme_indicator (scheme_id, position, key, department, weight, method, direction,
                                    full_at, zero_at, min_sample, when_short)
      VALUES
        ('fengqiao-2019@1', 0,  'cases.criminalSolved',      'CASES',   10, 'YOY',  'HIGHER', 0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 1,  'cases.telecomFraudSolved',  'CASES',   8,  'YOY',  'HIGHER', 0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 2,  'cases.homicides',           'CASES',   6,  'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 3,  'cases.propertyCrimes',      'CASES',   6,  'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 4,  'cases.twoVehicleThefts',    'CASES',   4,  'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 5,  'cases.mediationRate',       'CASES',   6,  'RATE', 'HIGHER', 0.98,  0.90, 1,    'FULL'),
        ('fengqiao-2019@1', 6,  'traffic.deaths',            'TRAFFIC', 10, 'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 7,  'traffic.accidents',         'TRAFFIC', 6,  'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 8,  'traffic.injuries',          'TRAFFIC', 4,  'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 9,  'surveys.securityRate',      'SURVEYS', 15, 'RATE', 'HIGHER', 0.98,  0.90, 30,   'ZERO'),
        ('fengqiao-2019@1', 10, 'surveys.satisfactionRate',  'SURVEYS', 15, 'RATE', 'HIGHER', 0.98,  0.90, 30,   'ZERO'),
        ('fengqiao-2019@1', 11, 'surveys.validComplaints',   'SURVEYS', 6,  'YOY',  'LOWER',  0.10, -0.20, NULL, NULL),
        ('fengqiao-2019@1', 12, 'surveys.commendations',     'SURVEYS', 4,  'YOY',  'HIGHER', 0.10, -0.20, NULL, NULL)`);
    await db.query(`INSERT INTO scheme_deduction (scheme_id, position, key, department, points_each)
                    VALUES ('fengqiao-2019@1', 0, 'traffic.majorAccidents', 'TRAFFIC', 5)`);
    await db.query(`INSERT INTO scheme_veto (scheme_id, position, key, department)
                    VALUES ('fengqiao-2019@1', 0, 'traffic.severeAccidents', 'TRAFFIC')`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['scheme_veto', 'scheme_deduction', 'scheme_indicator', 'scheme']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query('DROP FUNCTION scheme_weights_sum_to_100');
    await db.query('DROP FUNCTION scheme_rules_with_their_scheme');
    await db.query('DROP FUNCTION scheme_append_only');
  }
}
