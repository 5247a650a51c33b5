import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name a board's publisher is shown by: the token's `name` claim as it was at publication,
 * kept beside the subject (who, for the record). Null for the boards published before, and for
 * tokens without the claim: those are shown by their subject.
 */
export class PublisherNames1765300000000 implements MigrationInterface {
  name = 'PublisherNames1765300000000';

  async up(db: QueryRunner): Promise<void> {
    // Adding a column updates no row: the append-only triggers stay as they are.
    await db.query(`
      ALTER TABLE published_board ADD COLUMN published_by_name text
        CHECK (btrim(published_by_name) <> '' AND length(published_by_name) <= 100)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE published_board DROP COLUMN published_by_name');
  }
}
