import type { DataSource } from 'typeorm';
import { addDays, demoExternalId, forEachStationMonth, type ByDemoYear } from '../../demo/calendar';
import { loadDemoRows } from '../../demo/load';
import type { DemoProfile } from '../../demo/profile';
import { CaseCategory, DisputeChannel, DisputeOutcome } from './enums';
import type { CaseInput, DisputeInput } from './record-inputs';
import { CASE_TABLE, DISPUTE_TABLE } from './record-tables';

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

export function demoCases(profile: DemoProfile): CaseInput[] {
  const cases: CaseInput[] = [];
  forEachStationMonth(profile, 'case', (station, month, random, scale) => {
    for (const category of Object.values(CaseCategory)) {
      const filed = random.poisson(month.ofYear(FILED[category]) * scale);
      for (let n = 0; n < filed; n += 1) {
        const filedOn = month.day(random);
        const chance = month.ofYear(
          category === CaseCategory.TELECOM_FRAUD
            ? SOLVE_CHANCE.telecomFraud
            : SOLVE_CHANCE.ordinary,
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
  const disputes: DisputeInput[] = [];
  forEachStationMonth(profile, 'dispute', (station, month, random, scale) => {
    const received = random.poisson(month.ofYear(DISPUTES) * scale);
    for (let n = 0; n < received; n += 1) {
      const receivedOn = month.day(random);
      const outcome = random.chance(month.ofYear(MEDIATED))
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

export async function seed(db: DataSource, profile: DemoProfile): Promise<void> {
  await loadDemoRows(db, 'cases', CASE_TABLE, demoCases(profile));
  await loadDemoRows(db, 'cases', DISPUTE_TABLE, demoDisputes(profile));
}
