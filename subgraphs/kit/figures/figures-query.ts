import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { DateRange, Period } from './period';

/** One station's figures over one date range. */
export interface FiguresKey {
  stationCode: string;
  range: DateRange;
}

/** A row of a department's statistics query: the figures of one station over one range. */
type FiguresRow<Figures> = Figures & { stationCode: string; from: string; to: string };

/**
 * Fetches the figures of many stations over a few date ranges in ONE statement. The ranges
 * arrive as two arrays, `$2::date[]` (from) and `$3::date[]` (to), the stations as `$1::text[]`;
 * the statement returns one row per station and range that has records.
 */
export type FiguresQuery<Figures> = (
  stationCodes: readonly string[],
  ranges: readonly DateRange[],
) => Promise<FiguresRow<Figures>[]>;

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
 * How one figure is made from a source's rows: the rows meeting `where` (all of them without
 * it), counted, or `sum` of a column over them. The statistics aggregate it and the record
 * listings filter by it (records/record-listing.ts), so the records behind a figure are always those it counted.
 */
export interface Measure {
  /** A SQL condition on the source's row `r`'s columns, e.g. `category = 'HOMICIDE'`. */
  where?: string;
  /** The integer column summed instead of counting rows, e.g. `deaths`. */
  sum?: string;
}

/** A figure that counts the rows meeting `where` (every row without it). */
export const countOf = (where?: string): Measure => (where ? { where } : {});

/** A figure that sums a column over the rows meeting `where`. */
export const sumOf = (column: string, where?: string): Measure =>
  where ? { sum: column, where } : { sum: column };

/**
 * One table's part of a department's statistics: its rows placed in ranges by one business
 * date, and the figures aggregated over a station's rows in a range. Withdrawn rows never count.
 */
export interface FiguresSource<Figure extends string> {
  table: string;
  /** The business date that puts a row in a range, e.g. `filed_on`. */
  dateColumn: string;
  /** Only rows meeting this SQL condition count, e.g. `valid`, so a partial index serves it. */
  where?: string;
  /** How each figure is made from those rows. */
  figures: Partial<Record<Figure, Measure>>;
}

/** Rows that count: a withdrawn record is kept but stops counting everywhere. */
export const NOT_WITHDRAWN = 'withdrawn_at IS NULL';

const quoted = (name: string) => `"${name}"`;

function aggregate({ where, sum }: Measure): string {
  const value = sum ? `sum(${sum})` : 'count(*)';
  return where ? `${value} FILTER (WHERE ${where})` : value;
}

/** Where a figure comes from: its source and its measure. */
export interface FigureOrigin {
  source: FiguresSource<string>;
  measure: Measure;
}

/** The source and measure of every figure of a department, by figure name. */
export function figureOrigins(
  sources: readonly FiguresSource<string>[],
): ReadonlyMap<string, FigureOrigin> {
  const origins = new Map<string, FigureOrigin>();
  for (const source of sources) {
    for (const [name, measure] of Object.entries<Measure | undefined>(source.figures)) {
      // Two sources of one figure would leave the statement ambiguous about which one counts.
      if (origins.has(name)) throw new Error(`figure ${name} comes from more than one source`);
      if (measure) origins.set(name, { source, measure });
    }
  }
  return origins;
}

/**
 * A department's figures with nothing counted: every figure its sources make, at 0. The
 * statement returns these same figures, so a station or range without records has the shape
 * of one with records; a figure no source makes cannot be counted, and an indicator reading
 * one stops the department at start-up (records/record-listing.ts).
 */
export function zeroFigures<Figures>(
  sources: readonly FiguresSource<keyof Figures & string>[],
): () => Figures {
  const names = [...figureOrigins(sources).keys()];
  return () => Object.fromEntries(names.map((name) => [name, 0])) as Figures;
}

/**
 * A department's FiguresQuery from its sources, one statement whatever their number: each source
 * is a CTE that reads, per station and range, one index range scan over its date and groups by
 * (station, range); the CTEs are joined on (station, range), and a figure without rows is 0.
 * Figures are summed and returned as bigint: no number of rows can overflow them.
 */
export function figuresQuery<Figures>(
  db: DataSource,
  sources: readonly FiguresSource<keyof Figures & string>[],
): FiguresQuery<Figures> {
  const names = [...figureOrigins(sources).keys()];
  const ctes = sources.map((source, i) => {
    const figures = Object.entries<Measure | undefined>(source.figures).flatMap(([name, m]) =>
      m ? [`${aggregate(m)} AS ${quoted(name)}`] : [],
    );
    return `s${i} AS (
      SELECT r.station_code, w.from_on, w.to_on,
             ${figures.join(',\n             ')}
      FROM w JOIN ${source.table} r ON r.${source.dateColumn} BETWEEN w.from_on AND w.to_on
      WHERE r.station_code = ANY($1) AND r.${NOT_WITHDRAWN}${source.where ? ` AND (${source.where})` : ''}
      GROUP BY 1, 2, 3)`;
  });
  const joined = sources.map((_, i) =>
    i === 0 ? 's0' : `FULL JOIN s${i} USING (station_code, from_on, to_on)`,
  );
  const sql = `WITH w AS (SELECT * FROM unnest($2::date[], $3::date[]) AS w(from_on, to_on)),
    ${ctes.join(',\n    ')}
    SELECT station_code AS "stationCode", from_on::text AS "from", to_on::text AS "to",
           ${names.map((name) => `coalesce(${quoted(name)}, 0)::bigint AS ${quoted(name)}`).join(',\n           ')}
    FROM ${joined.join('\n    ')}`;
  return async (stationCodes, ranges) => {
    const rows = await db.query<Record<string, unknown>[]>(sql, [
      stationCodes,
      ranges.map((r) => r.from),
      ranges.map((r) => r.to),
    ]);
    for (const row of rows) for (const name of names) row[name] = safeInteger(name, row[name]);
    return rows as FiguresRow<Figures>[];
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
