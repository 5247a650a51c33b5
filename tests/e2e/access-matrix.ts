import { FENGQIAO_STATION } from '../../scripts/sample-tokens';
import { demoCases, demoDisputes } from '../../subgraphs/cases/seed';
import { demoCommendations, demoComplaints, demoResponses } from '../../subgraphs/surveys/seed';
import { demoAccidents } from '../../subgraphs/traffic/seed';
import { DEPARTMENT_REGISTRY, ROLE_DEPARTMENTS } from '../../subgraphs/kit/service/registry';
import { APPEALS_OF_A_STATION } from '../../subgraphs/assessment/appeals/appeal';
import { yoyItem } from '../support/scheme-items';

/**
 * Who may use what: the roles table as data, walked by access.test.ts for every role,
 * through the gateway and straight to the owning subgraph.
 *
 *   anonymous     nothing
 *   admin         everything
 *   assessor      reads everything; writes publishAssessmentScheme and publishAssessmentBoard,
 *                 and withdraws appeals for their stations
 *   department:X  reads the registry, the boards and X's own records and statistics; writes X's
 *                 mutations only (recording and withdrawing its records); lists and answers the
 *                 appeals on X's items
 *   station:C     reads the registry, the boards and its own station's statistics (no
 *                 division's) and records; files and withdraws its own appeals
 *
 * A subgraph adds a row for each root Query and Mutation field it adds, and for each other field
 * it guards with a grant (e.g. `Station.caseStats`, Grant.ownStation): access.test.ts fails
 * while one is missing.
 */

/** The station of the `station:own` role, and the one a station:self row asks about. */
export const OWN_STATION = FENGQIAO_STATION;
/** Another station in the city demo data: 越城区分局府山派出所. */
export const OTHER_STATION = '330602500001';

/**
 * Each signed-in role the matrix walks, with the roles its token carries: a department role for
 * the registry's keepers and for every department of the registry of departments.
 */
export const ROLES: Readonly<Record<string, readonly string[]>> = {
  admin: ['admin'],
  assessor: ['assessor'],
  ...Object.fromEntries(ROLE_DEPARTMENTS.map((d) => [`department:${d}`, [`department:${d}`]])),
  'station:own': [`station:${OWN_STATION}`],
  'station:other': [`station:${OTHER_STATION}`],
};

/** `admin`, `department:cases`, `station:own`, …: a key of ROLES (or `anonymous`: no token). */
export type Role = string;

/** The registry and the boards are open to every signed-in user. */
const SIGNED_IN: Role[] = Object.keys(ROLES);

type Variables = Record<string, unknown>;

export interface AccessRow {
  /** `Query.station`, `Mutation.upsertStations`, `Station.caseStats`. */
  field: string;
  /** The subgraph that resolves the field, also asked directly. */
  subgraph: string;
  /** A small operation that uses the field; about OWN_STATION for a station's own field. */
  query: string;
  /**
   * Its variables; a function gives each call fresh ones, so that a mutation that ran when it
   * should not have changes its tables even if the same mutation ran before.
   */
  variables?: Variables | (() => Variables);
  /** Asking the subgraph directly, when the gateway reaches the field through another one. */
  direct?: { query: string; variables?: Variables };
  /**
   * Variables that need the platform first (an OPEN appeal to answer): made before each call,
   * through the gateway as admin, before the tables are fingerprinted. Overrides `variables`.
   */
  prepare?: (asAdmin: AskAsAdmin) => Promise<Variables>;
  /** The subgraph's tables a refused mutation must leave as they were. */
  writes?: string[];
  /** Who may use it; every other role gets FORBIDDEN, anonymous UNAUTHENTICATED. */
  allowed: readonly Role[];
  /**
   * For a field every role may read but none may widen: what every allowed role must see of
   * the answer (`read` of its data), on either path, whatever the role.
   */
  answer?: { read: (data: Answer) => unknown; expected: unknown };
}

/** An operation run through the gateway as admin; its data, or a thrown error. */
export type AskAsAdmin = (query: string, variables?: Variables) => Promise<Answer>;

