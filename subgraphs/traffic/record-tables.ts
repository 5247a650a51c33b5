import { recordTable } from '../kit/records';
import type { AccidentInput } from './record-inputs';

export const ACCIDENT_TABLE = recordTable<AccidentInput>('accident', [
  { name: 'occurred_on', type: 'date', value: (a) => a.occurredOn },
  { name: 'deaths', type: 'integer', value: (a) => a.deaths },
  { name: 'injuries', type: 'integer', value: (a) => a.injuries },
]);
