import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appeals (申诉) against published boards, and their log.
 *
 * `appeal` holds each appeal's present state; a trigger lets it change only as the process
 * goes (OPEN to ACCEPTED, REJECTED or WITHDRAWN once; an answered appeal resolved by one
 * revision once) and never be deleted. `appeal_event` is the log of every change (who, with
 * which role, in which request, when, why), append-only as the departments' change_log is:
 * triggers refuse UPDATE, DELETE and TRUNCATE, whoever asks. At most one appeal of a station on
 * one item of one board is OPEN at a time (a partial unique index).
 */
export class Appeals1765400000000 implements MigrationInterface {
  name = 'Appeals1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE appeal (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        scope text NOT NULL,
        period text NOT NULL,
        scheme_id text NOT NULL,
        -- The revision appealed against: the newest when it was filed.
        revision integer NOT NULL,
        station_code text NOT NULL CHECK (station_code ~ '^[0-9]{12}$'),
        item text NOT NULL CHECK (length(item) BETWEEN 1 AND 80),
        -- The Department enum value owning the item, as the board's scheme names it.
        department text NOT NULL,
        claim text NOT NULL CHECK (length(btrim(claim)) BETWEEN 1 AND 500),
        records jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'OPEN'
          CHECK (status IN ('OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')),
        filed_at timestamptz NOT NULL DEFAULT now(),
        filed_by text NOT NULL CHECK (btrim(filed_by) <> ''),
        answer text CHECK (length(btrim(answer)) BETWEEN 1 AND 500),
        answered_at timestamptz,
        answered_by text,
        resolved_revision integer,
        FOREIGN KEY (scope, period, scheme_id, revision)
          REFERENCES published_board (scope, period, scheme_id, revision),
        CHECK ((status = 'OPEN') = (answered_at IS NULL)),
        CHECK ((answered_at IS NULL) = (answered_by IS NULL)),
        CHECK (status IN ('ACCEPTED', 'REJECTED') OR answer IS NULL),
        CHECK (resolved_revision IS NULL OR
               (status IN ('ACCEPTED', 'REJECTED') AND resolved_revision > revision))
      )`);
    await db.query(`CREATE UNIQUE INDEX appeal_one_open
                    ON appeal (scope, period, scheme_id, station_code, item)
                    WHERE status = 'OPEN'`);
    // A department's list, newest first.
    await db.query('CREATE INDEX appeal_by_department ON appeal (department, id)');
    // A board's appeals, and a station's on it.
    await db.query(`CREATE INDEX appeal_by_board
                    ON appeal (scope, period, scheme_id, station_code, id)`);

    await db.query(`
      CREATE TABLE appeal_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        appeal_id bigint NOT NULL REFERENCES appeal (id),
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL CHECK (action IN ('FILE', 'ACCEPT', 'REJECT', 'WITHDRAW', 'RESOLVE')),
        actor text NOT NULL,
        role text NOT NULL,
        request_id text,
        reason text,
        -- RESOLVE: the revision that resolved it.
        revision integer
      )`);
    await db.query('CREATE INDEX appeal_event_by_appeal ON appeal_event (appeal_id, id)');

    await db.query(`
      CREATE FUNCTION appeal_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'appeal_event is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER appeal_event_no_rewrite BEFORE UPDATE OR DELETE ON appeal_event
                    FOR EACH ROW EXECUTE FUNCTION appeal_event_append_only()`);
    await db.query(`CREATE TRIGGER appeal_event_no_truncate BEFORE TRUNCATE ON appeal_event
                    FOR EACH STATEMENT EXECUTE FUNCTION appeal_event_append_only()`);
    await db.query(`CREATE TRIGGER appeal_no_delete BEFORE DELETE ON appeal
                    FOR EACH ROW EXECUTE FUNCTION appeal_event_append_only()`);
    await db.query(`CREATE TRIGGER appeal_no_truncate BEFORE TRUNCATE ON appeal
                    FOR EACH STATEMENT EXECUTE FUNCTION appeal_event_append_only()`);
    // What was filed never changes; the state moves forward only.
    await db.query(`
      CREATE FUNCTION appeal_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.scope, NEW.period, NEW.scheme_id, NEW.revision, NEW.station_code, NEW.item,
            NEW.department, NEW.claim, NEW.records, NEW.filed_at, NEW.filed_by)
           IS DISTINCT FROM
           (OLD.scope, OLD.period, OLD.scheme_id, OLD.revision, OLD.station_code, OLD.item,
            OLD.department, OLD.claim, OLD.records, OLD.filed_at, OLD.filed_by) THEN
          RAISE EXCEPTION 'appeal %: what was filed never changes', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'OPEN' AND NEW.status <> 'OPEN' AND NEW.resolved_revision IS NULL THEN
          RETURN NEW;
        END IF;
        IF OLD.status IN ('ACCEPTED', 'REJECTED') AND NEW.status = OLD.status
           AND OLD.resolved_revision IS NULL AND NEW.resolved_revision IS NOT NULL
           AND (NEW.answer, NEW.answered_at, NEW.answered_by)
               IS NOT DISTINCT FROM (OLD.answer, OLD.answered_at, OLD.answered_by) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'appeal %: % cannot become %', OLD.id, OLD.status, NEW.status
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER appeal_moves_forward BEFORE UPDATE ON appeal
                    FOR EACH ROW EXECUTE FUNCTION appeal_moves_forward()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE appeal_event');
    await db.query('DROP TABLE appeal');
    await db.query('DROP FUNCTION appeal_moves_forward');
    await db.query('DROP FUNCTION appeal_event_append_only');
  }
}
