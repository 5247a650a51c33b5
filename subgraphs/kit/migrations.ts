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
