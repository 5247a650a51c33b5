import { formulasOf, type IndicatorFigures } from '../kit/indicator-figures';
import type { SurveyFigures } from './stats';

/** The survey firm's and the 12389 desk's indicators for the board, from surveyStats' figures. */
export const SURVEY_INDICATORS: IndicatorFigures<SurveyFigures> = {
  'surveys.responses': { figure: 'responses' },
  'surveys.securityRate': { share: 'feltSafe', of: 'responses' },
  'surveys.satisfactionRate': { share: 'satisfied', of: 'responses' },
  'surveys.validComplaints': { figure: 'validComplaints' },
  'surveys.commendations': { figure: 'commendations' },
  'surveys.banners': { figure: 'banners' },
  'surveys.letters': { figure: 'letters' },
};

const formulas = formulasOf(SURVEY_INDICATORS);
export const securityRate = formulas['surveys.securityRate'].value;
export const satisfactionRate = formulas['surveys.satisfactionRate'].value;
