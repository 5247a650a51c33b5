import type { DateRange } from '../subgraphs/kit/figures/period';

/**
 * The seed article's report: 绍兴, the first half of 2019 against the first half of 2018. The
 * demo city's records are generated at random and then nudged, a few records at a time, until
 * `division(code: "330600")` for 2019-H1 tells these figures at the article's precision.
 */
export const ARTICLE_CITY = '330600';

/** The article's half-year and its baseline (同比). */
export const ARTICLE_HALF: DateRange = { from: '2019-01-01', to: '2019-06-30' };
export const BASELINE_HALF: DateRange = { from: '2018-01-01', to: '2018-06-30' };
/** Both, in the order of the [baseline, article] pairs nearestChange answers. */
export const HALVES = [BASELINE_HALF, ARTICLE_HALF] as const;

/** A published change (同比): `percent` rounded to `decimals` places, e.g. +118% or −39.4%. */
export interface ArticleChange {
  percent: number;
  decimals: number;
}

/** A published rate of the article's half: `percent` rounded to `decimals` places. */
export type ArticleRate = ArticleChange;

export const ARTICLE_CHANGES = {
  criminalSolved: { percent: 118, decimals: 0 },
  telecomFraudSolved: { percent: 102.3, decimals: 1 },
  deaths: { percent: -39.4, decimals: 1 },
  homicides: { percent: -16.7, decimals: 1 },
  propertyCrimes: { percent: -13, decimals: 0 },
  twoVehicleThefts: { percent: -23.3, decimals: 1 },
  commendations: { percent: 38, decimals: 0 },
  validComplaints: { percent: -31.4, decimals: 1 },
} as const satisfies Record<string, ArticleChange>;

export const ARTICLE_RATES = {
  securityRate: { percent: 99.21, decimals: 2 },
  satisfactionRate: { percent: 98.66, decimals: 2 },
  mediationRate: { percent: 98.65, decimals: 2 },
} as const satisfies Record<string, ArticleRate>;

/** 平安类社会组织: the city's stations count 98 of them. */
export const ARTICLE_SOCIAL_ORGANIZATIONS = 98;

/**
 * `value` in units of the last published place (e.g. tenths of a percent), if it shows as a
 * whole number of them unambiguously: a value within 0.05 units of a rounding tie is refused,
 * so every reader's rounding agrees with the article.
 */
function units(percent: number, decimals: number): number | null {
  const scaled = percent * 10 ** decimals;
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 0.45 ? rounded : null;
}

/** Whether a change from `baseline` to `current` shows as the article's. */
export function showsChange(baseline: number, current: number, target: ArticleChange): boolean {
  if (baseline <= 0) return false;
  const shown = units(((current - baseline) / baseline) * 100, target.decimals);
  return shown === Math.round(target.percent * 10 ** target.decimals);
}

/** Whether `part` of `total` shows as the article's rate. */
export function showsRate(part: number, total: number, target: ArticleRate): boolean {
  if (total <= 0) return false;
  return (
    units((part / total) * 100, target.decimals) ===
    Math.round(target.percent * 10 ** target.decimals)
  );
}

/**
 * The (baseline, current) pair nearest the one drawn at random whose change shows as the
 * article's: the fewest records to nudge.
 */
export function nearestChange(
  baseline: number,
  current: number,
  target: ArticleChange,
): [number, number] {
  for (let distance = 0; distance <= baseline + current + 100; distance += 1) {
    for (let db = -distance; db <= distance; db += 1) {
      for (const dc of new Set([distance - Math.abs(db), Math.abs(db) - distance])) {
        if (showsChange(baseline + db, current + dc, target)) return [baseline + db, current + dc];
      }
    }
  }
  throw new Error(`no counts near ${baseline} → ${current} show ${target.percent}%`);
}

/** The count of the part nearest `part` that shows as the article's rate of `total`, if any. */
export function nearestPart(part: number, total: number, target: ArticleRate): number | null {
  for (let distance = 0; distance <= total; distance += 1) {
    for (const candidate of [part - distance, part + distance]) {
      if (candidate >= 0 && candidate <= total && showsRate(candidate, total, target)) {
        return candidate;
      }
    }
  }
  return null;
}

/** Whether a date lies within a range (both ends included). */
export function within(date: string, range: DateRange): boolean {
  return date >= range.from && date <= range.to;
}
