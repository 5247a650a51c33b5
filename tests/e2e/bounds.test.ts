import { MAX_RECORDS } from '../../subgraphs/kit/records/record-inputs';
import { STATION_BOUNDS } from '../../subgraphs/stations/bounds';
import { MAX_CASUALTIES } from '../../subgraphs/traffic/checks';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * The largest values the API accepts, for every station of a county and as many records as
 * one batch takes, and the county's board still reads: no figure overflows. Rows stored before
 * the bounds existed (2147483647 deaths, as an attacker once stored) do not break it either.
 */

process.env.PLATFORM_TODAY = '2019-08-15';

const COUNTY = '330624';
const STATIONS = Array.from({ length: 10 }, (_, i) => `${COUNTY}${600300 + i}`);
let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  const registered = await registerStations(
    platform,
    STATIONS.map((code) => ({ ...registryStation(code), ...STATION_BOUNDS })),
  );
  expect(registered).toBe(STATIONS.length);
  const traffic = await tokenFor('department:traffic');
  const surveys = await tokenFor('department:surveys');
  for (const code of STATIONS) {
    const accidents = await platform.query(
      'mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }',
      {
        token: traffic,
        variables: {
          input: Array.from({ length: MAX_RECORDS }, (_, i) => ({
            externalId: `${code}-A${i}`,
            stationCode: code,
            occurredOn: i % 2 ? '2019-03-01' : '2018-03-01',
            deaths: MAX_CASUALTIES,
            injuries: MAX_CASUALTIES,
          })),
        },
      },
    );
    expect(accidents.errors).toBeUndefined();
    const responses = await platform.query(
      'mutation($input: [SurveyResponseInput!]!) { recordSurveyResponses(input: $input) { inserted } }',
      {
        token: surveys,
        variables: {
          input: Array.from({ length: MAX_RECORDS }, (_, i) => ({
            externalId: `${code}-S${i}`,
            stationCode: code,
            surveyedOn: '2019-04-01',
            security: 5,
            satisfaction: 5,
          })),
        },
      },
    );
    expect(responses.errors).toBeUndefined();
  }
}, 180_000);
afterAll(() => platform.stop());

const BOARD = `query($scope: ID!) {
  assessmentBoard(scope: $scope, period: "2019-H1") {
    rows { rank total station { code officers population socialOrganizations } }
    trafficIndicators { stationCode values { key current baseline } }
    surveyIndicators { stationCode values { key current sample } }
  }
}`;

const STATS = `query($code: ID!) {
  station(code: $code) { trafficStats(period: "2019") { accidents deaths injuries severeAccidents } }
}`;

/** Every station's records at the bounds: half of a batch in 2019, half in 2018. */
const PER_YEAR = MAX_RECORDS / 2;

it("reads the county's board with every station and record at its bounds", async () => {
  const res = await platform.query(BOARD, { token: admin, variables: { scope: COUNTY } });
  expect(res.errors).toBeUndefined();
  const board = res.data.assessmentBoard;
  expect(board.rows).toHaveLength(STATIONS.length);
  expect(board.rows[0].station).toMatchObject(STATION_BOUNDS);
  for (const station of board.trafficIndicators) {
    expect(station.values).toContainEqual({
      key: 'traffic.deaths',
      current: PER_YEAR * MAX_CASUALTIES,
      baseline: PER_YEAR * MAX_CASUALTIES,
    });
  }
  expect(board.surveyIndicators[0].values).toContainEqual({
    key: 'surveys.securityRate',
    current: 1,
    sample: MAX_RECORDS,
  });
});

it('sums past 2^31 without overflow: rows stored before the bounds existed', async () => {
  const [code] = STATIONS as [string];
  // As the table was before the bounds: an accident of 2147483647 deaths, stored twice.
  await platform.sql('traffic', 'ALTER TABLE accident DROP CONSTRAINT accident_deaths_bound');
  await platform.sql(
    'traffic',
    `INSERT INTO accident (external_id, station_code, occurred_on, deaths, injuries)
     VALUES ('OLD-1', $1, '2019-02-01', 2147483647, 0), ('OLD-2', $1, '2019-02-02', 2147483647, 0)`,
    [code],
  );
  await platform.sql(
    'traffic',
    `ALTER TABLE accident ADD CONSTRAINT accident_deaths_bound CHECK (deaths <= ${MAX_CASUALTIES}) NOT VALID`,
  );
  const stats = await platform.query(STATS, { token: admin, variables: { code } });
  expect(stats.errors).toBeUndefined();
  expect(stats.data.station.trafficStats).toEqual({
    accidents: PER_YEAR + 2,
    deaths: PER_YEAR * MAX_CASUALTIES + 2 * 2147483647,
    injuries: PER_YEAR * MAX_CASUALTIES,
    severeAccidents: PER_YEAR + 2,
  });
  // The board of the county, the city and the province still has the traffic department.
  for (const scope of [COUNTY, '330600', '330000']) {
    const res = await platform.query(BOARD, { token: admin, variables: { scope } });
    expect(res.errors).toBeUndefined();
    const values = res.data.assessmentBoard.trafficIndicators.find(
      (s: { stationCode: string }) => s.stationCode === code,
    ).values;
    expect(values).toContainEqual({
      key: 'traffic.deaths',
      current: PER_YEAR * MAX_CASUALTIES + 2 * 2147483647,
      baseline: PER_YEAR * MAX_CASUALTIES,
    });
  }
});

it('refuses a new row beyond the bounds, as the API does', async () => {
  await expect(
    platform.sql(
      'traffic',
      `INSERT INTO accident (external_id, station_code, occurred_on, deaths, injuries)
       VALUES ('NEW-1', '${STATIONS[0]}', '2019-02-03', ${MAX_CASUALTIES + 1}, 0)`,
    ),
  ).rejects.toThrow(/check constraint/);
});
