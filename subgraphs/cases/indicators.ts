import { count, rate, share, type Indicators } from '../kit/indicators';
import type { CaseFigures } from './stats';

export const mediationRate = (f: CaseFigures) => rate(f.disputesMediated, f.disputesReceived);

/** The criminal police's indicators for the board (cases.*), from the same figures as caseStats. */
export const CASE_INDICATORS: Indicators<CaseFigures> = {
  criminalFiled: count('刑事案件立案数', (f) => f.criminalFiled),
  criminalSolved: count('刑事案件破案数', (f) => f.criminalSolved),
  telecomFraudFiled: count('电信网络诈骗案件立案数', (f) => f.telecomFraudFiled),
  telecomFraudSolved: count('电信网络诈骗案件破案数', (f) => f.telecomFraudSolved),
  homicides: count('命案发案数', (f) => f.homicides),
  propertyCrimes: count('传统侵财案件发案数', (f) => f.propertyCrimes),
  twoVehicleThefts: count('盗窃两车案件发案数', (f) => f.twoVehicleThefts),
  disputesReceived: count('矛盾纠纷受理数', (f) => f.disputesReceived),
  disputesMediated: count('矛盾纠纷调解成功数', (f) => f.disputesMediated),
  mediationRate: share('矛盾纠纷调解成功率', mediationRate, (f) => f.disputesReceived),
};
