import type { DataSource } from 'typeorm';
import {
  demoExternalId,
  forEachStationMonth,
  type ByDemoYear,
  type StationMonth,
} from '../../demo/calendar';
import { DEMO_AUTHOR, loadDemoRows } from '../../demo/load';
import {
  ARTICLE_CHANGES,
  ARTICLE_HALF,
  ARTICLE_RATES,
  BASELINE_HALF,
  HALVES,
  nearestChange,
  nearestPart,
  within,
  type ArticleRate,
} from '../../demo/article';
import {
  addedExternalId,
  articleCityStations,
  randomDay,
  setCount,
  setSize,
} from '../../demo/calibrate';
import type { DemoProfile } from '../../demo/profile';
import { Random } from '../../demo/random';
import type { DateRange } from '../kit/figures/period';
import { CommendationKind } from './enums';
import { COUNTED_LEVEL } from './levels';
import {
  type CommendationInput,
  type ComplaintInput,
  type SurveyResponseInput,
  COMMENDATION_TABLE,
  COMPLAINT_TABLE,
  SURVEY_RESPONSE_TABLE,
} from './record-inputs';

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

/**
 * A station's share of answers at 3 or better: the year's shortfall, a twelfth of it at the best
 * standing and twelve times it at the worst (e^±2.5), as residents judge their own station.
 */
function answeredWell(rate: number, at: StationMonth): number {
  return 1 - (1 - rate) * Math.exp(-2.5 * at.standing);
}

/** An answer on a five-level scale: 3 or better with chance `atLeast3`, mostly 5 and 4 then. */
function level(random: Random, atLeast3: number): number {
  if (!random.chance(atLeast3)) return random.chance(0.75) ? 2 : 1;
  const draw = random.next();
  return draw < 0.55 ? 5 : draw < 0.88 ? 4 : 3;
}

export function demoResponses(profile: DemoProfile): SurveyResponseInput[] {
  return responsesToArticle(drawnResponses(profile), profile);
}

function drawnResponses(profile: DemoProfile): SurveyResponseInput[] {
  const responses: SurveyResponseInput[] = [];
  forEachStationMonth(profile, 'survey-response', (station, month, random, at) => {
    const calls = random.poisson(RESPONSES);
    const safe = answeredWell(month.ofYear(FEELS_SAFE), at);
    const satisfied = answeredWell(month.ofYear(SATISFIED), at);
    for (let n = 0; n < calls; n += 1) {
      responses.push({
        externalId: demoExternalId('DC', station, month, responses.length),
        stationCode: station.code,
        surveyedOn: month.day(random),
        security: level(random, safe),
        satisfaction: level(random, satisfied),
      });
    }
  });
  return responses;
}

export function demoComplaints(profile: DemoProfile): ComplaintInput[] {
  return complaintsToArticle(drawnComplaints(profile), profile);
}

function drawnComplaints(profile: DemoProfile): ComplaintInput[] {
  const complaints: ComplaintInput[] = [];
  forEachStationMonth(profile, 'complaint', (station, month, random, at) => {
    const received = random.poisson(month.ofYear(COMPLAINTS) * at.incidents);
    // A station that works well gives fewer grounds: fewer of its complaints are found justified.
    const valid = month.ofYear(VALID) * Math.exp(-0.4 * at.standing);
    for (let n = 0; n < received; n += 1) {
      complaints.push({
        externalId: demoExternalId('TS', station, month, complaints.length),
        stationCode: station.code,
        receivedOn: month.day(random),
        valid: random.chance(valid),
      });
    }
  });
  return complaints;
}

export function demoCommendations(profile: DemoProfile): CommendationInput[] {
  return commendationsToArticle(drawnCommendations(profile), profile);
}

