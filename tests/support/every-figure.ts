import type { Platform } from './platform';
import { tokenFor } from './tokens';

/** A batch of one kind of record, as its department's mutation takes it. */
export interface RecordLoad {
  department: string;
  mutation: string;
  type: string;
  input: unknown[];
}

/** One record of each kind for `station`, as the departments' mutations take them. */
export function recordsOf(station: string) {
  const kase = (id: string, category: string, filedOn: string, solvedOn: string | null = null) => ({
    externalId: id,
    stationCode: station,
    category,
    filedOn,
    solvedOn,
  });
  const dispute = (id: string, receivedOn: string, outcome: string) => ({
    externalId: id,
    stationCode: station,
    receivedOn,
    channel: 'PEOPLE',
    outcome,
    closedOn: outcome === 'PENDING' ? null : receivedOn,
  });
  const accident = (id: string, occurredOn: string, deaths: number, injuries: number) => ({
    externalId: id,
    stationCode: station,
    occurredOn,
    deaths,
    injuries,
  });
  const response = (id: string, surveyedOn: string, security: number, satisfaction: number) => ({
    externalId: id,
    stationCode: station,
    surveyedOn,
    security,
    satisfaction,
  });

  return { kase, dispute, accident, response };
}

/**
 * For `station`: every figure of every department non-zero in both halves, with records on the halves'
 * edges, records a figure must leave out (a case solved in another half than it was filed, an
 * unfounded complaint, an accident without deaths) and records of the neighbouring station beside them.
 */
export function everyFigureLoads(station: string, neighbour: string): RecordLoad[] {
  const { kase, dispute, accident, response } = recordsOf(station);
  return [
    {
      department: 'cases',
      mutation: 'recordCases',
      type: 'CaseInput',
      input: [
        kase('C1', 'OTHER', '2019-01-01', '2019-02-01'),
        kase('C2', 'TELECOM_FRAUD', '2019-02-10', '2019-06-30'),
        kase('C3', 'HOMICIDE', '2019-03-03'),
        kase('C4', 'PROPERTY', '2019-04-04', '2019-07-01'),
        kase('C5', 'TWO_VEHICLE_THEFT', '2019-06-30'),
        kase('C6', 'TELECOM_FRAUD', '2018-12-20', '2019-01-05'),
        kase('B1', 'OTHER', '2018-01-01', '2018-01-02'),
        kase('B2', 'TELECOM_FRAUD', '2018-03-01', '2018-03-05'),
        kase('B3', 'HOMICIDE', '2018-06-30'),
        kase('B4', 'TWO_VEHICLE_THEFT', '2018-05-05', '2018-06-01'),
        kase('B5', 'PROPERTY', '2018-02-02'),
        { ...kase('N1', 'OTHER', '2019-03-03', '2019-03-04'), stationCode: neighbour },
      ],
    },
    {
      department: 'cases',
      mutation: 'recordDisputes',
      type: 'DisputeInput',
      input: [
        dispute('D1', '2019-01-10', 'MEDIATED'),
        dispute('D2', '2019-02-10', 'MEDIATED'),
        dispute('D3', '2019-03-10', 'FAILED'),
        dispute('D4', '2019-06-30', 'PENDING'),
        dispute('E1', '2018-01-10', 'MEDIATED'),
        dispute('E2', '2018-04-10', 'REFERRED'),
      ],
    },
    {
      department: 'traffic',
      mutation: 'recordAccidents',
      type: 'AccidentInput',
      input: [
        accident('A1', '2019-01-01', 0, 2),
        accident('A2', '2019-02-02', 1, 1),
        accident('A3', '2019-03-03', 3, 4),
        accident('A4', '2019-06-30', 10, 0),
        accident('A5', '2019-07-01', 4, 0),
        accident('R1', '2018-01-01', 0, 1),
        accident('R2', '2018-03-03', 2, 0),
        accident('R3', '2018-04-04', 9, 3),
        accident('R4', '2018-06-30', 12, 7),
      ],
    },
    {
      department: 'surveys',
      mutation: 'recordSurveyResponses',
      type: 'SurveyResponseInput',
      input: [
        response('V1', '2019-01-15', 5, 5),
        response('V2', '2019-02-15', 3, 2),
        response('V3', '2019-03-15', 2, 4),
        response('V4', '2019-06-30', 1, 1),
        response('W1', '2018-01-15', 4, 4),
        response('W2', '2018-05-15', 2, 3),
      ],
    },
    {
      department: 'surveys',
      mutation: 'recordComplaints',
      type: 'ComplaintInput',
      input: [
        { externalId: 'K1', stationCode: station, receivedOn: '2019-02-01', valid: true },
        { externalId: 'K2', stationCode: station, receivedOn: '2019-03-01', valid: false },
        { externalId: 'K3', stationCode: station, receivedOn: '2019-05-01', valid: true },
        { externalId: 'L1', stationCode: station, receivedOn: '2018-02-01', valid: true },
      ],
    },
    {
      department: 'surveys',
      mutation: 'recordCommendations',
      type: 'CommendationInput',
      input: [
        { externalId: 'M1', stationCode: station, receivedOn: '2019-01-15', kind: 'BANNER' },
        { externalId: 'M2', stationCode: station, receivedOn: '2019-02-15', kind: 'LETTER' },
        { externalId: 'M3', stationCode: station, receivedOn: '2019-03-15', kind: 'BANNER' },
        { externalId: 'P1', stationCode: station, receivedOn: '2018-01-15', kind: 'LETTER' },
        { externalId: 'P2', stationCode: station, receivedOn: '2018-03-15', kind: 'BANNER' },
      ],
    },
  ];
}

