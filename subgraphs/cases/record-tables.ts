import { recordTable } from '../kit/records';
import type { CaseInput, DisputeInput } from './record-inputs';

export const CASE_TABLE = recordTable<CaseInput>('criminal_case', [
  { name: 'category', type: 'text', value: (c) => c.category },
  { name: 'filed_on', type: 'date', value: (c) => c.filedOn },
  { name: 'solved_on', type: 'date', value: (c) => c.solvedOn ?? null },
]);

export const DISPUTE_TABLE = recordTable<DisputeInput>('dispute', [
  { name: 'received_on', type: 'date', value: (d) => d.receivedOn },
  { name: 'channel', type: 'text', value: (d) => d.channel },
  { name: 'outcome', type: 'text', value: (d) => d.outcome },
  { name: 'closed_on', type: 'date', value: (d) => d.closedOn ?? null },
]);