function drawnCommendations(profile: DemoProfile): CommendationInput[] {
  const commendations: CommendationInput[] = [];
  forEachStationMonth(profile, 'commendation', (station, month, random, at) => {
    // Residents thank a station for what it does, not for how busy it is: its population, its
    // standing and its trend, not its workload.
    const received = random.poisson(
      month.ofYear(COMMENDATIONS) *
        (station.population / 40_000) *
        (1 + 0.4 * at.standing) *
        at.improvement,
    );
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

/**
 * The number of responses nearest `drawn` of which some share shows as each of the article's
 * rates: with some 6,600 responses a half, not every total can show a rate to a hundredth of a
 * percent.
 */
function responsesFor(drawn: number, rates: readonly ArticleRate[]): number {
  for (let distance = 0; distance < drawn; distance += 1) {
    for (const total of [drawn - distance, drawn + distance]) {
      if (
        rates.every(
          (rate) => nearestPart(Math.round((rate.percent / 100) * total), total, rate) !== null,
        )
      ) {
        return total;
      }
    }
  }
  throw new Error(`no number of responses near ${drawn} shows the article's rates`);
}

/**
 * Nudges the article's city's responses of 2019-H1 to its two rates: responses are added or
 * dropped until some share can show each rate, then answers are moved across level 3.
 */
function responsesToArticle(
  drawn: SurveyResponseInput[],
  profile: DemoProfile,
): SurveyResponseInput[] {
  const city = articleCityStations(profile);
  const random = new Random('article|responses');
  let next = drawn.length;
  const inHalf = (r: SurveyResponseInput) =>
    city.has(r.stationCode) && within(r.surveyedOn, ARTICLE_HALF);
  const { securityRate, satisfactionRate } = ARTICLE_RATES;
  const drawnInHalf = drawn.filter(inHalf);
  const total = responsesFor(drawnInHalf.length, [securityRate, satisfactionRate]);
  const responses = setSize(drawn, inHalf, total, random, () => {
    const stationCode = random.pick(drawnInHalf).stationCode;
    const surveyedOn = randomDay(ARTICLE_HALF, random);
    return {
      externalId: addedExternalId('DC', stationCode, surveyedOn, (next += 1)),
      stationCode,
      surveyedOn,
      security: level(random, FEELS_SAFE[1]),
      satisfaction: level(random, SATISFIED[1]),
    };
  });
  const half = responses.filter(inHalf);
  for (const [rate, answer] of [
    [securityRate, 'security'],
    [satisfactionRate, 'satisfaction'],
  ] as const) {
    const counted = (r: SurveyResponseInput) => r[answer] >= COUNTED_LEVEL;
    const target = nearestPart(half.filter(counted).length, total, rate) ?? 0;
    setCount(
      half,
      counted,
      target,
      random,
      { may: (r) => !counted(r), apply: (r) => (r[answer] = level(random, 1)) },
      { may: counted, apply: (r) => (r[answer] = level(random, 0)) },
    );
  }
  return responses;
}

/** Nudges which of the article's city's complaints were found justified to its change. */
function complaintsToArticle(complaints: ComplaintInput[], profile: DemoProfile): ComplaintInput[] {
  const city = articleCityStations(profile);
  const random = new Random('article|complaints');
  const inHalf = (half: DateRange) =>
    complaints.filter((c) => city.has(c.stationCode) && within(c.receivedOn, half));
  const valid = (c: ComplaintInput) => c.valid;
  const targets = nearestChange(
    inHalf(BASELINE_HALF).filter(valid).length,
    inHalf(ARTICLE_HALF).filter(valid).length,
    ARTICLE_CHANGES.validComplaints,
  );
  HALVES.forEach((half, i) =>
    setCount(
      inHalf(half),
      valid,
      targets[i] ?? 0,
      random,
      { may: (c) => !c.valid, apply: (c) => (c.valid = true) },
      { may: valid, apply: (c) => (c.valid = false) },
    ),
  );
  return complaints;
}

/** Adds or drops the article's city's commendations to its change. */
function commendationsToArticle(
  drawn: CommendationInput[],
  profile: DemoProfile,
): CommendationInput[] {
  const city = articleCityStations(profile);
  const random = new Random('article|commendations');
  let next = drawn.length;
  const inHalf = (half: DateRange) => (c: CommendationInput) =>
    city.has(c.stationCode) && within(c.receivedOn, half);
  const targets = nearestChange(
    drawn.filter(inHalf(BASELINE_HALF)).length,
    drawn.filter(inHalf(ARTICLE_HALF)).length,
    ARTICLE_CHANGES.commendations,
  );
  let commendations = drawn;
  HALVES.forEach((half, i) => {
    const drawnInHalf = drawn.filter(inHalf(half));
    commendations = setSize(commendations, inHalf(half), targets[i] ?? 0, random, () => {
      const stationCode = random.pick(drawnInHalf).stationCode;
      const receivedOn = randomDay(half, random);
      return {
        externalId: addedExternalId('BY', stationCode, receivedOn, (next += 1)),
        stationCode,
        receivedOn,
        kind: random.chance(BANNER_SHARE) ? CommendationKind.BANNER : CommendationKind.LETTER,
      };
    });
  });
  return commendations;
}

export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  await loadDemoRows(db, 'surveys', SURVEY_RESPONSE_TABLE, demoResponses(profile), DEMO_AUTHOR);
  await loadDemoRows(db, 'surveys', COMPLAINT_TABLE, demoComplaints(profile), DEMO_AUTHOR);
  await loadDemoRows(db, 'surveys', COMMENDATION_TABLE, demoCommendations(profile), DEMO_AUTHOR);
}