/** An answer's data as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

let upserts = 0;
let records = 0;
let schemes = 0;
let published = 0;

/** A department's statistics field: its own department, the assessors and the station itself. */
function statsRow(department: string, field: string, selection: string): AccessRow {
  const stats = `${field}(period: "2019-H1") { ${selection} }`;
  return {
    field: `Station.${field}`,
    subgraph: department,
    query: `query($code: ID!) { station(code: $code) { ${stats} } }`,
    variables: { code: OWN_STATION },
    direct: {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { ${stats} } } }`,
      variables: { r: [{ __typename: 'Station', code: OWN_STATION }] },
    },
    allowed: ['admin', 'assessor', `department:${department}`, 'station:own'],
  };
}

/**
 * A department's records of a station: the same readers as its statistics. Straight to the
 * subgraph too, so a station token cannot read another station's records by skipping the gateway.
 */
function recordsRow(department: string, field: string, selection: string): AccessRow {
  const records = `${field}(period: "2019-H1") { totalCount edges { node { ${selection} } } }`;
  return {
    field: `Station.${field}`,
    subgraph: department,
    query: `query($code: ID!) { station(code: $code) { ${records} } }`,
    variables: { code: OWN_STATION },
    direct: {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { ${records} } } }`,
      variables: { r: [{ __typename: 'Station', code: OWN_STATION }] },
    },
    allowed: ['admin', 'assessor', `department:${department}`, 'station:own'],
  };
}

function recordsRows(): AccessRow[] {
  return DEPARTMENT_REGISTRY.map((d) =>
    recordsRow(d.name, d.records.field, 'externalId history { action }'),
  );
}

/**
 * A department's withdrawal: that department and admin only. Every call withdraws another record
 * of the city demo data the matrix runs over (an unknown id would be refused before anything
 * could be written), so a withdrawal that ran when it should not have changes the table.
 */
function withdrawRow(
  department: string,
  mutation: string,
  table: string,
  demo: { externalId: string }[],
): AccessRow {
  let next = 0;
  return {
    field: `Mutation.${mutation}`,
    subgraph: department,
    query: `mutation($ids: [ID!]!) { ${mutation}(externalIds: $ids, reason: "权限测试") { withdrawn } }`,
    variables: () => ({ ids: [demo[(next += 1)]?.externalId] }),
    writes: [table, 'change_log'],
    allowed: ['admin', `department:${department}`],
  };
}

function withdrawRows(): AccessRow[] {
  return [
    withdrawRow('cases', 'withdrawCases', 'criminal_case', demoCases('city')),
    withdrawRow('cases', 'withdrawDisputes', 'dispute', demoDisputes('city')),
    withdrawRow('traffic', 'withdrawAccidents', 'accident', demoAccidents('city')),
    withdrawRow('surveys', 'withdrawSurveyResponses', 'survey_response', demoResponses('city')),
    withdrawRow('surveys', 'withdrawComplaints', 'complaint', demoComplaints('city')),
    withdrawRow('surveys', 'withdrawCommendations', 'commendation', demoCommendations('city')),
  ];
}

