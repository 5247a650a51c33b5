import { daysInMonth, isoDate } from '../subgraphs/kit/figures/dates';
import type { DemoProfile } from './profile';
import { Random } from './random';
import { demoStations, type DemoStation } from './stations';

/** The demo records cover January 2018 to December 2019: 2019 against its 2018 baseline. */
const DEMO_YEARS = [2018, 2019] as const;

/**
 * One value per demo year, [2018, 2019]: a monthly rate in the baseline year and the rate the
 * seed article's trend gives it in 2019.
 */
export type ByDemoYear<T> = readonly [T, T];

export interface DemoMonth {
  year: number;
  month: number;
  /** A uniformly random day of this month, as YYYY-MM-DD. */
  day(random: Random): string;
  /** This month's year's value of `byYear`. */
  ofYear<T>(byYear: ByDemoYear<T>): T;
}

const MONTHS: DemoMonth[] = DEMO_YEARS.flatMap((year, y) =>
  Array.from({ length: 12 }, (_, i) => ({
    year,
    month: i + 1,
    day: (random: Random) => isoDate(year, i + 1, random.int(1, daysInMonth(year, i + 1))),
    ofYear: <T>(byYear: ByDemoYear<T>) => byYear[y],
  })),
);

/**
 * Calls `make` for every station of the profile and every demo month with a random stream of
 * its own (by station, month and kind of record), so the records of one kind never depend on
 * another kind or on the order of generation. `scale` is the station's population over 40,000,
 * the size the domain's monthly rates are quoted for.
 */
export function forEachStationMonth(
  profile: DemoProfile,
  kind: string,
  make: (station: DemoStation, month: DemoMonth, random: Random, scale: number) => void,
): void {
  for (const station of demoStations(profile)) {
    for (const month of MONTHS) {
      const random = new Random(`${kind}|${station.code}|${month.year}-${month.month}`);
      make(station, month, random, station.population / 40_000);
    }
  }
}

/** A demo record's externalId, unique per kind: `<prefix>-<station>-<YYYYMM>-<n>`. */
export function demoExternalId(
  prefix: string,
  station: DemoStation,
  month: DemoMonth,
  n: number,
): string {
  return `${prefix}-${station.code}-${month.year}${String(month.month).padStart(2, '0')}-${n}`;
}

/** `date` plus `days` calendar days, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
