import { rate } from '../kit/figures';
import { assertPublishes } from '../kit/federation';
import type { CaseFigures } from './stats';

export const mediationRate = (f: CaseFigures) => rate(f.disputesMediated, f.disputesReceived);

/** The criminal police's indicators for the board, from the same figures as caseStats. */
export const CASE_INDICATORS = assertPublishes<CaseFigures>('CASES', {
  'cases.criminalFiled': { value: (f) => f.criminalFiled },
  'cases.criminalSolved': { value: (f) => f.criminalSolved },
  'cases.telecomFraudFiled': { value: (f) => f.telecomFraudFiled },
  'cases.telecomFraudSolved': { value: (f) => f.telecomFraudSolved },
  'cases.homicides': { value: (f) => f.homicides },
  'cases.propertyCrimes': { value: (f) => f.propertyCrimes },
  'cases.twoVehicleThefts': { value: (f) => f.twoVehicleThefts },
  'cases.disputesReceived': { value: (f) => f.disputesReceived },
  'cases.disputesMediated': { value: (f) => f.disputesMediated },
  'cases.mediationRate': { value: mediationRate, sample: (f) => f.disputesReceived },
});
