import { count, share, type Indicators } from '../kit/figures/indicators';
import type { SurveyFigures } from './stats';

/**
 * The survey firm's and the 12389 desk's indicators for the board (surveys.*), read from
 * surveyStats' figures.
 */
export const SURVEY_INDICATORS: Indicators<SurveyFigures> = {
  responses: count('群众满意度调查样本数', 'responses'),
  securityRate: share('群众安全感', 'feltSafe', 'responses'),
  satisfactionRate: share('群众满意度', 'satisfied', 'responses'),
  validComplaints: count('12389有效投诉数', 'validComplaints'),
  commendations: count('锦旗和表扬信数', 'commendations'),
  banners: count('锦旗数', 'banners'),
  letters: count('表扬信数', 'letters'),
};

export const securityRate = SURVEY_INDICATORS.securityRate.value;
export const satisfactionRate = SURVEY_INDICATORS.satisfactionRate.value;