/** Sends each batch through the gateway with its department's token; fails unless all are new. */
export async function loadRecords(
  platform: Pick<Platform, 'query'>,
  loads: readonly RecordLoad[],
): Promise<void> {
  for (const { department, mutation, type, input } of loads) {
    const res = await platform.query(
      `mutation($input: [${type}!]!) { ${mutation}(input: $input) { inserted } }`,
      { token: await tokenFor(`department:${department}`), variables: { input } },
    );
    if (res.errors) throw new Error(`${mutation} refused: ${res.errors[0]?.message}`);
    const { inserted } = (res.data as Record<string, { inserted: number }>)[mutation] ?? {};
    if (inserted !== input.length)
      throw new Error(`${mutation} inserted ${inserted} of ${input.length}`);
  }
}

/** An indicator of the catalog, as a scheme names it. */
export interface SchemeIndicator {
  key: string;
  department: string;
  kind: 'COUNT' | 'RATE';
}

/**
 * Publishes a scheme scoring every indicator given (weights summing to 100), so that a board
 * shows every value; returns its id.
 */
export async function publishEveryKeyScheme(
  platform: Pick<Platform, 'query'>,
  catalog: readonly SchemeIndicator[],
): Promise<string> {
  const cents = Math.floor(10000 / catalog.length);
  const indicators = catalog.map((i, n) => ({
    key: i.key,
    department: i.department,
    weight: (n === 0 ? 10000 - cents * (catalog.length - 1) : cents) / 100,
    ...(i.kind === 'RATE'
      ? {
          method: 'RATE',
          direction: 'HIGHER',
          fullAt: 0.98,
          zeroAt: 0.9,
          minSample: 1,
          whenShort: 'ZERO',
        }
      : { method: 'YOY', direction: 'HIGHER', fullAt: 0.1, zeroAt: -0.2 }),
  }));
  const res = await platform.query(
    `mutation($input: AssessmentSchemeInput!) { publishAssessmentScheme(input: $input) { id } }`,
    {
      token: await tokenFor('assessor'),
      variables: { input: { name: 'every-key', title: '全部指标（测试）', indicators } },
    },
  );
  if (res.errors) throw new Error(`publishing every key refused: ${res.errors[0]?.message}`);
  return (res.data as { publishAssessmentScheme: { id: string } }).publishAssessmentScheme.id;
}
