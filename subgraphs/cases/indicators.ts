import { formulasOf, type IndicatorFigures } from '../kit/indicator-figures';
import type { CaseFigures } from './stats';

/** The criminal police's indicators for the board, read from the same figures as caseStats. */
export const CASE_INDICATORS: IndicatorFigures<CaseFigures> = {
  'cases.criminalFiled': { figure: 'criminalFiled' },
  'cases.criminalSolved': { figure: 'criminalSolved' },
  'cases.telecomFraudFiled': { figure: 'telecomFraudFiled' },
  'cases.telecomFraudSolved': { figure: 'telecomFraudSolved' },
  'cases.homicides': { figure: 'homicides' },
  'cases.propertyCrimes': { figure: 'propertyCrimes' },
  'cases.twoVehicleThefts': { figure: 'twoVehicleThefts' },
  'cases.disputesReceived': { figure: 'disputesReceived' },
  'cases.disputesMediated': { figure: 'disputesMediated' },
  'cases.mediationRate': { share: 'disputesMediated', of: 'disputesReceived' },
};

const formulas = formulasOf(CASE_INDICATORS);
export const mediationRate = formulas['cases.mediationRate'].value;
