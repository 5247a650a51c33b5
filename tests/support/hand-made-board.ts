import type { Platform } from './platform';
import { registerStations, registryStation } from './stations';
import { tokenFor } from './tokens';
import { accident, caseRecord } from './records';

/**
 * Five stations of 越城区 (330602), each loaded through the gateway with its department's token,
 * scored under the default scheme fengqiao-2019@1 for 2019-H1 against 2018-H1:
 *   S1 good on almost everything (a 9.375 that must round to 9.38),
 *   S2 a severe accident (veto), S3 a major accident (deduction),
 *   S4 nothing at all (ZERO_BASELINE, NONE, NO_DATA, INSUFFICIENT_SAMPLE),
 *   S5 nothing but 29 survey answers (a short sample): the same total as S4, so they tie.
 */
export const S1 = '330602600001';
export const S2 = '330602600002';
export const S3 = '330602600003';
export const S4 = '330602600004';
export const S5 = '330602600005';
/** In 嵊州市, outside the board's scope, with records that must not reach it. */
export const ELSEWHERE = '330683600009';

/** `count` answers of one station on one day, all with the same two levels. */
const answers = (
  prefix: string,
  station: string,
  surveyedOn: string,
  count: number,
  security: number,
  satisfaction: number,
) =>
  Array.from({ length: count }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    stationCode: station,
    surveyedOn,
    security,
    satisfaction,
  }));

