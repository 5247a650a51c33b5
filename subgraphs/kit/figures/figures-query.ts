import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { DateRange, Period } from './period';
import { splitByMonths } from './months';
import { ROLLUP_TABLE } from './rollup';
import { figureOrigins, NOT_WITHDRAWN, type FiguresSource, type Measure } from './figure-sources';

/** One station's figures over one date range. */
export interface FiguresKey {
  stationCode: string;
  range: DateRange;
}

/** A row of a department's statistics query: the figures of one station over one range. */
type FiguresRow<Figures> = Figures & { stationCode: string; from: string; to: string };

/**
 * Fetches the figures of many stations over a few date ranges in ONE statement, one row per
 * station and range that has records.
 */
export type FiguresQuery<Figures> = (
  stationCodes: readonly string[],
  ranges: readonly DateRange[],
) => Promise<FiguresRow<Figures>[]>;

const quoted = (name: string) => `"${name}"`;

function aggregate({ where, sum }: Measure): string {
  const value = sum ? `sum(${sum})` : 'count(*)';
  return where ? `${value} FILTER (WHERE ${where})` : value;
}

const rangeKey = (range: DateRange) => `${range.from}..${range.to}`;

/**
 * A DataLoader of per-station figures: every `load` of one request (all the stations of a
 * screen, each for its period and its baseline) becomes one call of `query`. Stations or ranges
 * without records get `zero()`.
 */
export function figuresLoader<Figures>(
  query: FiguresQuery<Figures>,
  zero: () => Figures,
): DataLoader<FiguresKey, Figures, string> {
  return new DataLoader(
    async (keys) => {
      const stations = [...new Set(keys.map((k) => k.stationCode))];
      const ranges = [...new Map(keys.map((k) => [rangeKey(k.range), k.range])).values()];
      const found = new Map<string, Figures>();
      for (const { stationCode, from, to, ...figures } of await query(stations, ranges)) {
        found.set(`${stationCode}|${from}..${to}`, figures as unknown as Figures);
      }
      return keys.map((k) => found.get(`${k.stationCode}|${rangeKey(k.range)}`) ?? zero());
    },
    { cacheKeyFn: (k) => `${k.stationCode}|${rangeKey(k.range)}` },
  );
}

/**
 * A department's FiguresQuery from its sources and its rollup (rollup.ts), one statement
 * whatever their number: the whole months of each range are summed from the rollup (one row
 * per station and month), and only the days of a partial month (a period up to today, its
 * baseline up to the same day a year earlier) are counted from the records, one index range
 * scan per source and station. The parts are added per station and range; a figure without
 * rows is 0. Figures are summed and returned as bigint: no number of rows can overflow them.
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
 * for some stations over some ranges. It answers one row per station and range index `i`
 * (the range's place in `ranges`) that has records, with every figure as a bigint.
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
  // Each part gives every figure, 0 where it makes none, so the parts add up by UNION ALL.
  const columns = (made: (name: string) => string | null) =>
    names.map((name) => `${made(name) ?? '0'} AS ${quoted(name)}`).join(', ');
  const counted = sources.map((source) => {
    const figures = columns((name) => {
      const measure = source.figures[name];
      return measure ? aggregate(measure) : null;
    });
    return `SELECT r.station_code, d.i, ${figures}
      FROM d JOIN ${source.table} r ON r.${source.dateColumn} BETWEEN d.from_on AND d.to_on
      WHERE r.station_code = ANY(${stations}) AND r.${NOT_WITHDRAWN}${source.where ? ` AND (${source.where})` : ''}
      GROUP BY 1, 2`;
  });
  const rolled = `SELECT r.station_code, m.i, ${columns((name) => `sum(r.${quoted(name)})`)}
      FROM m JOIN ${ROLLUP_TABLE} r ON r.month BETWEEN m.from_month AND m.to_month
      WHERE r.station_code = ANY(${stations})
      GROUP BY 1, 2`;
  const sql = `WITH d AS (SELECT * FROM unnest(${dayI}::int[], ${dayFrom}::date[], ${dayTo}::date[]) AS d(i, from_on, to_on)),
    m AS (SELECT * FROM unnest(${monthI}::int[], ${monthFrom}::date[], ${monthTo}::date[]) AS m(i, from_month, to_month))
    SELECT station_code AS "stationCode", i,
           ${names.map((name) => `coalesce(sum(${quoted(name)}), 0)::bigint AS ${quoted(name)}`).join(',\n           ')}
    FROM (${[...counted, ...(rolledUp ? [rolled] : [])].join('\n      UNION ALL ')}) parts
    GROUP BY station_code, i`;
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

function rangedQuery<Figures>(
  db: DataSource,
  sources: readonly FiguresSource<keyof Figures & string>[],
  rolledUp: boolean,
): FiguresQuery<Figures> {
  const names = [...figureOrigins(sources).keys()];
  const { sql, parameters } = figuresStatement(sources, rolledUp);
  return async (stationCodes, ranges) => {
    const rows = await db.query<Record<string, unknown>[]>(sql, parameters(stationCodes, ranges));
    return rows.map(({ i, ...row }) => {
      for (const name of names) row[name] = safeInteger(name, row[name]);
      const range = ranges[Number(i)];
      if (!range) throw new Error(`the figures statement answered range ${String(i)}`);
      return { ...row, from: range.from, to: range.to } as FiguresRow<Figures>;
    });
  };
}

/**
 * A figure as PostgreSQL summed it (bigint, which pg hands over as text) as a JavaScript
 * number. Counts and sums of bounded values stay far below 2^53 (that many rows cannot be
 * stored), so the check never fires; if it did, a wrong figure would be worse than an error.
 */
function safeInteger(name: string, value: unknown): number {
  const figure = Number(value);
  if (!Number.isSafeInteger(figure))
    throw new Error(`figure ${name} = ${String(value)} is not a safe integer`);
  return figure;
}

/** A station's figures for a period and for its baseline, loaded in the same tick (one batch). */
export function loadWithBaseline<F>(
  loader: DataLoader<FiguresKey, F, string>,
  stationCode: string,
  period: Period,
): Promise<[F, F]> {
  return Promise.all([
    loader.load({ stationCode, range: period.range }),
    loader.load({ stationCode, range: period.baseline.range }),
  ]);
}
