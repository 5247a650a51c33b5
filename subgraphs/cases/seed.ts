import type { DataSource } from 'typeorm';
import {
  ARTICLE_CHANGES,
  ARTICLE_HALF,
  ARTICLE_RATES,
  BASELINE_HALF,
  HALVES,
  nearestChange,
  nearestPart,
  within,
  type ArticleChange,
} from '../../demo/article';
import {
  addDays,
  demoExternalId,
  forEachStationMonth,
  type ByDemoYear,
  type StationMonth,
} from '../../demo/calendar';
import {
  addedExternalId,
  articleCityStations,
  daysBetween,
  randomDay,
  setCount,
  setSize,
} from '../../demo/calibrate';
import { DEMO_AUTHOR, loadDemoRows } from '../../demo/load';
import type { DemoProfile } from '../../demo/profile';
import { Random } from '../../demo/random';
import type { DateRange } from '../kit/figures/period';
import { CaseCategory, DisputeChannel, DisputeOutcome } from './enums';
import { type CaseInput, type DisputeInput, CASE_TABLE, DISPUTE_TABLE } from './record-inputs';

/**
 * Monthly rates for a station of 40,000 people (docs/domain.md: about 10 criminal cases and
 * 15-30 disputes a month), shaped like the seed article's 2019 against 2018: more cases solved
 * (破案 +118%, telecom fraud solved +102%), fewer homicides (−17%), property crimes (−13%) and
 * two-vehicle thefts (−23%), mediation succeeding about 98.65% of the time.
 */
const FILED: Record<CaseCategory, ByDemoYear<number>> = {
  [CaseCategory.OTHER]: [2.0, 2.0],
  [CaseCategory.PROPERTY]: [3.5, 3.15],
  [CaseCategory.TWO_VEHICLE_THEFT]: [1.5, 1.15],
  [CaseCategory.TELECOM_FRAUD]: [2.5, 2.9],
  [CaseCategory.HOMICIDE]: [0.012, 0.01],
};
const SOLVE_CHANCE: Record<'ordinary' | 'telecomFraud', ByDemoYear<number>> = {
  ordinary: [0.24, 0.53],
  telecomFraud: [0.16, 0.28],
};
const DISPUTES: ByDemoYear<number> = [18, 20];
const MEDIATED: ByDemoYear<number> = [0.978, 0.9865];

/**
 * A station's chance of solving a case: the year's rate, up to a third higher or lower with its
 * standing, and moving against its trend twice over, so a station whose crime falls solves more
 * cases, not only a larger share of fewer.
 */
function solveChance(rate: number, at: StationMonth): number {
  return Math.min(0.95, rate * Math.exp(0.3 * at.standing) * at.improvement ** 2);
}

/**
 * A dispute's chance of being mediated: the year's share of failures, a twelfth of it at the
 * best standing and twelve times it at the worst (e^±2.5), the city's share kept by the article.
 */
function mediationChance(rate: number, at: StationMonth): number {
  return 1 - (1 - rate) * Math.exp(-2.5 * at.standing);
}

export function demoCases(profile: DemoProfile): CaseInput[] {
  return casesToArticle(drawnCases(profile), profile);
}

function drawnCases(profile: DemoProfile): CaseInput[] {
  const cases: CaseInput[] = [];
  forEachStationMonth(profile, 'case', (station, month, random, at) => {
    for (const category of Object.values(CaseCategory)) {
      const filed = random.poisson(month.ofYear(FILED[category]) * at.incidents);
      for (let n = 0; n < filed; n += 1) {
        const filedOn = month.day(random);
        const chance = solveChance(
          month.ofYear(
            category === CaseCategory.TELECOM_FRAUD
              ? SOLVE_CHANCE.telecomFraud
              : SOLVE_CHANCE.ordinary,
          ),
          at,
        );
        cases.push({
          externalId: demoExternalId('XA', station, month, cases.length),
          stationCode: station.code,
          category,
          filedOn,
          solvedOn: random.chance(chance) ? addDays(filedOn, random.int(0, 45)) : null,
        });
      }
    }
  });
  return cases;
}

export function demoDisputes(profile: DemoProfile): DisputeInput[] {
  return disputesToArticle(drawnDisputes(profile), profile);
}

function drawnDisputes(profile: DemoProfile): DisputeInput[] {
  const disputes: DisputeInput[] = [];
  forEachStationMonth(profile, 'dispute', (station, month, random, at) => {
    const received = random.poisson(month.ofYear(DISPUTES) * at.incidents);
    const mediated = mediationChance(month.ofYear(MEDIATED), at);
    for (let n = 0; n < received; n += 1) {
      const receivedOn = month.day(random);
      const outcome = random.chance(mediated)
        ? DisputeOutcome.MEDIATED
        : random.pick([DisputeOutcome.FAILED, DisputeOutcome.REFERRED]);
      const draw = random.next();
      disputes.push({
        externalId: demoExternalId('MJ', station, month, disputes.length),
        stationCode: station.code,
        receivedOn,
        channel:
          draw < 0.7
            ? DisputeChannel.PEOPLE
            : draw < 0.9
              ? DisputeChannel.ADMINISTRATIVE
              : DisputeChannel.JUDICIAL,
        outcome,
        closedOn: addDays(receivedOn, random.int(0, 15)),
      });
    }
  });
  return disputes;
}