/** A department's figures summed over a division: its own department and the assessors. */
function divisionStatsRow(department: string, field: string, selection: string): AccessRow {
  const stats = `${field}(period: "2019-H1") { ${selection} }`;
  return {
    field: `Division.${field}`,
    subgraph: department,
    query: `{ division(code: "330681") { ${stats} } }`,
    direct: {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { ${stats} } } }`,
      variables: {
        r: [{ __typename: 'Division', code: '330681', stations: [{ code: OWN_STATION }] }],
      },
    },
    allowed: ['admin', 'assessor', `department:${department}`],
  };
}

/** Every department's statistics, of a station and of a division, from the registry. */
function statsRows(): AccessRow[] {
  return DEPARTMENT_REGISTRY.flatMap((d) => [
    statsRow(d.name, d.statistics.field, 'period from to'),
    divisionStatsRow(d.name, d.statistics.field, 'period from to'),
  ]);
}

/** A department's indicator catalog: open to every signed-in user, as the boards are. */
function catalogRow(department: string, field: string): AccessRow {
  return {
    field: `Query.${field}`,
    subgraph: department,
    query: `{ ${field} { department version indicators { key label kind reads } } }`,
    allowed: SIGNED_IN,
  };
}

/** A department's record mutation: that department only. Every call sends a new record. */
function recordRow(
  department: string,
  mutation: string,
  input: string,
  table: string,
  record: (externalId: string) => Record<string, unknown>,
): AccessRow {
  return {
    field: `Mutation.${mutation}`,
    subgraph: department,
    query: `mutation($input: [${input}!]!) { ${mutation}(input: $input) { inserted } }`,
    variables: () => ({
      input: [{ stationCode: OWN_STATION, ...record(`ACCESS-${(records += 1)}`) }],
    }),
    writes: [table],
    allowed: ['admin', `department:${department}`],
  };
}

function recordRows(): AccessRow[] {
  const on = '2019-05-01';
  return [
    recordRow('cases', 'recordCases', 'CaseInput', 'criminal_case', (externalId) => ({
      externalId,
      category: 'OTHER',
      filedOn: on,
    })),
    recordRow('cases', 'recordDisputes', 'DisputeInput', 'dispute', (externalId) => ({
      externalId,
      receivedOn: on,
      channel: 'PEOPLE',
      outcome: 'PENDING',
    })),
    recordRow('traffic', 'recordAccidents', 'AccidentInput', 'accident', (externalId) => ({
      externalId,
      occurredOn: on,
      deaths: 0,
      injuries: 1,
    })),
    recordRow(
      'surveys',
      'recordSurveyResponses',
      'SurveyResponseInput',
      'survey_response',
      (externalId) => ({
        externalId,
        surveyedOn: on,
        security: 5,
        satisfaction: 4,
      }),
    ),
    recordRow('surveys', 'recordComplaints', 'ComplaintInput', 'complaint', (externalId) => ({
      externalId,
      receivedOn: on,
      valid: false,
    })),
    recordRow(
      'surveys',
      'recordCommendations',
      'CommendationInput',
      'commendation',
      (externalId) => ({
        externalId,
        receivedOn: on,
        kind: 'BANNER',
      }),
    ),
  ];
}

/**
 * The indicator keys fengqiao-2019@1 uses (scored, deducted or vetoed), by department: what its
 * boards publish. A new department states its own (none, until a scheme scores it).
 */
const FENGQIAO_KEYS: Readonly<Record<string, string[]>> = {
  cases: [
    'cases.criminalSolved',
    'cases.homicides',
    'cases.mediationRate',
    'cases.propertyCrimes',
    'cases.telecomFraudSolved',
    'cases.twoVehicleThefts',
  ],
  traffic: [
    'traffic.accidents',
    'traffic.deaths',
    'traffic.injuries',
    'traffic.majorAccidents',
    'traffic.severeAccidents',
  ],
  surveys: [
    'surveys.commendations',
    'surveys.satisfactionRate',
    'surveys.securityRate',
    'surveys.validComplaints',
  ],
};

/** What a board's department field shows: whose figures, and which keys. */
function shown(list: { stationCode: string; values: { key: string }[] }[] | null) {
  return {
    stations: (list ?? []).map((s) => s.stationCode),
    keys: [...new Set((list ?? []).flatMap((s) => s.values.map((v) => v.key)))].sort(),
  };
}

/**
 * A board's department field, for another station's board: every role sees what the board
 * publishes, the indicators its scheme uses, and nothing else that department counts (e.g.
 * cases.criminalFiled), whether through the gateway or by `_entities` straight to the
 * department with the board's representation.
 */
function boardFieldRow(department: string, field: string): AccessRow {
  const selection = `${field} { stationCode values { key current baseline sample } }`;
  const board = { scope: OTHER_STATION, period: '2019-H1', schemeId: 'fengqiao-2019@1' };
  return {
    field: `AssessmentBoard.${field}`,
    subgraph: department,
    query: `query($scope: ID!, $period: String!, $schemeId: ID) {
      assessmentBoard(scope: $scope, period: $period, schemeId: $schemeId) { ${selection} } }`,
    variables: board,
    direct: {
      query: `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on AssessmentBoard { ${selection} } } }`,
      variables: {
        r: [{ __typename: 'AssessmentBoard', ...board, stations: [{ code: OTHER_STATION }] }],
      },
    },
    allowed: SIGNED_IN,
    answer: {
      read: (data: Answer) => shown((data.assessmentBoard ?? data._entities[0])[field]),
      expected: { stations: [OTHER_STATION], keys: FENGQIAO_KEYS[department] ?? [] },
    },
  };
}

/** The board the appeals' rows appeal against: the one the publishAssessmentBoard row publishes. */
/**
 * The boards the appeal rows file on, in turn. A station may file APPEALS_OF_A_STATION appeals
 * on a board, withdrawn ones counted, and the rows file one per role and path in all: more than
 * one board takes. Their scheme is named, as the publishAssessmentScheme row makes others newer.
 */
const APPEAL_PERIODS = ['2019-H1', '2019-H2', '2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4'];
const APPEAL_SCHEME_ID = 'fengqiao-2019@1';
const APPEAL_FIELDS = 'id status';
let appealsFiled = 0;

/** The board the next appeal goes on: the next one once this one has taken the most it may. */
function appealBoard() {
  const period = APPEAL_PERIODS[Math.floor(appealsFiled / APPEALS_OF_A_STATION)];
  if (!period) throw new Error('the appeal rows have filed on every board they have');
  return { scope: '330681', period, schemeId: APPEAL_SCHEME_ID };
}

/** An appeal OWN_STATION files on a traffic indicator of the board; counted as filed. */
function appealInput(board: ReturnType<typeof appealBoard>) {
  appealsFiled += 1;
  return {
    input: {
      ...board,
      stationCode: OWN_STATION,
      item: 'traffic.deaths',
      claim: '权限测试：死亡人数有误',
    },
  };
}

/**
 * Publishes the board if it is not yet (the publishAssessmentBoard row may not have run), then
 * withdraws every OPEN appeal of it, so that OWN_STATION may file on the same item again: each
 * call of the appeals' rows starts from none open.
 */
async function noOpenAppeals(
  asAdmin: AskAsAdmin,
  board: ReturnType<typeof appealBoard>,
): Promise<void> {
  const published = await asAdmin(
    'query($scope: ID!, $period: String!, $schemeId: ID) { publishedBoard(scope: $scope, period: $period, schemeId: $schemeId) { revision } }',
    board,
  );
  if (!published.publishedBoard) {
    await asAdmin(
      'mutation($scope: ID!, $period: String!, $schemeId: ID) { publishAssessmentBoard(scope: $scope, period: $period, schemeId: $schemeId) { revision } }',
      board,
    );
  }
  const open = await asAdmin(
    `query($scope: ID!, $period: String!) {
       appeals(status: OPEN, scope: $scope, period: $period, first: 100) { edges { node { id } } } }`,
    { scope: board.scope, period: board.period },
  );
  for (const { node } of open.appeals.edges as { node: { id: string } }[]) {
    await asAdmin('mutation($id: ID!) { withdrawAppeal(id: $id) { id } }', { id: node.id });
  }
}

/** A new OPEN appeal of OWN_STATION on a traffic item: what the answering rows act on. */
async function openAppeal(asAdmin: AskAsAdmin): Promise<Variables> {
  const board = appealBoard();
  await noOpenAppeals(asAdmin, board);
  const filed = await asAdmin(
    `mutation($input: AppealInput!) { fileAppeal(input: $input) { id } }`,
    appealInput(board),
  );
  return { id: filed.fileAppeal.id };
}

/**
 * Appeals: a station files on its own row (admin may for any), the department owning the item
 * answers, the station or an assessor withdraws, departments list their own and assessors all.
 */
function appealRows(): AccessRow[] {
  return [
    {
      field: 'Mutation.fileAppeal',
      subgraph: 'assessment',
      query: `mutation($input: AppealInput!) { fileAppeal(input: $input) { ${APPEAL_FIELDS} } }`,
      prepare: async (asAdmin) => {
        const board = appealBoard();
        await noOpenAppeals(asAdmin, board);
        return appealInput(board);
      },
      writes: ['appeal', 'appeal_event'],
      allowed: ['admin', 'station:own'],
    },
    {
      field: 'Mutation.answerAppeal',
      subgraph: 'assessment',
      query: `mutation($id: ID!) { answerAppeal(id: $id, accepted: false, reason: "权限测试") { ${APPEAL_FIELDS} } }`,
      prepare: openAppeal,
      writes: ['appeal', 'appeal_event'],
      allowed: ['admin', 'department:traffic'],
    },
    {
      field: 'Mutation.withdrawAppeal',
      subgraph: 'assessment',
      query: `mutation($id: ID!) { withdrawAppeal(id: $id, reason: "权限测试") { ${APPEAL_FIELDS} } }`,
      prepare: openAppeal,
      writes: ['appeal', 'appeal_event'],
      allowed: ['admin', 'assessor', 'station:own'],
    },
    {
      field: 'Query.appeals',
      subgraph: 'assessment',
      query: `{ appeals(department: TRAFFIC, first: 5) { totalCount edges { node { ${APPEAL_FIELDS} } } } }`,
      allowed: ['admin', 'assessor', 'department:traffic'],
    },
  ];
}

export const ACCESS_MATRIX: readonly AccessRow[] = [
  // stations: the registry
  {
    field: 'Query.station',
    subgraph: 'stations',
    query: 'query($code: ID!) { station(code: $code) { code name } }',
    variables: { code: OWN_STATION },
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.registeredStations',
    subgraph: 'stations',
    query: 'query($codes: [ID!]!) { registeredStations(codes: $codes) { code } }',
    variables: { codes: [OWN_STATION, '999999999999'] },
    allowed: SIGNED_IN,
    answer: { read: (data: Answer) => data.registeredStations, expected: [{ code: OWN_STATION }] },
  },
  {
    field: 'Query.unregisteredStationCodes',
    subgraph: 'stations',
    query: 'query($codes: [ID!]!) { unregisteredStationCodes(codes: $codes) }',
    variables: { codes: [OWN_STATION, '999999999999', '999999999999'] },
    allowed: SIGNED_IN,
    answer: { read: (data: Answer) => data.unregisteredStationCodes, expected: ['999999999999'] },
  },
  {
    field: 'Query.stations',
    subgraph: 'stations',
    query: '{ stations(scope: "330681", first: 5) { totalCount edges { node { code } } } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.division',
    subgraph: 'stations',
    query: '{ division(code: "330681") { name stationCount } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.divisions',
    subgraph: 'stations',
    query: '{ divisions(parentCode: "330600") { code name } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Mutation.upsertStations',
    subgraph: 'stations',
    query:
      'mutation($input: [StationInput!]!) { upsertStations(input: $input) { inserted updated } }',
    variables: () => ({
      input: [
        {
          code: '330624600099',
          name: '权限测试派出所',
          divisionCode: '330624',
          address: '浙江省绍兴市新昌县测试路99号',
          creationStatus: 'IN_PROGRESS',
          officers: (upserts += 1),
          population: 1000,
          socialOrganizations: 0,
        },
      ],
    }),
    writes: ['station'],
    allowed: ['admin', 'department:stations'],
  },
  ...statsRows(),
  ...recordsRows(),
  ...recordRows(),
  ...withdrawRows(),
  // Every department's board field and catalog, from the registry of departments: a new one
  // gets its rows.
  ...DEPARTMENT_REGISTRY.flatMap((d) => [
    boardFieldRow(d.name, d.board.field),
    catalogRow(d.name, d.catalog.field),
  ]),
  {
    field: 'Query.departments',
    subgraph: 'assessment',
    query: '{ departments { department name label } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.indicatorCatalog',
    subgraph: 'assessment',
    query: '{ indicatorCatalog { department label version indicators { key label kind } } }',
    allowed: SIGNED_IN,
  },
  // assessment: the board is published to every signed-in user; schemes are the assessors'
  {
    field: 'Query.assessmentBoard',
    subgraph: 'assessment',
    query:
      '{ assessmentBoard(scope: "330681", period: "2019-H1") { schemeId rows { rank total station { code } } } }',
    // Straight to the subgraph there are no rows: they need the other subgraphs' fields.
    direct: {
      query: '{ assessmentBoard(scope: "330681", period: "2019-H1") { schemeId partial } }',
    },
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.assessmentSchemes',
    subgraph: 'assessment',
    query: '{ assessmentSchemes { id } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.assessmentScheme',
    subgraph: 'assessment',
    query: '{ assessmentScheme(id: "fengqiao-2019@1") { id indicators { key weight } } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Mutation.publishAssessmentScheme',
    subgraph: 'assessment',
    query:
      'mutation($input: AssessmentSchemeInput!) { publishAssessmentScheme(input: $input) { id } }',
    // A new name each call: a refused publication must leave the tables as they were.
    variables: () => ({
      input: {
        name: `access-${(schemes += 1)}`,
        title: '权限测试方案',
        indicators: [yoyItem('cases.criminalSolved', 'CASES', 100)],
      },
    }),
    writes: ['scheme', 'scheme_indicator'],
    allowed: ['admin', 'assessor'],
  },
  {
    field: 'Query.publishedBoard',
    subgraph: 'assessment',
    query: '{ publishedBoard(scope: "330681", period: "2019-H1") { revision totalCount } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Query.publishedBoards',
    subgraph: 'assessment',
    query: '{ publishedBoards(first: 5) { totalCount edges { node { id } } } }',
    allowed: SIGNED_IN,
  },
  {
    field: 'Mutation.publishAssessmentBoard',
    subgraph: 'assessment',
    query:
      'mutation($reason: String) { publishAssessmentBoard(scope: "330681", period: "2019-H1", reason: $reason) { revision } }',
    // Every publication after the first needs a reason: each call gives one.
    variables: () => ({ reason: `权限测试 ${(published += 1)}` }),
    writes: ['published_board', 'published_row'],
    allowed: ['admin', 'assessor'],
  },
  ...appealRows(),
];
