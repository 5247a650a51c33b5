import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring that small counts cannot swing (scoring/small-counts.ts): a YOY indicator may have a
 * minimum base (`min_base`), a RATE may fill a short sample (`when_short = 'FILL'`), and the
 * default scheme gets its version 2 using both. fengqiao-2019@1 stays as published: boards
 * published with it keep it, and it scores as it always did.
 */

/**
 * fengqiao-2019@2: version 1's indicators, weights, deductions and vetoes and its 同比 line
 * (full at 10 % better, nothing at 20 % worse), with 同比 measured against a base of at least
 * 8, so that one record moves a count's change by at most 12.5 % (5/12 of its weight). 命案
 * and road deaths, where none is the aim, earn full points when held steady and nothing at
 * 30 % worse; a death counts against a base of at least 16 and an injury 24, since one
 * accident can carry two deaths or three injuries. Rates on too few records are filled to 25
 * disputes or 30 survey answers at the full-marks rate instead of scoring full or nothing.
 */
// prettier-ignore
const VERSION_2: [key: string, fullAt: number, zeroAt: number, minBase: number | null, minSample: number | null][] = [
  ['cases.criminalSolved',     0.1,  -0.2, 8,    null],
  ['cases.telecomFraudSolved', 0.1,  -0.2, 8,    null],
  ['cases.homicides',          0,    -0.3, 8,    null],
  ['cases.propertyCrimes',     0.1,  -0.2, 8,    null],
  ['cases.twoVehicleThefts',   0.1,  -0.2, 8,    null],
  ['cases.mediationRate',      0.98, 0.9,  null, 25],
  ['traffic.deaths',           0,    -0.3, 16,   null],
  ['traffic.accidents',        0.1,  -0.2, 8,    null],
  ['traffic.injuries',         0.1,  -0.2, 24,   null],
  ['surveys.securityRate',     0.98, 0.9,  null, 30],
  ['surveys.satisfactionRate', 0.98, 0.9,  null, 30],
  ['surveys.validComplaints',  0.1,  -0.2, 8,    null],
  ['surveys.commendations',    0.1,  -0.2, 8,    null],
];

export class SmallCounts1765500000000 implements MigrationInterface {
  name = 'SmallCounts1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE scheme_indicator
        ADD COLUMN min_base integer CHECK (min_base BETWEEN 1 AND 100000),
        ADD CONSTRAINT scheme_indicator_min_base_yoy CHECK (method = 'YOY' OR min_base IS NULL),
        DROP CONSTRAINT scheme_indicator_when_short_check,
        ADD CONSTRAINT scheme_indicator_when_short_check
          CHECK (when_short IN ('FULL', 'ZERO', 'FILL'))`);

    await db.query(`INSERT INTO scheme (id, name, version, title, published_by)
                    VALUES ('fengqiao-2019@2', 'fengqiao-2019', 2, '枫桥式派出所平安考核', 'migration')`);
    // Version 1's rows, labels and weights as they are, with version 2's lines and bases.
    await db.query(
      `INSERT INTO scheme_indicator (scheme_id, position, key, department, weight, method,
         direction, full_at, zero_at, min_sample, when_short, label, min_base)
       SELECT 'fengqiao-2019@2', i.position, i.key, i.department, i.weight, i.method,
              i.direction, v.full_at, v.zero_at, v.min_sample,
              CASE WHEN i.method = 'RATE' THEN 'FILL' END, i.label, v.min_base
       FROM scheme_indicator i
       JOIN unnest($1::text[], $2::numeric[], $3::numeric[], $4::int[], $5::int[])
         AS v(key, full_at, zero_at, min_base, min_sample) USING (key)
       WHERE i.scheme_id = 'fengqiao-2019@1'`,
      [
        VERSION_2.map(([key]) => key),
        VERSION_2.map(([, fullAt]) => fullAt),
        VERSION_2.map(([, , zeroAt]) => zeroAt),
        VERSION_2.map(([, , , minBase]) => minBase),
        VERSION_2.map(([, , , , minSample]) => minSample),
      ],
    );
    await db.query(`
      INSERT INTO scheme_deduction (scheme_id, position, key, department, points_each, label)
      SELECT 'fengqiao-2019@2', position, key, department, points_each, label
      FROM scheme_deduction WHERE scheme_id = 'fengqiao-2019@1'`);
    await db.query(`
      INSERT INTO scheme_veto (scheme_id, position, key, department, label)
      SELECT 'fengqiao-2019@2', position, key, department, label
      FROM scheme_veto WHERE scheme_id = 'fengqiao-2019@1'`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['scheme_veto', 'scheme_deduction', 'scheme_indicator', 'scheme']) {
      await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      await db.query(
        `DELETE FROM ${table} WHERE ${table === 'scheme' ? 'id' : 'scheme_id'} = 'fengqiao-2019@2'`,
      );
      await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
    }
    await db.query(`
      ALTER TABLE scheme_indicator
        DROP COLUMN min_base,
        DROP CONSTRAINT scheme_indicator_when_short_check,
        ADD CONSTRAINT scheme_indicator_when_short_check CHECK (when_short IN ('FULL', 'ZERO'))`);
  }
}