const RECORDS: { department: string; mutation: string; type: string; input: unknown[] }[] = [
  {
    department: 'cases',
    mutation: 'recordCases',
    type: 'CaseInput',
    input: [
      // S1 2019-H1: 3 solved (1 telecom fraud), 1 property crime filed
      caseRecord('S1-c1', S1, 'OTHER', '2019-01-05', '2019-01-20'),
      caseRecord('S1-c2', S1, 'OTHER', '2019-02-05', '2019-03-01'),
      caseRecord('S1-c3', S1, 'TELECOM_FRAUD', '2019-03-05', '2019-04-01'),
      caseRecord('S1-c4', S1, 'PROPERTY', '2019-03-01', null),
      // S1 2018-H1: 2 solved (1 telecom fraud), 2 property crimes of which 1 two-vehicle theft
      caseRecord('S1-b1', S1, 'OTHER', '2018-01-05', '2018-02-01'),
      caseRecord('S1-b2', S1, 'TELECOM_FRAUD', '2018-02-05', '2018-03-01'),
      caseRecord('S1-b3', S1, 'PROPERTY', '2018-03-01', null),
      caseRecord('S1-b4', S1, 'TWO_VEHICLE_THEFT', '2018-04-01', null),
      // Outside the period (July) and outside the scope: neither counts
      caseRecord('S1-july', S1, 'HOMICIDE', '2019-07-02', null),
      caseRecord('X-c1', ELSEWHERE, 'HOMICIDE', '2019-02-02', null),
    ],
  },
  {
    department: 'cases',
    mutation: 'recordDisputes',
    type: 'DisputeInput',
    input: [
      // S1: 1 of 1 mediated in 2019-H1, 1 of 2 in 2018-H1
      {
        externalId: 'S1-d1',
        stationCode: S1,
        receivedOn: '2019-04-01',
        channel: 'PEOPLE',
        outcome: 'MEDIATED',
        closedOn: '2019-04-02',
      },
      {
        externalId: 'S1-d2',
        stationCode: S1,
        receivedOn: '2018-04-01',
        channel: 'PEOPLE',
        outcome: 'MEDIATED',
        closedOn: '2018-04-02',
      },
      {
        externalId: 'S1-d3',
        stationCode: S1,
        receivedOn: '2018-05-01',
        channel: 'JUDICIAL',
        outcome: 'FAILED',
        closedOn: '2018-05-20',
      },
    ],
  },
  {
    department: 'traffic',
    mutation: 'recordAccidents',
    type: 'AccidentInput',
    input: [
      // S1 2019-H1: 2 accidents, 1 death, 3 injuries; 2018-H1: 2 accidents, 2 deaths, 2 injuries
      accident('S1-a1', S1, '2019-03-10', 1, 1),
      accident('S1-a2', S1, '2019-04-10', 0, 2),
      accident('S1-a3', S1, '2018-03-10', 1, 1),
      accident('S1-a4', S1, '2018-05-10', 1, 1),
      // A severe accident in July: after 2019-H1, so no veto on this board
      accident('S1-a5', S1, '2019-07-10', 12, 0),
      // S2: a severe accident (10 deaths) in the period, none a year before
      accident('S2-a1', S2, '2019-05-01', 10, 0),
      // S3: a major accident (3 deaths) in the period; a year before one with 4 deaths
      accident('S3-a1', S3, '2019-02-01', 3, 2),
      accident('S3-a2', S3, '2018-02-01', 4, 4),
      accident('X-a1', ELSEWHERE, '2019-02-01', 11, 0),
    ],
  },
  {
    department: 'surveys',
    mutation: 'recordSurveyResponses',
    type: 'SurveyResponseInput',
    input: [
      // S1 2019-H1: 40 answers, all 很安全; 38 满意 and 2 不满意 → 安全感 40/40, 满意度 38/40 = 0.95
      ...answers('S1-r', S1, '2019-05-10', 38, 5, 4),
      ...answers('S1-s', S1, '2019-05-11', 2, 5, 2),
      // S1 2018-H1: 36 基本安全 and 4 很不安全, all 基本满意 → 安全感 0.9, 满意度 1
      ...answers('S1-q', S1, '2018-05-10', 36, 3, 3),
      ...answers('S1-p', S1, '2018-05-11', 4, 1, 3),
      // S5 2019-H1: 29 perfect answers, one short of the 30 a rate needs
      ...answers('S5-r', S5, '2019-06-01', 29, 5, 5),
    ],
  },
  {
    department: 'surveys',
    mutation: 'recordComplaints',
    type: 'ComplaintInput',
    input: [
      // S1: 1 valid (and 1 unfounded) in 2019-H1, 2 valid in 2018-H1
      { externalId: 'S1-k1', stationCode: S1, receivedOn: '2019-02-01', valid: true },
      { externalId: 'S1-k2', stationCode: S1, receivedOn: '2019-03-01', valid: false },
      { externalId: 'S1-k3', stationCode: S1, receivedOn: '2018-02-01', valid: true },
      { externalId: 'S1-k4', stationCode: S1, receivedOn: '2018-03-01', valid: true },
    ],
  },
  {
    department: 'surveys',
    mutation: 'recordCommendations',
    type: 'CommendationInput',
    input: [
      // S1: 3 in 2019-H1, 2 in 2018-H1
      { externalId: 'S1-m1', stationCode: S1, receivedOn: '2019-01-15', kind: 'BANNER' },
      { externalId: 'S1-m2', stationCode: S1, receivedOn: '2019-02-15', kind: 'BANNER' },
      { externalId: 'S1-m3', stationCode: S1, receivedOn: '2019-03-15', kind: 'LETTER' },
      { externalId: 'S1-m4', stationCode: S1, receivedOn: '2018-01-15', kind: 'LETTER' },
      { externalId: 'S1-m5', stationCode: S1, receivedOn: '2018-02-15', kind: 'LETTER' },
    ],
  },
];

/**
 * Registers the six stations (five in 越城区 330602, ELSEWHERE in 嵊州市 330683) and loads every
 * record above through the gateway, each department with its own token. Needs PLATFORM_TODAY
 * after 2019-H1 (e.g. 2019-08-15) for the board of 2019-H1 to be whole.
 */
export async function loadHandMadeBoard(platform: Platform): Promise<void> {
  await registerStations(platform, [
    ...[S1, S2, S3, S4, S5].map((code) => registryStation(code, '330602')),
    registryStation(ELSEWHERE, '330683'),
  ]);
  for (const { department, mutation, type, input } of RECORDS) {
    const res = await platform.query(
      `mutation($input: [${type}!]!) { ${mutation}(input: $input) { inserted } }`,
      { token: await tokenFor(`department:${department}`), variables: { input } },
    );
    if (res.errors || res.data?.[mutation]?.inserted !== input.length) {
      throw new Error(`${mutation} failed: ${JSON.stringify(res.errors)}`);
    }
  }
}