/**
 * Nudges the article's city to its case figures: cases filed (homicides, two-vehicle thefts,
 * then the other property crimes so that their sum lands) are added or dropped, then cases are
 * solved or left unsolved (telecom fraud first, then the others so that the total lands).
 */
function casesToArticle(drawn: CaseInput[], profile: DemoProfile): CaseInput[] {
  const city = articleCityStations(profile);
  const random = new Random('article|cases');
  let next = drawn.length;
  let cases = drawn.filter((c) => city.has(c.stationCode));
  const count = (counts: (c: CaseInput) => boolean) => cases.filter(counts).length;
  const filed = (categories: CaseCategory[], half: DateRange) => (c: CaseInput) =>
    categories.includes(c.category) && within(c.filedOn, half);
  const filedPair = (categories: CaseCategory[], change: ArticleChange) =>
    nearestChange(
      count(filed(categories, BASELINE_HALF)),
      count(filed(categories, ARTICLE_HALF)),
      change,
    );
  const setFiled = (category: CaseCategory, targets: readonly [number, number]) =>
    HALVES.forEach((half, i) => {
      cases = setSize(cases, filed([category], half), targets[i] ?? 0, random, () => {
        const stationCode = random.pick(cases).stationCode;
        const filedOn = randomDay(half, random);
        const externalId = addedExternalId('XA', stationCode, filedOn, (next += 1));
        return { externalId, stationCode, category, filedOn, solvedOn: null };
      });
    });
  const { HOMICIDE, PROPERTY, TWO_VEHICLE_THEFT, TELECOM_FRAUD } = CaseCategory;
  setFiled(HOMICIDE, filedPair([HOMICIDE], ARTICLE_CHANGES.homicides));
  const thefts = filedPair([TWO_VEHICLE_THEFT], ARTICLE_CHANGES.twoVehicleThefts);
  const property = filedPair([PROPERTY, TWO_VEHICLE_THEFT], ARTICLE_CHANGES.propertyCrimes);
  setFiled(TWO_VEHICLE_THEFT, thefts);
  setFiled(PROPERTY, [property[0] - thefts[0], property[1] - thefts[1]]);

  const solvedIn = (half: DateRange) => (c: CaseInput) =>
    c.solvedOn != null && within(c.solvedOn, half);
  const solvedPair = (which: (c: CaseInput) => boolean, change: ArticleChange) =>
    nearestChange(
      count((c) => which(c) && solvedIn(BASELINE_HALF)(c)),
      count((c) => which(c) && solvedIn(ARTICLE_HALF)(c)),
      change,
    );
  const setSolved = (which: (c: CaseInput) => boolean, targets: readonly [number, number]) =>
    HALVES.forEach((half, i) =>
      setCount(
        cases.filter(which),
        solvedIn(half),
        targets[i] ?? 0,
        random,
        {
          may: (c) => c.solvedOn == null && within(c.filedOn, half),
          apply: (c) => {
            const days = Math.min(45, daysBetween(c.filedOn, half.to));
            c.solvedOn = addDays(c.filedOn, random.int(0, days));
          },
        },
        { may: solvedIn(half), apply: (c) => (c.solvedOn = null) },
      ),
    );
  const fraud = (c: CaseInput) => c.category === TELECOM_FRAUD;
  const fraudSolved = solvedPair(fraud, ARTICLE_CHANGES.telecomFraudSolved);
  setSolved(fraud, fraudSolved);
  const solved = solvedPair(() => true, ARTICLE_CHANGES.criminalSolved);
  setSolved((c) => !fraud(c), [solved[0] - fraudSolved[0], solved[1] - fraudSolved[1]]);
  return [...drawn.filter((c) => !city.has(c.stationCode)), ...cases];
}

/** Nudges the outcome of the article's city's disputes of 2019-H1 to its mediation rate. */
function disputesToArticle(disputes: DisputeInput[], profile: DemoProfile): DisputeInput[] {
  const city = articleCityStations(profile);
  const half = disputes.filter(
    (d) => city.has(d.stationCode) && within(d.receivedOn, ARTICLE_HALF),
  );
  const mediated = (d: DisputeInput) => d.outcome === DisputeOutcome.MEDIATED;
  const target = nearestPart(
    half.filter(mediated).length,
    half.length,
    ARTICLE_RATES.mediationRate,
  );
  if (target === null)
    throw new Error(`no share of ${half.length} disputes shows the article's rate`);
  setCount(
    half,
    mediated,
    target,
    new Random('article|disputes'),
    { may: (d) => !mediated(d), apply: (d) => (d.outcome = DisputeOutcome.MEDIATED) },
    { may: mediated, apply: (d) => (d.outcome = DisputeOutcome.FAILED) },
  );
  return disputes;
}

export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  await loadDemoRows(db, 'cases', CASE_TABLE, demoCases(profile), DEMO_AUTHOR);
  await loadDemoRows(db, 'cases', DISPUTE_TABLE, demoDisputes(profile), DEMO_AUTHOR);
}
