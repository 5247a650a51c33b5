import { daysInMonth, isoDate } from '../subgraphs/kit/figures/dates';
import type { DemoProfile } from './profile';
import { Random } from './random';
import { demoStations, type DemoStation } from './stations';

/**
 * The demo records cover January 2017 to December 2019: 2019 against its 2018 baseline, as
 * the seed article compares them, and 2018 against 2017, so 2018's boards are scored too.
 */
const DEMO_YEARS = [2017, 2018, 2019] as const;

/**
 * One value per rate of the demo, [2018, 2019]: a monthly rate in the baseline year (2017's
 * too: the city changed in 2019) and the rate the seed article's trend gives it in 2019.
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

/** Years from the middle of 2018, the baseline, to the middle of a month. */
function yearsFromBaseline(year: number, month: number): number {
  return year + (month - 0.5) / 12 - 2018.5;
}

const MONTHS: (DemoMonth & { fromBaseline: number })[] = DEMO_YEARS.flatMap((year) =>
  Array.from({ length: 12 }, (_, i) => ({
    year,
    month: i + 1,
    fromBaseline: yearsFromBaseline(year, i + 1),
    day: (random: Random) => isoDate(year, i + 1, random.int(1, daysInMonth(year, i + 1))),
    ofYear: <T>(byYear: ByDemoYear<T>) => byYear[year === 2019 ? 1 : 0],
  })),
);

/** What a station's character makes of one month, for the rates its records are drawn at. */
export interface StationMonth {
  /**
   * Its incidents against a station of 40,000 people of average workload in 2018: its
   * population over 40,000 (the size the domain's monthly rates are quoted for) times its
   * workload times its trend so far.
   */
  incidents: number;
  /** What its trend made of its clearances and commendations: the inverse of its incidents'. */
  improvement: number;
  /** Its standing, in [−1, 1]. */
  standing: number;
}

/**
 * Calls `make` for every station of the profile and every demo month with a random stream of
 * its own (by station, month and kind of record), so the records of one kind never depend on
 * another kind or on the order of generation.
 */
export function forEachStationMonth(
  profile: DemoProfile,
  kind: string,
  make: (station: DemoStation, month: DemoMonth, random: Random, at: StationMonth) => void,
): void {
  for (const station of demoStations(profile)) {
    const { workload, trend, standing } = station.character;
    for (const month of MONTHS) {
      const random = new Random(`${kind}|${station.code}|${month.year}-${month.month}`);
      const drift = Math.exp(trend * month.fromBaseline);
      make(station, month, random, {
        incidents: (station.population / 40_000) * workload * drift,
        improvement: 1 / drift,
        standing,
      });
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
