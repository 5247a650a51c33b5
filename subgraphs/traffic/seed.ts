import type { DataSource } from 'typeorm';
import { demoExternalId, forEachStationMonth, type ByDemoYear } from '../../demo/calendar';
import { loadDemoRows } from '../../demo/load';
import type { DemoProfile } from '../../demo/profile';
import { demoStations } from '../../demo/stations';
import type { AccidentInput } from './record-inputs';
import { ACCIDENT_TABLE } from './record-tables';

/**
 * Monthly rates for a station of 40,000 people (docs/domain.md: 1-2 injury accidents a
 * month), shaped like the seed article's 2019 against 2018: road deaths −39.4%, accidents and
 * injuries falling moderately. 0.17 deaths per 40,000 people is about 0.2 a month for the
 * average demo station (47,000 people).
 */
const ACCIDENTS: ByDemoYear<number> = [1.5, 1.32];
const DEATHS: ByDemoYear<number> = [0.17, 0.103];
/** Of the fatal accidents, the share that killed two; an ordinary accident never kills more. */
const TWO_DEAD = 0.15;

/**
 * The accidents with 3 or more deaths, placed rather than drawn so that the boards tell the
 * story on every run: 绍兴 has three 较大 accidents (3-9 deaths) in two years, one in 2019-H1
 * (a deduction on that half's board) and no 重大 one (10 or more); the province adds two 较大
 * elsewhere and its one 重大 accident, in 苍南 in 2019-H1 (a veto).
 */
const SERIOUS: { station: string; occurredOn: string; deaths: number; injuries: number }[] = [
  { station: '诸暨市公安局店口派出所', occurredOn: '2018-10-21', deaths: 3, injuries: 2 },
  { station: '上虞区分局沥海派出所', occurredOn: '2019-04-13', deaths: 4, injuries: 6 },
  { station: '嵊州市公安局三界派出所', occurredOn: '2019-11-02', deaths: 3, injuries: 1 },
  { station: '义乌市公安局第3派出所', occurredOn: '2018-06-09', deaths: 5, injuries: 3 },
  { station: '临海市公安局第4派出所', occurredOn: '2019-09-27', deaths: 3, injuries: 4 },
  { station: '苍南县公安局第2派出所', occurredOn: '2019-05-18', deaths: 11, injuries: 19 },
];

/**
 * The name of the accidents' random streams. Deaths are rare (about 110 in a half-year in the
 * city), so chance alone moves the city's half-year change by some ten points either way; of
 * the names accident-0 to accident-59, this one gives the city's 2019-H1 against 2018-H1 the
 * article's shape: deaths −39.6%, accidents −10.6%, injuries −10.8%.
 */
const STREAM = 'accident-11';

export function demoAccidents(profile: DemoProfile): AccidentInput[] {
  const accidents: AccidentInput[] = [];
  forEachStationMonth(profile, STREAM, (station, month, random, scale) => {
    const count = random.poisson(month.ofYear(ACCIDENTS) * scale);
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
  for (const { station, ...accident } of SERIOUS) {
    const stationCode = codes.get(station);
    // Outside the profile (the city has no 苍南), the accident is not part of the demo.
    if (stationCode) {
      accidents.push({
        externalId: `SG-${stationCode}-${accident.occurredOn}`,
        stationCode,
        ...accident,
      });
    }
  }
  return accidents;
}

export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  await loadDemoRows(db, 'traffic', ACCIDENT_TABLE, demoAccidents(profile));
}
