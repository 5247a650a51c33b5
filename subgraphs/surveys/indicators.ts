import { assertPublishes } from '../kit/federation';
import { rate } from '../kit/figures';
import type { SurveyFigures } from './stats';

export const securityRate = (f: SurveyFigures) => rate(f.feltSafe, f.responses);
export const satisfactionRate = (f: SurveyFigures) => rate(f.satisfied, f.responses);

/** The survey firm's and the 12389 desk's indicators for the board, from surveyStats' figures. */
export const SURVEY_INDICATORS = assertPublishes<SurveyFigures>('SURVEYS', {
  'surveys.responses': { value: (f) => f.responses },
  'surveys.securityRate': { value: securityRate, sample: (f) => f.responses },
  'surveys.satisfactionRate': { value: satisfactionRate, sample: (f) => f.responses },
  'surveys.validComplaints': { value: (f) => f.validComplaints },
  'surveys.commendations': { value: (f) => f.commendations },
  'surveys.banners': { value: (f) => f.banners },
  'surveys.letters': { value: (f) => f.letters },
});
