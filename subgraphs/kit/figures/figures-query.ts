import type { DataSource } from 'typeorm';
import { isOutOfRange } from '../../../platform/database-errors';
import { codedError } from '../../../platform/errors';
import type { DateRange } from './period';
import { splitByMonths } from './months';
import { FIGURE_SUM, ROLLUP_TABLE } from './rollup';
import { figureOrigins, NOT_WITHDRAWN, type FiguresSource, type Measure } from './figure-sources';

/** A row of a department's statistics query: the figures of one station over one range. */
interface FiguresRow<Figures> {
  stationCode: string;
  range: DateRange;
  figures: Figures;
}

/**
 * Fetches the figures of many stations over a few date ranges in ONE statement, one row per
 * station and range that has records.
 */
export type FiguresQuery<Figures> = (
  stationCodes: readonly string[],
  ranges: readonly DateRange[],
) => Promise<FiguresRow<Figures>[]>;

const quoted = (name: string) => `"${name}"`;

/** A figure over some rows; a sum over none (none meets its condition, or all are null) is 0. */
function aggregate({ where, sum }: Measure): string {
  const value = sum ? `sum(${sum})` : 'count(*)';
  const filtered = where ? `${value} FILTER (WHERE ${where})` : value;
  return sum ? `coalesce(${filtered}, 0)` : filtered;
}

/**
 * A department's FiguresQuery from its sources and its rollup (rollup.ts), one statement
 * whatever their number: the whole months of each range are summed from the rollup (one row
 * per station and month), and only the days of a partial month (a period up to today, its
 * baseline up to the same day a year earlier) are counted from the records, one index range
 * scan per source and station. PostgreSQL sums each part as a bigint, which no number of rows
 * can overflow, and the parts are added per station and range here; a figure without rows is 0.
 */
export function figuresQuery<Figures>(
  db: DataSource,
  sources: readonly FiguresSource<keyof Figures & string>[],
): FiguresQuery<Figures> {
  return rangedQuery(db, sources, true);
}

/**
 * The same figures counted from the records alone, every day of every range: what the rollup
 * must always equal (the property test compares the two).
 */
export function recordFiguresQuery<Figures>(
  db: DataSource,
  sources: readonly FiguresSource<keyof Figures & string>[],
): FiguresQuery<Figures> {
  return rangedQuery(db, sources, false);
}

/**
 * The figures statement, for the FiguresQuery and as a subquery of others (the record
 * listings' totals): its SQL, with its parameters numbered from `first`, and those parameters
 * for some stations over some ranges. It answers rows of a station (its code, and `n`, its
 * place among the codes from 1) and a range index `i` (the range's place in `ranges`), each
 * with every figure as a bigint: one row of the range's whole months, and one of each source's
 * records on each of its partial days, where there are any. A station's figures over a range
 * are the sums of its rows'; without rows, they are 0.
 */
export interface FiguresStatement {
  sql: string;
  parameters: (stationCodes: readonly string[], ranges: readonly DateRange[]) => unknown[];
}

export function figuresStatement(
  sources: readonly FiguresSource<string>[],
  rolledUp: boolean,
  first = 1,
): FiguresStatement {
  const names = [...figureOrigins(sources).keys()];
  const [stations, dayI, dayFrom, dayTo, monthI, monthFrom, monthTo] = Array.from(
    { length: 7 },
    (_, n) => `$${first + n}`,
  );
  // Each part gives every figure, 0 where it makes none, so the parts add up.
  const columns = (made: (name: string) => string | null) =>
    names.map((name) => `(${made(name) ?? '0'})::bigint AS ${quoted(name)}`).join(', ');
  // The stations are joined as a set, not matched with `= ANY(array)`: the planner estimates
  // such a match element by element, ~20 ms for a province's 1,178 stations in each part.
  // Each station's partial days are an index range scan of its own (LATERAL), whatever the
  // planner guesses of the days' ranges; a station without records there gives no row.
  const counted = sources.map((source) => {
    const figures = columns((name) => {
      const measure = source.figures[name];
      return measure ? aggregate(measure) : null;
    });
    return `SELECT s.code AS station_code, s.n, d.i, c.*
      FROM s CROSS JOIN d CROSS JOIN LATERAL (
        SELECT ${figures} FROM ${source.table} r
        WHERE r.station_code = s.code AND r.${source.dateColumn} BETWEEN d.from_on AND d.to_on
          AND r.${NOT_WITHDRAWN}${source.where ? ` AND (${source.where})` : ''}
        HAVING count(*) > 0) c`;
  });
  const rolled = `SELECT r.station_code, s.n, m.i, ${columns((name) => `${FIGURE_SUM}(r.${quoted(name)})`)}
      FROM s CROSS JOIN m
        JOIN ${ROLLUP_TABLE} r ON r.station_code = s.code AND r.month BETWEEN m.from_month AND m.to_month
      GROUP BY 1, 2, 3`;
  const sql = `WITH s AS (SELECT * FROM unnest(${stations}::text[]) WITH ORDINALITY AS s(code, n)),
    d AS (SELECT * FROM unnest(${dayI}::int[], ${dayFrom}::date[], ${dayTo}::date[]) AS d(i, from_on, to_on)),
    m AS (SELECT * FROM unnest(${monthI}::int[], ${monthFrom}::date[], ${monthTo}::date[]) AS m(i, from_month, to_month))
    SELECT station_code AS "stationCode", n, i, ${names.map(quoted).join(', ')}
    FROM (${[...(rolledUp ? [rolled] : []), ...counted].join('\n      UNION ALL ')}) parts`;
  return {
    sql,
    parameters: (stationCodes, ranges) => {
      const days: [number, DateRange][] = [];
      const months: [number, DateRange][] = [];
      ranges.forEach((range, i) => {
        const split = rolledUp ? splitByMonths(range) : { months: null, days: [range] };
        for (const part of split.days) days.push([i, part]);
        if (split.months) months.push([i, split.months]);
      });
      return [
        stationCodes,
        days.map(([i]) => i),
        days.map(([, r]) => r.from),
        days.map(([, r]) => r.to),
        months.map(([i]) => i),
        months.map(([, r]) => r.from),
        months.map(([, r]) => r.to),
      ];
    },
  };
}

