import { recordTable } from '../kit/records';
import type { CommendationInput, ComplaintInput, SurveyResponseInput } from './record-inputs';

export const SURVEY_RESPONSE_TABLE = recordTable<SurveyResponseInput>('survey_response', [
  { name: 'surveyed_on', type: 'date', value: (r) => r.surveyedOn },
  { name: 'security', type: 'smallint', value: (r) => r.security },
  { name: 'satisfaction', type: 'smallint', value: (r) => r.satisfaction },
]);

export const COMPLAINT_TABLE = recordTable<ComplaintInput>('complaint', [
  { name: 'received_on', type: 'date', value: (c) => c.receivedOn },
  { name: 'valid', type: 'boolean', value: (c) => c.valid },
]);

export const COMMENDATION_TABLE = recordTable<CommendationInput>('commendation', [
  { name: 'received_on', type: 'date', value: (c) => c.receivedOn },
  { name: 'kind', type: 'text', value: (c) => c.kind },
]);
