import { createHash } from 'node:crypto';
import { batch } from './batch.js';

/** The department's name: its subgraph, its role (department:fire), its keys' prefix. */
export const DEPARTMENT = 'fire';

/**
 * The figures, each one definition that the statistics, the board and the record listings
 * all read: a figure is the sum of `measure` over the fires that match `filter`, so the
 * records listed behind it add up to it by construction.
 */
export const FIGURES = {
  fires: { measure: '1', filter: 'true' },
  deaths: { measure: 'deaths', filter: 'deaths > 0' },
};

/** What the fire service publishes for the board (the catalog). */
export const INDICATORS = [
  { key: 'fire.fires', label: '火灾起数', kind: 'COUNT', reads: ['fires'] },
  { key: 'fire.deaths', label: '火灾死亡人数', kind: 'COUNT', reads: ['deaths'] },
];

/** The catalog's version: a digest of what it says, so it changes whenever that does. */
export const CATALOG = {
  department: DEPARTMENT,
  version: createHash('sha256').update(JSON.stringify(INDICATORS)).digest('hex').slice(0, 12),
  indicators: INDICATORS,
};

export function indicatorByKey(key) {
  return INDICATORS.find((i) => i.key === key);
}

const NAMES = Object.keys(FIGURES);
const zero = () => Object.fromEntries(NAMES.map((name) => [name, 0]));

const sums = (range) =>
  NAMES.map(
    (name) =>
      `coalesce(sum(${FIGURES[name].measure}) FILTER (WHERE ${FIGURES[name].filter} ` +
      `AND occurred_on BETWEEN $${range} AND $${range + 1}), 0)::int AS "${range}:${name}"`,
  );

/**
 * Every station's figures for a period and its baseline, in one statement whatever the
 * number of stations: `Map<station, { current, baseline }>`, zeros for a station without fires.
 */
export async function figuresOf(db, stations, period) {
  const { rows } = await db.query(
    `SELECT station_code, ${[...sums(2), ...sums(4)].join(', ')}
       FROM fire.fires
      WHERE station_code = ANY($1) AND withdrawn_at IS NULL
        AND (occurred_on BETWEEN $2 AND $3 OR occurred_on BETWEEN $4 AND $5)
      GROUP BY station_code`,
    [stations, period.from, period.to, period.baseline.from, period.baseline.to],
  );
  const found = new Map(
    rows.map((row) => [
      row.station_code,
      {
        current: Object.fromEntries(NAMES.map((n) => [n, row[`2:${n}`]])),
        baseline: Object.fromEntries(NAMES.map((n) => [n, row[`4:${n}`]])),
      },
    ]),
  );
  return new Map(
    stations.map((code) => [code, found.get(code) ?? { current: zero(), baseline: zero() }]),
  );
}

/**
 * One request's loader of a station's figures for a period: the stations asked for in one
 * tick share one statement per period.
 */
export function figuresLoader(db) {
  const periods = new Map();
  return function load(station, period) {
    let loader = periods.get(period.id);
    if (!loader) {
      loader = batch((codes) => figuresOf(db, codes, period));
      periods.set(period.id, loader);
    }
    return loader(station);
  };
}

/** The statistics type's shape: the figures with their window, and the baseline's. */
export function statsOf(period, { current, baseline }) {
  const window = (p, figures) => ({
    period: p.id,
    partial: p.partial,
    from: p.from,
    to: p.to,
    ...figures,
  });
  return {
    ...window(period, current),
    baseline: { ...window(period.baseline, baseline), baseline: null },
  };
}

/** A division's figures: its stations' summed. */
export function summed(perStation) {
  const total = { current: zero(), baseline: zero() };
  for (const { current, baseline } of perStation) {
    for (const name of NAMES) {
      total.current[name] += current[name];
      total.baseline[name] += baseline[name];
    }
  }
  return total;
}
