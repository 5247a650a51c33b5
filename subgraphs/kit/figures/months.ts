import { daysInMonth, isoDate } from './dates';
import type { DateRange } from './period';

/**
 * A date range as the rollup reads it: the whole calendar months inside it (`months`, from the
 * first of the first month to the first of the last, or null when it holds none) and the days
 * left at either end, which only the records can count.
 */
export interface MonthSplit {
  months: DateRange | null;
  days: DateRange[];
}

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

function dayBefore(date: string): string {
  const [y, m, d] = parts(date);
  if (d > 1) return isoDate(y, m, d - 1);
  return m > 1 ? isoDate(y, m - 1, daysInMonth(y, m - 1)) : isoDate(y - 1, 12, 31);
}

/**
 * Splits an inclusive range into its whole months and the partial days around them: a period's
 * range starts on the first of a month, so at most its last month is partial (up to today).
 */
export function splitByMonths(range: DateRange): MonthSplit {
  const [fy, fm, fd] = parts(range.from);
  const [ty, tm, td] = parts(range.to);
  const toMonth = isoDate(ty, tm, 1);
  // The whole months run from the first of `from`'s month (or the next one, when `from` is not
  // a first) to the end of `to`'s month (or the one before, when `to` is not a last day).
  const first = fd === 1 ? range.from : fm === 12 ? isoDate(fy + 1, 1, 1) : isoDate(fy, fm + 1, 1);
  const lastDay = td === daysInMonth(ty, tm) ? range.to : dayBefore(toMonth);
  if (first > lastDay) return { months: null, days: [range] };
  const days: DateRange[] = [];
  if (range.from < first) days.push({ from: range.from, to: dayBefore(first) });
  if (lastDay < range.to) days.push({ from: toMonth, to: range.to });
  const [ly, lm] = parts(lastDay);
  return { months: { from: first, to: isoDate(ly, lm, 1) }, days };
}
