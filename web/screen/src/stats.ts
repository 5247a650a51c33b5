/** The summary band's figures, from a board's rows. */
import { GRADES } from './format';
import type { BoardRow, Grade } from './types';

export interface GroupMean {
  code: string;
  stations: number;
  mean: number;
}

export interface Summary {
  stations: number;
  byGrade: Record<Grade, number>;
  vetoed: number;
  mean: number;
  median: number;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle total, or the mean of the two middle ones for an even count; 0 for none. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function summarize(rows: readonly BoardRow[]): Summary {
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const row of rows) byGrade[row.grade] += 1;
  const totals = rows.map((r) => r.total);
  return {
    stations: rows.length,
    byGrade,
    vetoed: rows.filter((r) => r.vetoed).length,
    mean: mean(totals),
    median: median(totals),
  };
}

/** A county's city: the first four digits of its GB/T 2260 code, then 00. */
export function cityOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 4)}00`;
}

/**
 * Mean totals per group (county, or city on a province board), in code order: what the summary's
 * bar chart draws.
 */
export function meansBy(
  rows: readonly BoardRow[],
  groupOf: (row: BoardRow) => string,
): GroupMean[] {
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const code = groupOf(row);
    const totals = groups.get(code) ?? [];
    totals.push(row.total);
    groups.set(code, totals);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, totals]) => ({ code, stations: totals.length, mean: mean(totals) }));
}

interface CountyLine extends Summary {
  code: string;
  rank: number;
}

/** The counties of a board's rows, best mean first, with competition ranks. */
export function countyRanking(rows: readonly BoardRow[]): CountyLine[] {
  const groups = new Map<string, BoardRow[]>();
  for (const row of rows)
    groups.set(row.divisionCode, [...(groups.get(row.divisionCode) ?? []), row]);
  const lines = [...groups].map(([code, own]) => ({ code, rank: 0, ...summarize(own) }));
  // Means to the cent, as shown: counties that read alike rank alike.
  const cents = (line: CountyLine) => Math.round(line.mean * 100);
  lines.sort((a, b) => cents(b) - cents(a) || a.code.localeCompare(b.code));
  for (const line of lines) line.rank = 1 + lines.filter((o) => cents(o) > cents(line)).length;
  return lines;
}
