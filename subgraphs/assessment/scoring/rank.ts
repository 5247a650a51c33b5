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
  const sorted = [...rows].sort(compare);
  let rank = 0;
  return sorted.map((row, index) => {
    const previous = sorted[index - 1];
    if (!previous || previous.vetoed !== row.vetoed || previous.total !== row.total) {
      rank = index + 1;
    }
    return { ...row, rank };
  });
}
