import { count, rate, share, type Indicators } from '../kit/indicators';
import type { SurveyFigures } from './stats';

export const securityRate = (f: SurveyFigures) => rate(f.feltSafe, f.responses);
export const satisfactionRate = (f: SurveyFigures) => rate(f.satisfied, f.responses);

/**
 * The survey firm's and the 12389 desk's indicators for the board (surveys.*), from
 * surveyStats' figures.
 */
export const SURVEY_INDICATORS: Indicators<SurveyFigures> = {
  responses: count('群众满意度调查样本数', (f) => f.responses),
  securityRate: share('群众安全感', securityRate, (f) => f.responses),
  satisfactionRate: share('群众满意度', satisfactionRate, (f) => f.responses),
  validComplaints: count('12389有效投诉数', (f) => f.validComplaints),
  commendations: count('锦旗和表扬信数', (f) => f.commendations),
  banners: count('锦旗数', (f) => f.banners),
  letters: count('表扬信数', (f) => f.letters),
};
