import { rate } from './figures';
import type { IndicatorFormulas } from './federation';

/**
 * How a department reads one indicator from its statistics figures: a figure itself (a count of
 * records, or a sum over them such as deaths), or one figure's share of another (a rate and its
 * sample). Declared as data, not as a function, so that the kit can also list the records
 * behind an indicator: those its figure counted, or those of its sample.
 */
export type IndicatorFigure<F> =
  { figure: keyof F & string } | { share: keyof F & string; of: keyof F & string };

export type IndicatorFigures<F> = Record<string, IndicatorFigure<F>>;

/** The value (and for a rate the sample) of each indicator, computed from the figures. */
export function formulasOf<F>(figures: IndicatorFigures<F>): IndicatorFormulas<F> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, read]) => [
      key,
      'figure' in read
        ? { value: (f: F) => f[read.figure] as number }
        : {
            value: (f: F) => rate(f[read.share] as number, f[read.of] as number),
            sample: (f: F) => f[read.of] as number,
          },
    ]),
  );
}
