import { count, share, type Indicators } from '../kit/figures/indicators';
import type { CaseFigures } from './stats';

/** The criminal police's indicators for the board (cases.*), read from caseStats' figures. */
export const CASE_INDICATORS: Indicators<CaseFigures> = {
  criminalFiled: count('刑事案件立案数', 'criminalFiled'),
  criminalSolved: count('刑事案件破案数', 'criminalSolved'),
  telecomFraudFiled: count('电信网络诈骗案件立案数', 'telecomFraudFiled'),
  telecomFraudSolved: count('电信网络诈骗案件破案数', 'telecomFraudSolved'),
  homicides: count('命案发案数', 'homicides'),
  propertyCrimes: count('传统侵财案件发案数', 'propertyCrimes'),
  twoVehicleThefts: count('盗窃两车案件发案数', 'twoVehicleThefts'),
  disputesReceived: count('矛盾纠纷受理数', 'disputesReceived'),
  disputesMediated: count('矛盾纠纷调解成功数', 'disputesMediated'),
  mediationRate: share('矛盾纠纷调解成功率', 'disputesMediated', 'disputesReceived'),
};

export const mediationRate = CASE_INDICATORS.mediationRate.value;
