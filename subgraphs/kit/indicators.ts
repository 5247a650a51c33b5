/**
 * The indicators each department publishes for the assessment board: the contract between the
 * departments, which compute the values, and the assessors, whose schemes may score any of
 * them. A key is `<subgraph>.<figure>`, named as the figure is named in that department's
 * statistics. A new indicator is a new entry here plus its value in the department; no
 * GraphQL schema changes.
 */
export type Department = 'CASES' | 'TRAFFIC' | 'SURVEYS';

export interface IndicatorDefinition {
  key: string;
  label: string;
  department: Department;
  /** COUNT: a number of records; RATE: a share in [0, 1] of a sample of records. */
  kind: 'COUNT' | 'RATE';
}

const count = (department: Department, key: string, label: string): IndicatorDefinition => ({
  key,
  label,
  department,
  kind: 'COUNT',
});
const share = (department: Department, key: string, label: string): IndicatorDefinition => ({
  key,
  label,
  department,
  kind: 'RATE',
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  count('CASES', 'cases.criminalFiled', '刑事案件立案数'),
  count('CASES', 'cases.criminalSolved', '刑事案件破案数'),
  count('CASES', 'cases.telecomFraudFiled', '电信网络诈骗案件立案数'),
  count('CASES', 'cases.telecomFraudSolved', '电信网络诈骗案件破案数'),
  count('CASES', 'cases.homicides', '命案发案数'),
  count('CASES', 'cases.propertyCrimes', '传统侵财案件发案数'),
  count('CASES', 'cases.twoVehicleThefts', '盗窃两车案件发案数'),
  count('CASES', 'cases.disputesReceived', '矛盾纠纷受理数'),
  count('CASES', 'cases.disputesMediated', '矛盾纠纷调解成功数'),
  share('CASES', 'cases.mediationRate', '矛盾纠纷调解成功率'),
  count('TRAFFIC', 'traffic.accidents', '道路交通事故起数'),
  count('TRAFFIC', 'traffic.deaths', '道路交通事故死亡人数'),
  count('TRAFFIC', 'traffic.injuries', '道路交通事故受伤人数'),
  count('TRAFFIC', 'traffic.majorAccidents', '较大道路交通事故数'),
  count('TRAFFIC', 'traffic.severeAccidents', '重大道路交通事故数'),
  count('SURVEYS', 'surveys.responses', '群众满意度调查样本数'),
  share('SURVEYS', 'surveys.securityRate', '群众安全感'),
  share('SURVEYS', 'surveys.satisfactionRate', '群众满意度'),
  count('SURVEYS', 'surveys.validComplaints', '12389有效投诉数'),
  count('SURVEYS', 'surveys.commendations', '锦旗和表扬信数'),
  count('SURVEYS', 'surveys.banners', '锦旗数'),
  count('SURVEYS', 'surveys.letters', '表扬信数'),
];

export function indicatorsOf(department: Department): readonly IndicatorDefinition[] {
  return INDICATORS.filter((i) => i.department === department);
}

const BY_KEY = new Map(INDICATORS.map((i) => [i.key, i]));

/** The published indicator of that key, or undefined when no department publishes it. */
export function indicatorByKey(key: string): IndicatorDefinition | undefined {
  return BY_KEY.get(key);
}
