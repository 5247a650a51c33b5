import type { MigrationInterface, QueryRunner } from 'typeorm';

const ITEM_TABLES = ['scheme_indicator', 'scheme_deduction', 'scheme_veto'];

/**
 * The labels of the indicators the departments published before their catalogs were read
 * through the graph: what the schemes stored until then are labelled with, as the catalogs said
 * them. Frozen data of the past, not the catalog: a new indicator's label comes with the scheme
 * that first lists it.
 */
const EARLIER_LABELS: [string, string][] = [
  ['cases.criminalFiled', '刑事案件立案数'],
  ['cases.criminalSolved', '刑事案件破案数'],
  ['cases.telecomFraudFiled', '电信网络诈骗案件立案数'],
  ['cases.telecomFraudSolved', '电信网络诈骗案件破案数'],
  ['cases.homicides', '命案发案数'],
  ['cases.propertyCrimes', '传统侵财案件发案数'],
  ['cases.twoVehicleThefts', '盗窃两车案件发案数'],
  ['cases.disputesReceived', '矛盾纠纷受理数'],
  ['cases.disputesMediated', '矛盾纠纷调解成功数'],
  ['cases.mediationRate', '矛盾纠纷调解成功率'],
  ['traffic.accidents', '道路交通事故起数'],
  ['traffic.deaths', '道路交通事故死亡人数'],
  ['traffic.injuries', '道路交通事故受伤人数'],
  ['traffic.majorAccidents', '较大道路交通事故数'],
  ['traffic.severeAccidents', '重大道路交通事故数'],
  ['surveys.responses', '群众满意度调查样本数'],
  ['surveys.securityRate', '群众安全感'],
  ['surveys.satisfactionRate', '群众满意度'],
  ['surveys.validComplaints', '12389有效投诉数'],
  ['surveys.commendations', '锦旗和表扬信数'],
  ['surveys.banners', '锦旗数'],
  ['surveys.letters', '表扬信数'],
];

/**
 * Each scheme item keeps its indicator's label as the department's catalog gave it at
 * publication: the assessors learn the catalogs through the graph when a scheme is published,
 * and a published scheme reads the same whatever a department renames later. The items stored
 * before get the labels of that time (the append-only triggers are held for this one update).
 */
export class Labels1765100000000 implements MigrationInterface {
  name = 'Labels1765100000000';

  async up(db: QueryRunner): Promise<void> {
    const keys = EARLIER_LABELS.map(([key]) => key);
    const labels = EARLIER_LABELS.map(([, label]) => label);
    for (const table of ITEM_TABLES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN label text`);
      await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      await db.query(
        `UPDATE ${table} t SET label = coalesce(
           (SELECT l.label FROM unnest($1::text[], $2::text[]) AS l(key, label) WHERE l.key = t.key),
           t.key)`,
        [keys, labels],
      );
      await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
      await db.query(`
        ALTER TABLE ${table}
          ALTER COLUMN label SET NOT NULL,
          ADD CONSTRAINT ${table}_label_check CHECK (btrim(label) <> '' AND length(label) <= 100)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ITEM_TABLES) await db.query(`ALTER TABLE ${table} DROP COLUMN label`);
  }
}
