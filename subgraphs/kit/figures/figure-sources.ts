/**
 * What a department declares about its figures: which table each is counted from, by which
 * date, and how (a count or a sum, under a condition). The statistics (figures-query.ts), the
 * rollup (rollup.ts) and the record listings (records/record-listing.ts) are all generated from
 * this one declaration, so they cannot disagree about what a figure counts.
 */

/**
 * How one figure is made from a source's rows: the rows meeting `where` (all of them without
 * it), counted, or `sum` of a column over them. The statistics aggregate it and the record
 * listings filter by it (records/record-listing.ts), so the records behind a figure are always those it counted.
 */
export interface Measure {
  /** A SQL condition on the source's row `r`'s columns, e.g. `category = 'HOMICIDE'`. */
  where?: string;
  /** The integer column summed instead of counting rows, e.g. `deaths`. */
  sum?: string;
}

/** A figure that counts the rows meeting `where` (every row without it). */
export const countOf = (where?: string): Measure => (where ? { where } : {});

/** A figure that sums a column over the rows meeting `where`. */
export const sumOf = (column: string, where?: string): Measure =>
  where ? { sum: column, where } : { sum: column };

/**
 * One table's part of a department's statistics: its rows placed in ranges by one business
 * date, and the figures aggregated over a station's rows in a range. Withdrawn rows never count.
 */
export interface FiguresSource<Figure extends string> {
  table: string;
  /** The business date that puts a row in a range, e.g. `filed_on`. */
  dateColumn: string;
  /** Only rows meeting this SQL condition count, e.g. `valid`, so a partial index serves it. */
  where?: string;
  /** How each figure is made from those rows. */
  figures: Partial<Record<Figure, Measure>>;
}

/** Rows that count: a withdrawn record is kept but stops counting everywhere. */
export const NOT_WITHDRAWN = 'withdrawn_at IS NULL';

/** Where a figure comes from: its source and its measure. */
export interface FigureOrigin {
  source: FiguresSource<string>;
  measure: Measure;
}

/** The source and measure of every figure of a department, by figure name. */
export function figureOrigins(
  sources: readonly FiguresSource<string>[],
): ReadonlyMap<string, FigureOrigin> {
  const origins = new Map<string, FigureOrigin>();
  for (const source of sources) {
    for (const [name, measure] of Object.entries<Measure | undefined>(source.figures)) {
      // Two sources of one figure would leave the statement ambiguous about which one counts.
      if (origins.has(name)) throw new Error(`figure ${name} comes from more than one source`);
      if (measure) origins.set(name, { source, measure });
    }
  }
  return origins;
}

/**
 * A department's figures with nothing counted: every figure its sources make, at 0. The
 * statement returns these same figures, so a station or range without records has the shape
 * of one with records; a figure no source makes cannot be counted, and an indicator reading
 * one stops the department at start-up (records/record-listing.ts).
 */
export function zeroFigures<Figures>(
  sources: readonly FiguresSource<keyof Figures & string>[],
): () => Figures {
  const names = [...figureOrigins(sources).keys()];
  return () => Object.fromEntries(names.map((name) => [name, 0])) as Figures;
}
