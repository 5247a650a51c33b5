import { daysInMonth, isoDate, yearEarlier } from './dates';
import { badUserInput, show } from '../../platform/errors';

/**
 * An assessment period: `YYYY` (year), `YYYY-H1|H2` (half), `YYYY-Q1..Q4` (quarter) or
 * `YYYY-MM` (month). Its baseline (同比) is the same period one year earlier. A period that
 * has not ended is partial: its figures run from its start to today and its baseline's to
 * the same day a year earlier, so the two compare like for like.
 */
export type PeriodKind = 'YEAR' | 'HALF' | 'QUARTER' | 'MONTH';

/** Inclusive calendar-day range, both ends YYYY-MM-DD. */
export interface DateRange {
  from: string;
  to: string;
}

export interface PeriodWindow {
  id: string;
  /** The days whose records count: the whole period, or up to today when partial. */
  range: DateRange;
  partial: boolean;
}

export interface Period extends PeriodWindow {
  kind: PeriodKind;
  baseline: PeriodWindow;
}

const PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/;

function bounds(part: string | undefined): [PeriodKind, number, number] | null {
  if (part === undefined) return ['YEAR', 1, 12];
  if (part.startsWith('H')) {
    const h = Number(part.slice(1));
    return ['HALF', h * 6 - 5, h * 6];
  }
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return ['QUARTER', q * 3 - 2, q * 3];
  }
  const month = Number(part);
  return month >= 1 && month <= 12 ? ['MONTH', month, month] : null;
}

function formatId(year: number, part: string | undefined): string {
  return part === undefined ? String(year) : `${year}-${part}`;
}

export function parsePeriod(id: string, today: string): Period {
  const match = PATTERN.exec(id);
  const year = match ? Number(match[1]) : NaN;
  const part = match?.[2];
  const found = match && year >= 1000 ? bounds(part) : null;
  if (!found) {
    throw badUserInput(
      `period ${show(id)} is not one of YYYY, YYYY-H1|H2, YYYY-Q1..Q4 or YYYY-MM`,
      { field: 'period', value: id },
    );
  }
  const [kind, firstMonth, lastMonth] = found;
  const start = isoDate(year, firstMonth, 1);
  const end = isoDate(year, lastMonth, daysInMonth(year, lastMonth));
  if (start > today) {
    throw badUserInput(`period ${show(id)} starts after today (${today})`, {
      field: 'period',
      value: id,
    });
  }
  const partial = end > today;
  const to = partial ? today : end;
  return {
    id,
    kind,
    range: { from: start, to },
    partial,
    baseline: {
      id: formatId(year - 1, part),
      range: { from: yearEarlier(start), to: yearEarlier(to) },
      partial,
    },
  };
}
