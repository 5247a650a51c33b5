/**
 * An indicator is a figure a department publishes for the assessment board, under the key
 * `<department name>.<figure>` (e.g. `cases.criminalSolved`), named as the figure is named in
 * that department's statistics. The department declares each one in its folder, with the
 * formula that computes it; the assessors' schemes may score any of them. A new indicator is a
 * new entry in its department's list; no GraphQL schema changes.
 */
export type IndicatorKind = 'COUNT' | 'RATE';

/** An indicator as the assessors see it: what it is, not how it is computed. */
export interface IndicatorDefinition<Department extends string = string> {
  key: string;
  label: string;
  department: Department;
  /** COUNT: a number of records; RATE: a share in [0, 1] of a sample of records. */
  kind: IndicatorKind;
}

/** An indicator as its department declares it: its label, kind and formula over its figures. */
export interface Indicator<Figures> {
  label: string;
  kind: IndicatorKind;
  value: (figures: Figures) => number | null;
  /** For a RATE, the records it is a share of. */
  sample?: (figures: Figures) => number;
}

/** The indicators a department publishes, by figure name (the part of the key after the dot). */
export type Indicators<Figures> = Record<string, Indicator<Figures>>;

export const count = <Figures>(
  label: string,
  value: (figures: Figures) => number,
): Indicator<Figures> => ({ label, kind: 'COUNT', value });

export const share = <Figures>(
  label: string,
  value: (figures: Figures) => number | null,
  sample: (figures: Figures) => number,
): Indicator<Figures> => ({ label, kind: 'RATE', value, sample });

/** The key of a department's indicator, e.g. cases.criminalSolved. */
export const indicatorKey = (department: string, figure: string) => `${department}.${figure}`;

/** A count's share of a total, or null when there is nothing to share (no sample). */
export function rate(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}
