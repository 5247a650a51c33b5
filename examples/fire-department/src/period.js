import { badInput } from './errors.js';

/**
 * Periods as the platform names them: `YYYY`, `YYYY-H1|H2`, `YYYY-Q1..Q4`, `YYYY-MM`. The
 * baseline (同比) is the same days one year earlier; a period that has not ended counts up to
 * today, and its baseline up to the same day a year earlier.
 */
const PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/;

const pad = (n, width = 2) => String(n).padStart(width, '0');
const daysIn = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year, month, day) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The same day a year earlier; 29 February becomes the 28th. */
function yearEarlier(date) {
  const [year, month, day] = date.split('-').map(Number);
  return iso(year - 1, month, Math.min(day, daysIn(year - 1, month)));
}

function months(part) {
  if (part === undefined) return [1, 12];
  if (part.startsWith('H')) return [Number(part[1]) * 6 - 5, Number(part[1]) * 6];
  if (part.startsWith('Q')) return [Number(part[1]) * 3 - 2, Number(part[1]) * 3];
  const month = Number(part);
  return month >= 1 && month <= 12 ? [month, month] : null;
}

/** Today in Asia/Shanghai, or PLATFORM_TODAY (YYYY-MM-DD) when the operator fixes it. */
export function today() {
  const fixed = process.env.PLATFORM_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** `{ id, from, to, partial, baseline: { id, from, to } }`, or BAD_USER_INPUT. */
export function parsePeriod(id, now = today()) {
  const match = typeof id === 'string' ? PATTERN.exec(id) : null;
  const found = match && Number(match[1]) >= 1000 ? months(match[2]) : null;
  if (!found) {
    throw badInput(
      `period ${JSON.stringify(id)} is not one of YYYY, YYYY-H1|H2, YYYY-Q1..Q4 or YYYY-MM`,
      { field: 'period' },
    );
  }
  const year = Number(match[1]);
  const from = iso(year, found[0], 1);
  const end = iso(year, found[1], daysIn(year, found[1]));
  if (from > now) throw badInput(`period ${id} starts after today (${now})`, { field: 'period' });
  const partial = end > now;
  const to = partial ? now : end;
  const baselineId = match[2] === undefined ? String(year - 1) : `${year - 1}-${match[2]}`;
  return {
    id,
    from,
    to,
    partial,
    baseline: { id: baselineId, from: yearEarlier(from), to: yearEarlier(to), partial },
  };
}

/** Checks a YYYY-MM-DD date that exists. */
export function isDate(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}
