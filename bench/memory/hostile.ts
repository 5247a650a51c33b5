import { listedOperation } from '../../platform/operations';
import type { ProcessPlatform } from '../process-platform';
import type { Probe } from './probe';
import { registerTestStations } from './test-stations';

/**
 * The hostile shapes of the second hardening pass, for the memory run: what the limits on an
 * operation cannot see. Representations full of stations, a record's history after many
 * re-sends (listed, and aliased straight to the department), and a county crowded far past
 * the stations the estimates assume (which the registry now refuses). Each is prepared here, then sent like any probe.
 */
const PERIOD = '2019';
const STATION = '330681500001';
const RESENT_CASES = 1000;
const ALIASES = 20;

async function send(
  platform: ProcessPlatform,
  role: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<string | null> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await platform.token([role])}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const { errors } = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return errors ? (errors[0]?.extensions?.code ?? 'error') : null;
}

/**
 * Sends the same 1,000 cases of one station `times` times, each time solved or not in turn,
 * so every case's history grows by one change a re-send. Returns the re-sends refused.
 */
export async function resendCases(platform: ProcessPlatform, times: number): Promise<number> {
  let refused = 0;
  for (let round = 0; round < times; round += 1) {
    const input = Array.from({ length: RESENT_CASES }, (_, i) => ({
      externalId: `MEMORY-C-${i}`,
      stationCode: STATION,
      category: 'PROPERTY',
      filedOn: '2019-05-01',
      solvedOn: round % 2 === 0 ? '2019-06-01' : null,
    }));
    const code = await send(platform, 'department:cases', listedOperation('LoadCases'), { input });
    if (code) refused += 1;
  }
  return refused;
}

/** Registers `count` more stations in 新昌县, 1,000 a batch; returns the batches refused. */
export function crowdACounty(platform: ProcessPlatform, count: number): Promise<number> {
  return registerTestStations(platform, { count, firstNumber: 700000, purpose: '拥挤测试' });
}

/** The fragments of a listed operation, to select with elsewhere. */
function fragmentsOf(operation: string): string {
  const text = listedOperation(operation);
  return text.slice(text.indexOf('fragment '));
}

/** A station's records with their history, `ALIASES` times: what the listing lets one ask. */
function aliasedHistory(): string {
  const listings = Array.from(
    { length: ALIASES },
    (_, i) =>
      `r${i}: caseRecords(period: "${PERIOD}", first: 1000) { edges { node { ...CaseRecordFields } } }`,
  );
  return (
    'query AliasedHistory($representations: [_Any!]!) { _entities(representations: $representations) ' +
    `{ ... on Station { ${listings.join(' ')} } } } ${fragmentsOf('CaseIndicatorRecords')}`
  );
}

/** A division's figures summed over `stations` station codes, `ALIASES` times. */
export function crowdedDivision(stations: number): Probe {
  const codes = Array.from({ length: stations }, (_, i) => ({
    code: `3306${String(i).padStart(8, '0')}`,
  }));
  const sums = Array.from(
    { length: ALIASES },
    (_, i) => `s${i}: caseStats(period: "${PERIOD}-Q${(i % 4) + 1}") { criminalFiled }`,
  );
  return {
    name: `a Division of ${stations.toLocaleString('en')} stations, ${ALIASES} aliases, straight to cases`,
    role: 'admin',
    subgraph: 'cases',
    query:
      'query CrowdedDivision($representations: [_Any!]!) { _entities(representations: $representations) ' +
      `{ ... on Division { ${sums.join(' ')} } } }`,
    variables: { representations: [{ __typename: 'Division', code: '330600', stations: codes }] },
  };
}

/** The probes that read the re-sent history; send them after `resendCases`. */
export function historyProbes(resends: number): Probe[] {
  return [
    {
      name: `a station's records after ${resends} re-sends, with history (listed)`,
      role: 'admin',
      query: listedOperation('CaseIndicatorRecords'),
      variables: { code: STATION, period: PERIOD, first: 1000 },
    },
    {
      name: `the same, ${ALIASES} aliases, straight to cases`,
      role: 'admin',
      subgraph: 'cases',
      query: aliasedHistory(),
      variables: { representations: [{ __typename: 'Station', code: STATION }] },
    },
  ];
}

/** An AssessmentBoard of `stations` stations, as the assessment subgraph's `rows` take it. */
export function crowdedBoard(stations: number): Probe {
  const codes = Array.from({ length: stations }, (_, i) => ({
    code: `3306${String(i).padStart(8, '0')}`,
  }));
  return {
    name: `a board of ${stations.toLocaleString('en')} stations, straight to assessment`,
    role: 'assessor',
    subgraph: 'assessment',
    query:
      'query CrowdedBoard($representations: [_Any!]!) { _entities(representations: $representations) ' +
      '{ ... on AssessmentBoard { rows { station { code } total grade } } } }',
    variables: {
      representations: [
        {
          __typename: 'AssessmentBoard',
          scope: '330000',
          period: '2019-Q2',
          schemeId: 'fengqiao-2019@1',
          caseIndicators: [],
          trafficIndicators: [],
          surveyIndicators: [],
          stations: codes,
        },
      ],
    },
  };
}

/**
 * Representations full of stations, as the second pass sent them: a board of 150,000 to the
 * assessment subgraph (3.6 MB), a division of 100,000 to cases, 20 aliases; and the largest a
 * subgraph takes, 1,200, each a board or division of the largest scope.
 */
export function representationProbes(): Probe[] {
  return [
    crowdedBoard(150_000),
    crowdedDivision(100_000),
    crowdedBoard(1200),
    crowdedDivision(1200),
  ];
}
