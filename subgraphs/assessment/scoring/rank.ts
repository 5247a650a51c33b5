/** What ordering and ranking look at. */
export interface Rankable {
  stationCode: string;
  /** Already rounded to the cent, so equal totals compare equal. */
  total: number;
  vetoed: boolean;
}

function compare(a: Rankable, b: Rankable): number {
  if (a.vetoed !== b.vetoed) return a.vetoed ? 1 : -1;
  if (a.total !== b.total) return b.total - a.total;
  return a.stationCode < b.stationCode ? -1 : a.stationCode > b.stationCode ? 1 : 0;
}

/**
 * Orders rows (not vetoed first, then total descending, then station code) and gives each its
 * competition rank over (vetoed, total): equal rows share a rank and the next one skips it
 * (1, 2, 2, 4).
 */
export function rankRows<T extends Rankable>(rows: readonly T[]): (T & { rank: number })[] {
  return rankInPlace(rows.map((row) => ({ ...row, rank: 0 })));
}

/**
 * As rankRows, on rows of the caller's own: sorts them and sets their ranks where they are,
 * without a copy of each (a spread copies on V8's slow path).
 */
export function rankInPlace<T extends Rankable & { rank: number }>(rows: T[]): T[] {
  rows.sort(compare);
  let previous: T | undefined;
  rows.forEach((row, index) => {
    if (!previous || previous.vetoed !== row.vetoed || previous.total !== row.total) {
      row.rank = index + 1;
    } else {
      row.rank = previous.rank;
    }
    previous = row;
  });
  return rows;
}