/**
 * The statement's rows packed into one text, read by `readPacked`: per row, the station's place
 * among the codes asked (from 1), the range index, then every figure, all integers, the values
 * split by ',' and the rows by ';'. pg makes a string of every value of every row and an object
 * of every row (a province board is 2,356 rows of 11 values); one text is a single string, its
 * numbers read digit by digit. A station code, which is not a number, never enters the text.
 */
function packedStatement(sql: string, names: readonly string[]): string {
  const values = ['n', 'i', ...names.map(quoted)];
  return `SELECT string_agg(concat_ws(',', ${values.join(', ')}), ';') AS packed FROM (${sql}) f`;
}

/**
 * Calls `each` with every row of a packed text, its `width` integers in one array reused from
 * row to row. A value of 2^53 or more reads as at least 2^53 (each step rounds up to it at
 * worst), which the figures' check refuses; anything but digits, a sign, and the separators
 * where `width` puts them is refused.
 */
function readPacked(packed: string, width: number, each: (row: number[]) => void): void {
  if (packed === '') return;
  const row = new Array<number>(width).fill(0);
  let column = 0;
  let value = 0;
  let sign = 1;
  let digits = 0;
  // The text's end closes its last row, as a ';' would.
  for (let at = 0; at <= packed.length; at++) {
    const code = at < packed.length ? packed.charCodeAt(at) : SEMICOLON;
    if (code >= ZERO && code <= NINE) {
      value = value * 10 + (code - ZERO);
      digits++;
      continue;
    }
    if (code === MINUS && digits === 0 && sign === 1) {
      sign = -1;
      continue;
    }
    const ends = code === SEMICOLON;
    if ((code !== COMMA && !ends) || digits === 0 || column === width) {
      throw new Error(`the figures statement answered a malformed row (at ${at})`);
    }
    row[column++] = sign * value;
    value = 0;
    sign = 1;
    digits = 0;
    if (ends) {
      if (column !== width)
        throw new Error(`the figures statement answered a short row (at ${at})`);
      each(row);
      column = 0;
    }
  }
}

const [ZERO, NINE, MINUS, COMMA, SEMICOLON] = ['0', '9', '-', ',', ';'].map((c) => c.charCodeAt(0));

/**
 * Runs the statement and adds up each station and range's rows, in JavaScript: summing them in
 * SQL would sum bigints, which PostgreSQL does in numeric, over every row again.
 */
function rangedQuery<Figures>(
  db: DataSource,
  sources: readonly FiguresSource<keyof Figures & string>[],
  rolledUp: boolean,
): FiguresQuery<Figures> {
  const names = [...figureOrigins(sources).keys()];
  const { sql, parameters } = figuresStatement(sources, rolledUp);
  const statement = packedStatement(sql, names);
  return async (stationCodes, ranges) => {
    // Each station once: its place among them names it in the packed rows.
    const codes = [...new Set(stationCodes)];
    const [answer] = await db
      .query<{ packed: string | null }[]>(statement, parameters(codes, ranges))
      .catch((error: unknown) => {
        // A whole months' sum past a bigint (FIGURE_SUM refuses it rather than wrap).
        throw isOutOfRange(error) ? figureOutOfRange() : error;
      });
    // Per range, each station's figures: most have one row, of the range's whole months.
    const found = ranges.map(() => new Map<string, Record<string, number>>());
    readPacked(answer?.packed ?? '', 2 + names.length, (row) => {
      const stationCode = codes[(row[0] ?? 0) - 1];
      const stations = found[row[1] ?? -1];
      if (stationCode === undefined || !stations) {
        throw new Error(`the figures statement answered station ${row[0]}, range ${row[1]}`);
      }
      let figures = stations.get(stationCode);
      if (!figures) {
        figures = {};
        for (const name of names) figures[name] = 0;
        stations.set(stationCode, figures);
      }
      names.forEach((name, k) => {
        const part = safeInteger(name, row[2 + k] ?? NaN);
        figures[name] = safeInteger(name, (figures[name] ?? 0) + part);
      });
    });
    return found.flatMap((stations, i) =>
      [...stations].map(([stationCode, figures]) => ({
        stationCode,
        range: ranges[i],
        figures: figures as Figures,
      })),
    );
  };
}

/**
 * A figure as its parts add up (PostgreSQL's bigints, read from their text as numbers). Counts
 * and sums of bounded values stay far below 2^53: the summed columns are integers the API
 * bounds (a traffic accident's deaths and injuries at most MAX_CASUALTIES), so a station's
 * month would need billions of records to pass it. If one did (an operator's SQL in the rollup),
 * a wrong figure would be worse than a refusal.
 */
function safeInteger(name: string, figure: number): number {
  if (!Number.isSafeInteger(figure)) throw figureOutOfRange(name);
  return figure;
}

/**
 * The refusal of figures too large to answer exactly (`extensions.figure` names the figure when
 * it is known), without the database's own words.
 */
function figureOutOfRange(figure?: string) {
  return codedError(
    'FIGURE_OUT_OF_RANGE',
    'a figure asked for is too large to answer exactly',
    figure ? { figure } : {},
  );
}
