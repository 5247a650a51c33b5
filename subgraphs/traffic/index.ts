import { departmentSubgraph, recordKind } from '../kit/contract/department-subgraph';
import { TRAFFIC_INDICATORS } from './indicators';
import { AccidentInput, ACCIDENT_TABLE } from './record-inputs';
import { Accidents1764400000002 } from './migrations/1764400000002-accidents';
import { AccidentBounds1764900000002 } from './migrations/1764900000002-bounds';
import { Traceable1765000000002 } from './migrations/1765000000002-traceable';
import { Accident, TrafficRecord } from './record-outputs';
import { accidentProblems } from './checks';
import { seed } from './seed';
import { TRAFFIC_SOURCES, TrafficStats } from './stats';

/** Road traffic accidents, owned by the traffic police (交警). */
export const traffic = departmentSubgraph(
  {
    name: 'traffic',
    stats: {
      type: TrafficStats,
      description:
        "交通事故统计 The station's road traffic accidents for a period, with its baseline (同比).",
      divisionDescription:
        '交通事故统计 The road traffic accidents of every station in the division, summed, for a ' +
        'period with its baseline (同比).',
    },
    figures: TRAFFIC_SOURCES,
    board: {
      publisher: "The traffic police's",
      indicators: TRAFFIC_INDICATORS,
    },
    records: {
      type: TrafficRecord,
      description: '道路交通事故 road traffic accidents',
    },
    migrations: [Accidents1764400000002, AccidentBounds1764900000002, Traceable1765000000002],
    seed,
  },
  [
    recordKind({
      mutation: 'recordAccidents',
      input: AccidentInput,
      table: ACCIDENT_TABLE,
      check: accidentProblems,
      summary:
        '录入道路交通事故 Adds or updates road traffic accidents (a death toll that rises is an update).',
      plural: 'The accidents',
      record: Accident,
      dateColumn: 'occurred_on',
    }),
  ],
);
