import { must, type Problem } from '../kit/records/batch-checks';
import type { CommendationInput, ComplaintInput, SurveyResponseInput } from './record-inputs';
import { HIGHEST_LEVEL, LOWEST_LEVEL } from './levels';

/** A survey response's own checks, beyond every record's (externalId, stationCode). */
export function responseProblems(r: SurveyResponseInput, today: string): (Problem | null)[] {
  return [
    must.beDay('surveyedOn', r.surveyedOn, today),
    must.beWithin('security', r.security, LOWEST_LEVEL, HIGHEST_LEVEL),
    must.beWithin('satisfaction', r.satisfaction, LOWEST_LEVEL, HIGHEST_LEVEL),
  ];
}

/** A complaint or a commendation: received, so not after today. */
export function receivedProblems(
  r: ComplaintInput | CommendationInput,
  today: string,
): (Problem | null)[] {
  return [must.beDay('receivedOn', r.receivedOn, today)];
}
