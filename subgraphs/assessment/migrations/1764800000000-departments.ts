import type { MigrationInterface, QueryRunner } from 'typeorm';

const ITEM_TABLES = ['scheme_indicator', 'scheme_deduction', 'scheme_veto'];

/**
 * The departments are listed once, in code (subgraphs/departments.ts), so adding one needs no
 * migration here: a scheme item's department is checked for the shape of a Department enum
 * value instead of against a copy of the list. What SQL can see stays checked: the key is the
 * department's (`cases.*` for CASES, a check of the first migration). The API refuses a
 * department the registry does not have (the GraphQL enum) and a key no department publishes.
 */
export class Departments1764800000000 implements MigrationInterface {
  name = 'Departments1764800000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ITEM_TABLES) {
      await db.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_department_check,
          ADD CONSTRAINT ${table}_department_check CHECK (department ~ '^[A-Z][A-Z0-9_]*$')`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ITEM_TABLES) {
      await db.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_department_check,
          ADD CONSTRAINT ${table}_department_check
            CHECK (department IN ('CASES', 'TRAFFIC', 'SURVEYS'))`);
    }
  }
}
