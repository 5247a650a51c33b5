import { must, type Problem } from '../kit/records/batch-checks';
import type { AccidentInput } from './record-inputs';

/**
 * The most deaths, and the most injuries, one accident may record: ten times the toll of
 * China's deadliest road accidents (tens of deaths, a few hundred injured in the worst
 * pile-ups), so no real accident is refused and a slip such as 2147483647 is.
 */
export const MAX_CASUALTIES = 1000;

/** An accident's own checks, beyond every record's (externalId, stationCode). */
export function accidentProblems(a: AccidentInput, today: string): (Problem | null)[] {
  return [
    must.beDay('occurredOn', a.occurredOn, today),
    must.beWithin('deaths', a.deaths, 0, MAX_CASUALTIES),
    must.beWithin('injuries', a.injuries, 0, MAX_CASUALTIES),
  ];
}
