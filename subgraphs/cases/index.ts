import { departmentSubgraph, recordKind } from '../kit/contract/department-subgraph';
import { CASE_INDICATORS } from './indicators';
import { CaseInput, DisputeInput, CASE_TABLE, DISPUTE_TABLE } from './record-inputs';
import { Records1764400000001 } from './migrations/1764400000001-records';
import { Traceable1765000000001 } from './migrations/1765000000001-traceable';
import { CaseRecord, CriminalCase, Dispute } from './record-outputs';
import { CaseStatsResolver } from './stats-resolver';
import { caseProblems, disputeProblems } from './checks';
import { seed } from './seed';
import { CASE_SOURCES, CaseStats } from './stats';

/** Criminal cases and disputes, owned by the criminal police (刑侦/治安). */
export const cases = departmentSubgraph(
  {
    name: 'cases',
    stats: {
      type: CaseStats,
      description:
        "案件统计 The station's criminal cases and disputes for a period, with its baseline (同比).",
      divisionDescription:
        '案件统计 The criminal cases and disputes of every station in the division, summed, for a ' +
        "period with its baseline (同比); mediationRate is the division's own share.",
    },
    figures: CASE_SOURCES,
    board: {
      publisher: "The criminal police's",
      indicators: CASE_INDICATORS,
    },
    records: {
      type: CaseRecord,
      description: '刑事案件和矛盾纠纷 criminal cases and disputes',
    },
    resolvers: [CaseStatsResolver],
    migrations: [Records1764400000001, Traceable1765000000001],
    seed,
  },
  [
    recordKind({
      mutation: 'recordCases',
      input: CaseInput,
      table: CASE_TABLE,
      check: caseProblems,
      summary: '录入刑事案件 Adds or updates criminal cases (a case solved later is an update).',
      plural: 'The cases',
      record: CriminalCase,
      dateColumn: 'filed_on',
    }),
    recordKind({
      mutation: 'recordDisputes',
      input: DisputeInput,
      table: DISPUTE_TABLE,
      check: disputeProblems,
      summary: '录入矛盾纠纷 Adds or updates disputes (a dispute closed later is an update).',
      plural: 'The disputes',
      record: Dispute,
      dateColumn: 'received_on',
    }),
  ],
);
