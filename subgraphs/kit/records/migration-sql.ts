/**
 * SQL shared by the department subgraphs' migrations. Shipped migrations call these, so they
 * never change: a different rule is a new helper and a new migration.
 */

/** The columns every record table starts with, checked as the API checks them. */
export const RECORD_KEY_COLUMNS = `
  external_id text PRIMARY KEY
    CHECK (length(external_id) BETWEEN 1 AND 64 AND external_id = btrim(external_id)),
  station_code text NOT NULL CHECK (station_code ~ '^[0-9]{12}$')`;

export const TIMESTAMP_COLUMNS = `
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/**
 * A trigger refusing business dates after today in Asia/Shanghai. A CHECK constraint cannot
 * (today moves); the function is static per table, so a 5,000-row batch costs microseconds.
 */
export function noFutureDates(table: string, columns: readonly string[]): string[] {
  const tests = columns
    .map(
      (c) =>
        `IF NEW.${c} > today THEN RAISE EXCEPTION '${table}.${c} % is after today (%)', NEW.${c}, today USING ERRCODE = 'check_violation'; END IF;`,
    )
    .join('\n      ');
  return [
    `CREATE FUNCTION ${table}_no_future_dates() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE today date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
    BEGIN
      ${tests}
      RETURN NEW;
    END $$`,
    `CREATE TRIGGER ${table}_no_future_dates BEFORE INSERT OR UPDATE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION ${table}_no_future_dates()`,
  ];
}

/** The longest reason a withdrawal takes. */
export const MAX_REASON_LENGTH = 500;

/**
 * What makes a record table's rows withdrawable: when and why, both or neither. A withdrawn
 * record is kept (and listed on request) but stops counting.
 */
export function withdrawalColumns(table: string): string {
  return `ALTER TABLE ${table}
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN withdrawal_reason text
      CHECK (length(btrim(withdrawal_reason)) BETWEEN 1 AND ${MAX_REASON_LENGTH}),
    ADD CONSTRAINT ${table}_withdrawal CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))`;
}

/**
 * A department's change log: one row per write of one record (insert, update, withdrawal,
 * restore), appended in the write's own transaction. Append-only: triggers refuse UPDATE, DELETE
 * and TRUNCATE, so not even the service's own role can rewrite what happened.
 */
export const CHANGE_LOG = [
  `CREATE TABLE change_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    record_table text NOT NULL,
    external_id text NOT NULL,
    action text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'WITHDRAW', 'RESTORE')),
    actor text NOT NULL,
    role text NOT NULL,
    request_id text,
    changes jsonb NOT NULL,
    reason text
  )`,
  `CREATE INDEX change_log_record ON change_log (record_table, external_id, id)`,
  `CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'change_log is append-only: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END $$`,
  `CREATE TRIGGER change_log_no_rewrite BEFORE UPDATE OR DELETE ON change_log
   FOR EACH ROW EXECUTE FUNCTION change_log_append_only()`,
  `CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
   FOR EACH STATEMENT EXECUTE FUNCTION change_log_append_only()`,
];

export const DROP_CHANGE_LOG = ['DROP TABLE change_log', 'DROP FUNCTION change_log_append_only'];
