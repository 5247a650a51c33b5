import DataLoader from 'dataloader';
import type { DateRange } from './period';

/** One station's figures over one date range. */
export interface StatsKey {
  stationCode: string;
  range: DateRange;
}

/** A row of a department's statistics query: the figures of one station over one range. */
export type StatsRow<Figures> = Figures & { stationCode: string; from: string; to: string };

/**
 * Fetches the figures of many stations over a few date ranges in ONE statement. The ranges
 * arrive as two arrays, `$2::date[]` (from) and `$3::date[]` (to), the stations as `$1::text[]`;
 * the statement returns one row per station and range that has records.
 */
export type StatsQuery<Figures> = (
  stationCodes: readonly string[],
  ranges: readonly DateRange[],
) => Promise<StatsRow<Figures>[]>;

const rangeKey = (range: DateRange) => `${range.from}..${range.to}`;

/**
 * A DataLoader of per-station figures: every `load` of one request (all the stations of a
 * screen, each for its period and its baseline) becomes one call of `query`. Stations or ranges
 * without records get `zero()`.
 */
export function statsLoader<Figures>(
  query: StatsQuery<Figures>,
  zero: () => Figures,
): DataLoader<StatsKey, Figures, string> {
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
