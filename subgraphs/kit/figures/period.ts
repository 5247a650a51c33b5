import { daysInMonth, isoDate, yearEarlier } from './dates';
import { badUserInput, show } from '../../../platform/errors';

/**
 * An assessment period: `YYYY` (year), `YYYY-H1|H2` (half), `YYYY-Q1..Q4` (quarter) or
 * `YYYY-MM` (month). Its baseline (同比) is the same period one year earlier. A period that
 * has not ended is partial: its figures run from its start to today and its baseline's to
 * the same day a year earlier, so the two compare like for like.
 */
type PeriodKind = 'YEAR' | 'HALF' | 'QUARTER' | 'MONTH';

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

/**
 * The period just before one of the same kind (比学赶超 compares a board with the last one):
 * 2019-Q2 → 2019-Q1, 2019-H1 → 2018-H2, 2019-05 → 2019-04, 2019 → 2018. `id` is a valid period.
 */
export function previousPeriod(id: string): string {
  const match = PATTERN.exec(id);
  if (!match) throw new Error(`previousPeriod of ${id}, which is not a period`);
  const year = Number(match[1]);
  const part = match[2];
  if (part === undefined) return String(year - 1);
  const letter = /^[HQ]/.test(part) ? part.slice(0, 1) : '';
  const n = Number(letter ? part.slice(1) : part);
  if (n > 1) return `${year}-${letter}${String(n - 1).padStart(letter ? 1 : 2, '0')}`;
  const last = letter === 'H' ? 2 : letter === 'Q' ? 4 : 12;
  return `${year - 1}-${letter}${String(last).padStart(letter ? 1 : 2, '0')}`;
}
