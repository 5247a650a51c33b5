import type { DataSource } from 'typeorm';
import { demoExternalId, forEachStationMonth, type ByDemoYear } from '../../demo/calendar';
import { DEMO_AUTHOR, loadDemoRows } from '../../demo/load';
import type { DemoProfile } from '../../demo/profile';
import { Random } from '../../demo/random';
import {
  ARTICLE_CHANGES,
  ARTICLE_HALF,
  BASELINE_HALF,
  HALVES,
  nearestChange,
  within,
} from '../../demo/article';
import { articleCityStations, setCount } from '../../demo/calibrate';
import type { DateRange } from '../kit/figures/period';
import { demoStations } from '../../demo/stations';
import { type AccidentInput, ACCIDENT_TABLE } from './record-inputs';

/**
 * Monthly rates for a station of 40,000 people (docs/domain.md: 1-2 injury accidents a
 * month), shaped like the seed article's 2019 against 2018: road deaths −39.4% (nudged to it
 * exactly in 绍兴, below), accidents and injuries falling moderately. 0.17 deaths per 40,000
 * people is about 0.2 a month for the average demo station (47,000 people).
 */
const ACCIDENTS: ByDemoYear<number> = [1.5, 1.32];
const DEATHS: ByDemoYear<number> = [0.17, 0.103];
/** Of the fatal accidents, the share that killed two; an ordinary accident never kills more. */
const TWO_DEAD = 0.15;

/**
 * The accidents with 3 or more deaths, placed rather than drawn so that the boards tell the
 * story on every run: 绍兴 has three 较大 accidents (3-9 deaths) in two years, one in 2019-H1
 * (a deduction on that half's board), and one 重大 accident (10 or more), in 2019-H2 (a veto on
 * the boards of that half, its third quarter, September and the year, while 2019-H1 keeps the
 * article's figures); the province adds two 较大 elsewhere and a 重大 one in 苍南 in 2019-H1.
 */
const SERIOUS: { station: string; occurredOn: string; deaths: number; injuries: number }[] = [
  { station: '诸暨市公安局店口派出所', occurredOn: '2018-10-21', deaths: 3, injuries: 2 },
  { station: '上虞区分局沥海派出所', occurredOn: '2019-04-13', deaths: 4, injuries: 6 },
  { station: '嵊州市公安局三界派出所', occurredOn: '2019-11-02', deaths: 3, injuries: 1 },
  { station: '新昌县公安局镜岭派出所', occurredOn: '2019-09-14', deaths: 10, injuries: 14 },
  { station: '义乌市公安局第3派出所', occurredOn: '2018-06-09', deaths: 5, injuries: 3 },
  { station: '临海市公安局第4派出所', occurredOn: '2019-09-27', deaths: 3, injuries: 4 },
  { station: '苍南县公安局第2派出所', occurredOn: '2019-05-18', deaths: 11, injuries: 19 },
];

/**
 * The name of the accidents' random streams. The city's deaths are nudged to the article's
 * below, whatever the stream; this one (of accident-0 to accident-59, picked when chance alone
 * had to give the article's shape) also leaves the 2019-H1 board a station below 60, so the
 * board shows every grade.
 */
const STREAM = 'accident-11';

export function demoAccidents(profile: DemoProfile): AccidentInput[] {
  const accidents: AccidentInput[] = [];
  forEachStationMonth(profile, STREAM, (station, month, random, at) => {
    const count = random.poisson(month.ofYear(ACCIDENTS) * at.incidents);
    const fatal = month.ofYear(DEATHS) / month.ofYear(ACCIDENTS) / (1 + TWO_DEAD);
    for (let n = 0; n < count; n += 1) {
      const deaths = random.chance(fatal) ? (random.chance(TWO_DEAD) ? 2 : 1) : 0;
      accidents.push({
        externalId: demoExternalId('SG', station, month, accidents.length),
        stationCode: station.code,
        occurredOn: month.day(random),
        deaths,
        // An accident on record hurt someone: one that killed nobody injured at least one.
        injuries: deaths > 0 ? random.poisson(0.8) : 1 + random.poisson(0.35),
      });
    }
  });
  const codes = new Map(demoStations(profile).map((s) => [s.name, s.code]));
  const placed = SERIOUS.flatMap(({ station, ...accident }) => {
    const stationCode = codes.get(station);
    // Outside the profile (the city has no 苍南), the accident is not part of the demo.
    return stationCode
      ? [{ externalId: `SG-${stationCode}-${accident.occurredOn}`, stationCode, ...accident }]
      : [];
  });
  deathsToArticle(accidents, placed, profile);
  return [...accidents, ...placed];
}

/**
 * Nudges the road deaths of the article's city, placed accidents included, to the article's
 * change: a drawn accident that killed one is made one that killed none (but hurt someone), or
 * one that killed none one that killed one, at random.
 */
function deathsToArticle(
  drawn: AccidentInput[],
  placed: AccidentInput[],
  profile: DemoProfile,
): void {
  const city = articleCityStations(profile);
  const random = new Random('article|accidents');
  const inHalf = (accidents: AccidentInput[], half: DateRange) =>
    accidents.filter((a) => city.has(a.stationCode) && within(a.occurredOn, half));
  const deathsIn = (half: DateRange) =>
    inHalf([...drawn, ...placed], half).reduce((sum, a) => sum + a.deaths, 0);
  const targets = nearestChange(
    deathsIn(BASELINE_HALF),
    deathsIn(ARTICLE_HALF),
    ARTICLE_CHANGES.deaths,
  );
  HALVES.forEach((half, i) => {
    const fatal = (a: AccidentInput) => a.deaths > 0;
    const drawnInHalf = inHalf(drawn, half);
    setCount(
      drawnInHalf,
      fatal,
      drawnInHalf.filter(fatal).length + (targets[i] ?? 0) - deathsIn(half),
      random,
      { may: (a) => a.deaths === 0, apply: (a) => (a.deaths = 1) },
      {
        may: (a) => a.deaths === 1,
        apply: (a) => {
          a.deaths = 0;
          a.injuries = Math.max(1, a.injuries);
        },
      },
    );
  });
}

export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  await loadDemoRows(db, 'traffic', ACCIDENT_TABLE, demoAccidents(profile), DEMO_AUTHOR);
}
