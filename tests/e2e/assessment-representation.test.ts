import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * The board as a router hands it to the assessment subgraph for `rows`: an _entities call whose
 * representation carries every field `rows` @requires. A department that failed arrives as
 * null and is scored DEPARTMENT_UNAVAILABLE; a field that is not there at all is a router's
 * broken contract, refused with INCOMPLETE_REPRESENTATION rather than scored as zeros.
 */
const ROWS = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on AssessmentBoard { rows { station { code } total departments { department score } indicators { key note } } } } }`;

const STATION = '330602600001';
const values = (keys: string[]) => [
  {
    stationCode: STATION,
    values: keys.map((key) => ({ key, current: 1, baseline: 1, sample: null })),
  },
];

function board(omit: string[] = [], nulls: string[] = []): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    __typename: 'AssessmentBoard',
    scope: '330602',
    period: '2019-H1',
    schemeId: 'fengqiao-2019@1',
    caseIndicators: values(['cases.homicides']),
    trafficIndicators: values(['traffic.deaths']),
    surveyIndicators: values(['surveys.validComplaints']),
    stations: [{ code: STATION, name: '测试派出所' }],
  };
  for (const field of nulls) fields[field] = null;
  for (const field of omit) delete fields[field];
  return fields;
}

let platform: Platform;
let token: string;

beforeAll(async () => {
  process.env.PLATFORM_TODAY = '2019-08-15';
  platform = await startPlatform();
  token = await tokenFor('assessor');
});
afterAll(() => platform.stop());

const rows = (representation: Record<string, unknown>) =>
  platform.querySubgraph('assessment', ROWS, { token, variables: { r: [representation] } });

describe('the representation of a board the assessment subgraph scores', () => {
  it.each(['caseIndicators', 'trafficIndicators', 'surveyIndicators', 'stations'])(
    'is refused with INCOMPLETE_REPRESENTATION naming %s when that field is missing',
    async (field) => {
      const res = await rows(board([field]));
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(field),
          extensions: expect.objectContaining({
            code: 'INCOMPLETE_REPRESENTATION',
            field,
            fields: [field],
          }),
        }),
      ]);
      expect(res.data?._entities?.[0]?.rows ?? null).toBeNull();
    },
  );

  it('names every missing field, the first in `field`', async () => {
    const res = await rows(board(['caseIndicators', 'trafficIndicators', 'surveyIndicators']));
    expect(res.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({
        code: 'INCOMPLETE_REPRESENTATION',
        field: 'caseIndicators',
        fields: ['caseIndicators', 'trafficIndicators', 'surveyIndicators'],
      }),
    );
  });

  it('is refused when the stations arrive as null: they cannot be, but for an error upstream', async () => {
    const res = await rows(board([], ['stations']));
    expect(res.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'INCOMPLETE_REPRESENTATION', field: 'stations' }),
    );
  });

  it('scores a department that arrives as null as unavailable, the others as sent', async () => {
    const res = await rows(board([], ['trafficIndicators']));
    expect(res.errors).toBeUndefined();
    const [row] = res.data._entities[0].rows as {
      station: { code: string };
      indicators: { key: string; note: string | null }[];
    }[];
    expect(row?.station.code).toBe(STATION);
    const notes = new Map(row?.indicators.map((i) => [i.key, i.note]));
    expect(notes.get('traffic.deaths')).toBe('DEPARTMENT_UNAVAILABLE');
    expect(notes.get('cases.homicides')).not.toBe('DEPARTMENT_UNAVAILABLE');
  });
});

describe("the representation of a board a department's indicators are asked for", () => {
  const INDICATORS = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on AssessmentBoard { caseIndicators { stationCode } } } }`;
  const key = {
    __typename: 'AssessmentBoard',
    scope: '330602',
    period: '2019-H1',
    schemeId: 'fengqiao-2019@1',
  };
  const indicators = (representation: Record<string, unknown>) =>
    platform.querySubgraph('cases', INDICATORS, { token, variables: { r: [representation] } });

  it.each([
    ['missing', key],
    ['null', { ...key, stations: null }],
  ])(
    'is refused with INCOMPLETE_REPRESENTATION when the stations are %s',
    async (_how, representation) => {
      const res = await indicators(representation);
      expect(res.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INCOMPLETE_REPRESENTATION',
            field: 'stations',
          }),
        }),
      ]);
    },
  );

  it('answers the stations it is sent', async () => {
    const res = await indicators({ ...key, stations: [{ code: STATION }] });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0].caseIndicators).toEqual([{ stationCode: STATION }]);
  });
});
