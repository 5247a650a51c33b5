import { everyFigureLoads, loadRecords } from './every-figure';
import type { Platform } from './platform';
import { registerStations, registryStation } from './stations';
import { tokenFor } from './tokens';
import { yoyItem } from './scheme-items';

/**
 * A board of 越城区 (330602) for 2019-H1 with fire registered: two stations with cases and fire
 * records, sent through the gateway, and a scheme scoring fire.* beside one in-house key.
 */
export const S1 = '330602600101';
export const S2 = '330602600102';

/** A fire as recordFires takes it. */
export const fireRecord = (
  externalId: string,
  stationCode: string,
  occurredOn: string,
  deaths: number,
) => ({
  externalId,
  stationCode,
  occurredOn,
  deaths,
});

/**
 * S1 in 2019-H1: three fires killing 3, one after the half (F4) and one withdrawn (F5); in
 * 2018-H1 two fires killing 4. S2: one fire killing 5 in 2019-H1, none a year before.
 */
export const FIRES = [
  fireRecord('F1', S1, '2019-01-01', 0),
  fireRecord('F2', S1, '2019-03-10', 2),
  fireRecord('F3', S1, '2019-06-30', 1),
  fireRecord('F4', S1, '2019-07-01', 3),
  fireRecord('F5', S1, '2019-04-04', 1),
  fireRecord('G1', S1, '2018-02-02', 0),
  fireRecord('G2', S1, '2018-06-30', 4),
  fireRecord('N1', S2, '2019-02-02', 5),
];

/** What the fire records make of each station in 2019-H1, by key: [now, a year before]. */
export const FIRE_FIGURES: Record<string, Record<string, [number, number]>> = {
  [S1]: { 'fire.fires': [3, 2], 'fire.deaths': [3, 4] },
  [S2]: { 'fire.fires': [1, 0], 'fire.deaths': [5, 0] },
};

/** The points the scheme gives fire's indicators together (消防's maximum on a row). */
export const FIRE_MAX = 60;

/** Registers the stations, loads their records and publishes the scheme; returns its id. */
export async function loadFireBoard(platform: Platform): Promise<string> {
  await registerStations(
    platform,
    [S1, S2].map((code) => registryStation(code, '330602')),
  );
  await loadRecords(
    platform,
    everyFigureLoads(S1, S2).filter((load) => load.mutation === 'recordCases'),
  );
  const fireToken = await tokenFor('department:fire');
  const loaded = await platform.query(
    `mutation($input: [FireInput!]!) { recordFires(input: $input) { inserted } }`,
    { token: fireToken, variables: { input: FIRES } },
  );
  if (loaded.data?.recordFires?.inserted !== FIRES.length) {
    throw new Error(`recordFires: ${JSON.stringify(loaded)}`);
  }
  const withdrawn = await platform.query(
    `mutation { withdrawFires(externalIds: ["F5"], reason: "误报 A false alarm") { withdrawn } }`,
    { token: fireToken },
  );
  if (withdrawn.data?.withdrawFires?.withdrawn !== 1) {
    throw new Error(`withdrawFires: ${JSON.stringify(withdrawn)}`);
  }
  const published = await platform.query(
    `mutation($input: AssessmentSchemeInput!) { publishAssessmentScheme(input: $input) { id } }`,
    {
      token: await tokenFor('assessor'),
      variables: {
        input: {
          name: 'with-fire',
          title: '含消防指标（测试）',
          indicators: [
            yoyItem('cases.criminalSolved', 'CASES', 100 - FIRE_MAX, 'HIGHER'),
            yoyItem('fire.fires', 'FIRE', FIRE_MAX / 2, 'LOWER'),
            yoyItem('fire.deaths', 'FIRE', FIRE_MAX / 2, 'LOWER'),
          ],
        },
      },
    },
  );
  if (published.errors) throw new Error(`the scheme was refused: ${published.errors[0]?.message}`);
  return (published.data as { publishAssessmentScheme: { id: string } }).publishAssessmentScheme.id;
}
