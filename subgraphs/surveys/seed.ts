import type { DataSource } from 'typeorm';
import { demoExternalId, forEachStationMonth, type ByDemoYear } from '../../demo/calendar';
import { loadDemoRows } from '../../demo/load';
import type { DemoProfile } from '../../demo/profile';
import type { Random } from '../../demo/random';
import { CommendationKind } from './enums';
import type { CommendationInput, ComplaintInput, SurveyResponseInput } from './record-inputs';
import { COMMENDATION_TABLE, COMPLAINT_TABLE, SURVEY_RESPONSE_TABLE } from './record-tables';

/**
 * The survey firm phones about 12 residents of every station a month (tens a quarter), a quota
 * per station whatever its size. The seed article's 2019 shares at 基本 (3) or better are
 * 安全感 99.21% and 满意度 98.66%; 2018 was a little lower.
 */
const RESPONSES = 12;
const FEELS_SAFE: ByDemoYear<number> = [0.987, 0.9921];
const SATISFIED: ByDemoYear<number> = [0.981, 0.9866];

/**
 * For a station of 40,000 people: 12389 complaints about 0.5 a month, of which about 40% were
 * found justified in 2018 and 31.4% fewer in 2019 (0.2 → 0.137 valid a month); commendations
 * about 1.2 a month in 2018 and 38% more in 2019, 60% of them banners.
 */
const COMPLAINTS: ByDemoYear<number> = [0.5, 0.45];
const VALID: ByDemoYear<number> = [0.4, 0.305];
const COMMENDATIONS: ByDemoYear<number> = [1.2, 1.656];
const BANNER_SHARE = 0.6;

/** An answer on a five-level scale: 3 or better with chance `atLeast3`, mostly 5 and 4 then. */
function level(random: Random, atLeast3: number): number {
  if (!random.chance(atLeast3)) return random.chance(0.75) ? 2 : 1;
  const draw = random.next();
  return draw < 0.55 ? 5 : draw < 0.88 ? 4 : 3;
}

export function demoResponses(profile: DemoProfile): SurveyResponseInput[] {
  const responses: SurveyResponseInput[] = [];
  forEachStationMonth(profile, 'survey-response', (station, month, random) => {
    const calls = random.poisson(RESPONSES);
    for (let n = 0; n < calls; n += 1) {
      responses.push({
        externalId: demoExternalId('DC', station, month, responses.length),
        stationCode: station.code,
        surveyedOn: month.day(random),
        security: level(random, month.ofYear(FEELS_SAFE)),
        satisfaction: level(random, month.ofYear(SATISFIED)),
      });
    }
  });
  return responses;
}

export function demoComplaints(profile: DemoProfile): ComplaintInput[] {
  const complaints: ComplaintInput[] = [];
  forEachStationMonth(profile, 'complaint', (station, month, random, scale) => {
    const received = random.poisson(month.ofYear(COMPLAINTS) * scale);
    for (let n = 0; n < received; n += 1) {
      complaints.push({
        externalId: demoExternalId('TS', station, month, complaints.length),
        stationCode: station.code,
        receivedOn: month.day(random),
        valid: random.chance(month.ofYear(VALID)),
      });
    }
  });
  return complaints;
}

export function demoCommendations(profile: DemoProfile): CommendationInput[] {
  const commendations: CommendationInput[] = [];
  forEachStationMonth(profile, 'commendation', (station, month, random, scale) => {
    const received = random.poisson(month.ofYear(COMMENDATIONS) * scale);
    for (let n = 0; n < received; n += 1) {
      commendations.push({
        externalId: demoExternalId('BY', station, month, commendations.length),
        stationCode: station.code,
        receivedOn: month.day(random),
        kind: random.chance(BANNER_SHARE) ? CommendationKind.BANNER : CommendationKind.LETTER,
      });
    }
  });
  return commendations;
}

export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  await loadDemoRows(db, 'surveys', SURVEY_RESPONSE_TABLE, demoResponses(profile));
  await loadDemoRows(db, 'surveys', COMPLAINT_TABLE, demoComplaints(profile));
  await loadDemoRows(db, 'surveys', COMMENDATION_TABLE, demoCommendations(profile));
}
