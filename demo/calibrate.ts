import type { DateRange } from '../subgraphs/kit/figures/period';
import { ARTICLE_CITY } from './article';
import { addDays } from './calendar';
import type { DemoProfile } from './profile';
import type { Random } from './random';
import { demoStations } from './stations';

/**
 * The tools that nudge a demo city's random records to the article's figures: each change
 * touches one record chosen at random among those it may touch, so the stations keep their
 * varied, drawn figures and only the city's sums land where the article says.
 */

/** The codes of the profile's stations in the article's city (by current county). */
export function articleCityStations(profile: DemoProfile): Set<string> {
  return new Set(
    demoStations(profile)
      .filter((s) => s.divisionCode.startsWith(ARTICLE_CITY.slice(0, 4)))
      .map((s) => s.code),
  );
}

/** Takes a random item out of `items`. */
function takeRandom<T>(items: T[], random: Random): T {
  const [item] = items.splice(Math.floor(random.next() * items.length), 1);
  if (item === undefined) throw new Error('nothing left to take');
  return item;
}

/** A change to one record: which records it may touch, and what it does to one. */
export interface Nudge<T> {
  may: (record: T) => boolean;
  apply: (record: T) => void;
}

/**
 * Makes exactly `target` of `records` counted (`counts`), raising uncounted ones with `raise`
 * or lowering counted ones with `lower`, each chosen at random among those it may touch.
 */
export function setCount<T>(
  records: readonly T[],
  counts: (record: T) => boolean,
  target: number,
  random: Random,
  raise: Nudge<T>,
  lower: Nudge<T>,
): void {
  const current = records.filter(counts).length;
  const [nudge, times] = current < target ? [raise, target - current] : [lower, current - target];
  const candidates = records.filter(nudge.may);
  if (candidates.length < times) {
    throw new Error(`only ${candidates.length} records to move ${current} to ${target}`);
  }
  for (let n = 0; n < times; n += 1) nudge.apply(takeRandom(candidates, random));
}

/**
 * Makes exactly `target` of `records` counted by dropping counted ones at random or adding
 * `create()`d ones (each created record must count). Returns the new list.
 */
export function setSize<T>(
  records: readonly T[],
  counts: (record: T) => boolean,
  target: number,
  random: Random,
  create: () => T,
): T[] {
  const counted = records.filter(counts);
  if (counted.length <= target) {
    return [...records, ...Array.from({ length: target - counted.length }, create)];
  }
  const dropped = new Set<T>();
  for (let n = counted.length - target; n > 0; n -= 1) dropped.add(takeRandom(counted, random));
  return records.filter((record) => !dropped.has(record));
}

/** Days from `from` to `to` (0 when the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A uniformly random day of a range. */
export function randomDay(range: DateRange, random: Random): string {
  return addDays(range.from, random.int(0, daysBetween(range.from, range.to)));
}

/** An externalId for a record the nudging adds: `<prefix>-<station>-<YYYYMM>-<n>`, n unused. */
export function addedExternalId(prefix: string, stationCode: string, date: string, n: number) {
  return `${prefix}-${stationCode}-${date.slice(0, 4)}${date.slice(5, 7)}-${n}`;
}
