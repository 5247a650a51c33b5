import { departmentSubgraph, recordKind } from '../kit/contract/department-subgraph';
import { SURVEY_INDICATORS } from './indicators';
import {
  CommendationInput,
  ComplaintInput,
  SurveyResponseInput,
  COMMENDATION_TABLE,
  COMPLAINT_TABLE,
  SURVEY_RESPONSE_TABLE,
} from './record-inputs';
import { Records1764600000001 } from './migrations/1764600000001-records';
import { Traceable1765000000003 } from './migrations/1765000000003-traceable';
import { Commendation, Complaint, SurveyRecord, SurveyResponse } from './record-outputs';
import { SurveyStatsResolver } from './stats-resolver';
import { receivedProblems, responseProblems } from './checks';
import { seed } from './seed';
import { SURVEY_SOURCES, SurveyStats } from './stats';

/** Survey responses, 12389 complaints and commendations: the third-party survey firm and the 12389 desk. */
export const surveys = departmentSubgraph(
  {
    name: 'surveys',
    stats: {
      type: SurveyStats,
      description:
        "群众评价统计 The station's survey results, 12389 complaints and commendations for a period, " +
        'with its baseline (同比).',
      divisionDescription:
        '群众评价统计 The survey results, 12389 complaints and commendations of every station in ' +
        "the division, summed, for a period with its baseline (同比); the rates are the division's " +
        'own shares of all its responses.',
    },
    figures: SURVEY_SOURCES,
    board: {
      publisher: "The survey firm's and the 12389 desk's",
      indicators: SURVEY_INDICATORS,
    },
    records: {
      type: SurveyRecord,
      description:
        '调查结果、12389投诉和锦旗/表扬信 survey responses, 12389 complaints and commendations',
    },
    resolvers: [SurveyStatsResolver],
    migrations: [Records1764600000001, Traceable1765000000003],
    seed,
  },
  [
    recordKind({
      mutation: 'recordSurveyResponses',
      input: SurveyResponseInput,
      table: SURVEY_RESPONSE_TABLE,
      check: responseProblems,
      summary: '录入调查结果 Adds or updates survey responses.',
      plural: 'The responses',
      record: SurveyResponse,
      dateColumn: 'surveyed_on',
    }),
    recordKind({
      mutation: 'recordComplaints',
      input: ComplaintInput,
      table: COMPLAINT_TABLE,
      check: receivedProblems,
      summary:
        '录入12389投诉 Adds or updates 12389 complaints (one found justified later is sent again ' +
        'with valid: true).',
      plural: 'The complaints',
      record: Complaint,
      dateColumn: 'received_on',
    }),
    recordKind({
      mutation: 'recordCommendations',
      input: CommendationInput,
      table: COMMENDATION_TABLE,
      check: receivedProblems,
      summary: '录入锦旗/表扬信 Adds or updates commendations (banners and letters).',
      plural: 'The banners and letters',
      record: Commendation,
      dateColumn: 'received_on',
    }),
  ],
);
