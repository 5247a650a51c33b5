import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published boards (定期晾晒), append-only like the schemes: a revision and its rows are
 * written once, in the transaction that publishes them, and never updated, deleted or added to
 * (triggers refuse it). A correction is a new revision of the same scope, period and scheme.
 *
 * A row keeps what the ranking view reads (`line`) apart from its indicators and deductions
 * (`detail`), so a view that does not show them does not read them; its rank order (`position`)
 * is the key, so any page of any board is one index range.
 */
const GRADE = `CHECK (grade IN ('EXCELLENT', 'GOOD', 'PASS', 'FAIL'))`;

export class PublishedBoards1764900000000 implements MigrationInterface {
  name = 'PublishedBoards1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE published_board (
        -- Also the order of publication.
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        scope text NOT NULL CHECK (scope ~ '^[0-9]{6}([0-9]{6})?$'),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$'),
        -- Its first and last day: history lists the newest period first, whatever its kind.
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        -- The period just before, of the same kind, whose board previousRank reads.
        previous_period text NOT NULL,
        scheme_id text NOT NULL REFERENCES scheme (id),
        -- The name the scheme's versions share: the previous period's board is looked up by it.
        scheme_name text NOT NULL CHECK (scheme_id LIKE scheme_name || '@%'),
        revision integer NOT NULL CHECK (revision >= 1),
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL CHECK (btrim(published_by) <> ''),
        reason text CHECK (btrim(reason) <> '' AND length(reason) <= 500),
        data_cutoff timestamptz NOT NULL,
        total_count integer NOT NULL CHECK (total_count >= 1),
        summary jsonb NOT NULL,
        changes jsonb NOT NULL,
        -- The transaction that published it: the only one that may give it rows.
        published_txid bigint NOT NULL DEFAULT txid_current(),
        UNIQUE (scope, period, scheme_id, revision),
        CHECK (revision = 1 OR reason IS NOT NULL)
      )`);
    // The previous period's board of a scope and scheme name.
    await db.query(`CREATE INDEX published_board_by_name
                    ON published_board (scope, scheme_name, period, id)`);
    await db.query(`
      CREATE TABLE published_row (
        board_id bigint NOT NULL REFERENCES published_board (id),
        position integer NOT NULL CHECK (position >= 1),
        station_code text NOT NULL CHECK (station_code ~ '^[0-9]{12}$'),
        division_code text NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
        rank integer NOT NULL CHECK (rank >= 1 AND rank <= position),
        grade text NOT NULL ${GRADE},
        line jsonb NOT NULL,
        detail jsonb NOT NULL,
        PRIMARY KEY (board_id, position),
        UNIQUE (board_id, station_code)
      )`);
    // A station's history: its rows on every board.
    await db.query(
      `CREATE INDEX published_row_by_station ON published_row (station_code, board_id)`,
    );

    await db.query(`
      CREATE FUNCTION published_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on %: a published board is never changed; publish a new revision',
          TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE FUNCTION published_rows_with_their_board() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT FROM published_board
                       WHERE id = NEW.board_id AND published_txid = txid_current()) THEN
          RAISE EXCEPTION 'published_row: rows are given to a board only as it is published (%)',
            NEW.board_id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE FUNCTION published_board_complete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE stored integer := (SELECT count(*) FROM published_row WHERE board_id = NEW.id);
      BEGIN
        IF stored <> NEW.total_count THEN
          RAISE EXCEPTION 'published board %: % rows stored for % stations', NEW.id, stored,
            NEW.total_count USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['published_board', 'published_row']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                      FOR EACH ROW EXECUTE FUNCTION published_append_only()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                      FOR EACH STATEMENT EXECUTE FUNCTION published_append_only()`);
    }
    await db.query(`CREATE TRIGGER published_row_with_board BEFORE INSERT ON published_row
                    FOR EACH ROW EXECUTE FUNCTION published_rows_with_their_board()`);
    // Checked at commit, once the board's rows are all in.
    await db.query(`CREATE CONSTRAINT TRIGGER published_board_rows AFTER INSERT ON published_board
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION published_board_complete()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE published_row');
    await db.query('DROP TABLE published_board');
    await db.query('DROP FUNCTION published_board_complete');
    await db.query('DROP FUNCTION published_rows_with_their_board');
    await db.query('DROP FUNCTION published_append_only');
  }
}
