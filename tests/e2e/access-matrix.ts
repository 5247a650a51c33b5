import { FENGQIAO_STATION } from '../../scripts/sample-tokens';

/**
 * Who may use what: the table of issue 5 as data, walked by access.test.ts for every role,
 * through the gateway and straight to the owning subgraph.
 *
 *   anonymous     nothing
 *   admin         everything
 *   assessor      reads everything; writes publishAssessmentScheme only
 *   department:X  reads the registry, the boards and X's own records and statistics; writes X's
 *                 mutations only
 *   station:C     reads the registry, the boards and its own station's statistics; writes nothing
 *
 * A subgraph adds a row for each root Query and Mutation field it adds, and for each other field
 * it guards with a grant (e.g. `Station.caseStats`, Grant.ownStation): access.test.ts fails
 * while one is missing.
 */

/** The station of the `station:own` role, and the one a station:self row asks about. */
export const OWN_STATION = FENGQIAO_STATION;
/** Another station in the city demo data: 越城区分局府山派出所. */
export const OTHER_STATION = '330602500001';

/** Each signed-in role the matrix walks, with the roles its token carries. */
export const ROLES = {
  admin: ['admin'],
  assessor: ['assessor'],
  'department:stations': ['department:stations'],
  'department:cases': ['department:cases'],
  'department:traffic': ['department:traffic'],
  'department:surveys': ['department:surveys'],
  'station:own': [`station:${OWN_STATION}`],
  'station:other': [`station:${OTHER_STATION}`],
} as const satisfies Record<string, readonly string[]>;

export type Role = keyof typeof ROLES;

/** The registry and the boards are open to every signed-in user. */
export const SIGNED_IN = Object.keys(ROLES) as Role[];

export type Variables = Record<string, unknown>;

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
  /** The subgraph's tables a refused mutation must leave as they were. */
  writes?: string[];
  /** Who may use it; every other role gets FORBIDDEN, anonymous UNAUTHENTICATED. */
  allowed: readonly Role[];
}

let upserts = 0;

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
];
