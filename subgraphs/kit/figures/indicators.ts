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

/**
 * The figures an indicator reads: one figure (a count of records, or a sum over them such as
 * deaths), or one figure's share of another (a rate and its sample). Data, not a function, so
 * that the kit lists the records behind an indicator by the same rule its figure counted them.
 */
type IndicatorReads<Figures> =
  | { figure: keyof Figures & string }
  | { share: keyof Figures & string; of: keyof Figures & string };

/** An indicator as its department declares it: its label and kind, its figures and formula. */
export interface Indicator<Figures> {
  label: string;
  kind: IndicatorKind;
  reads: IndicatorReads<Figures>;
  value: (figures: Figures) => number | null;
  /** For a RATE, the records it is a share of. */
  sample?: (figures: Figures) => number;
}

/** The indicators a department publishes, by figure name (the part of the key after the dot). */
export type Indicators<Figures> = Record<string, Indicator<Figures>>;

/** A COUNT indicator: the figure itself. */
export const count = <Figures>(
  label: string,
  figure: keyof Figures & string,
): Indicator<Figures> => ({
  label,
  kind: 'COUNT',
  reads: { figure },
  value: (f) => f[figure] as number,
});

/** A RATE indicator: one figure's share of another, its sample; null without a sample. */
export const share = <Figures>(
  label: string,
  part: keyof Figures & string,
  of: keyof Figures & string,
): Indicator<Figures> => ({
  label,
  kind: 'RATE',
  reads: { share: part, of },
  value: (f) => rate(f[part] as number, f[of] as number),
  sample: (f) => f[of] as number,
});

/** The key of a department's indicator, e.g. cases.criminalSolved. */
export const indicatorKey = (department: string, figure: string) => `${department}.${figure}`;

/** A count's share of a total, or null when there is nothing to share (no sample). */
function rate(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}
