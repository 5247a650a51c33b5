import { must, type Problem } from '../kit/batch';
import type { AccidentInput } from './record-inputs';

/** An accident's own checks, beyond every record's (externalId, stationCode). */
export function accidentProblems(a: AccidentInput, today: string): (Problem | null)[] {
  return [
    must.notBeAfter('occurredOn', a.occurredOn, today),
    must.beWithin('deaths', a.deaths, 0),
    must.beWithin('injuries', a.injuries, 0),
  ];
}
