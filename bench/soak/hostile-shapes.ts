import { listedOperation } from '../../platform/operations';
import { crowdedBoard, crowdedDivision } from '../memory/hostile';
import type { Probe } from '../memory/probe';
import { refused, type SoakKind } from './soak-kind';

/**
 * The hostile shapes of the second hardening pass, for the soak: what an outsider with a token
 * sends straight to a subgraph (with a proof, since the proof is one layer, or without one), and
 * writes that would make the registry's bounds false. Each must be refused, coded, at once, and
 * none may move any service's memory.
 */
const STATION = '330681500001';
const OTHER_STATION = '330681500002';
const ALIASES = 20;

/** A memory probe sent straight to its subgraph, refused with BAD_USER_INPUT. */
function refusedRepresentation(probe: Probe): SoakKind {
  return {
    name: probe.name,
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.postSubgraph(probe.subgraph ?? 'cases', probe.query, probe.variables, {
          token: await c.token(probe.role),
        }),
        'BAD_USER_INPUT',
      ),
  };
}

const STATION_RECORDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Station {
  caseStats(period: "2019") { period } caseRecords(period: "2019") { totalCount } } } }`;

const ALIASED_HISTORY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Station { ${Array.from(
  { length: ALIASES },
  (_, i) =>
    `r${i}: caseRecords(period: "2019", first: 1000) { edges { node { externalId historyCount history { at action sub changes { field before after } } } } }`,
).join(' ')} } } }`;

/** A station outside the registry's bounds or codes: a batch that must write nothing. */
function registryStation(code: string) {
  return {
    code,
    name: `越界派出所${code.slice(-4)}`,
    divisionCode: '330624',
    address: '浙江省绍兴市新昌县越界路1号',
    brand: null,
    creationStatus: 'IN_PROGRESS',
    officers: 10,
    population: 10000,
    socialOrganizations: 1,
  };
}

export const HOSTILE_SHAPES: SoakKind[] = [
  // Built once: 3.6 MB of variables need not be rebuilt for every request.
  refusedRepresentation(crowdedBoard(150_000)),
  refusedRepresentation(crowdedDivision(100_000)),
  {
    name: "another station's records, forged",
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.postSubgraph(
          'cases',
          STATION_RECORDS,
          { r: [{ __typename: 'Station', code: OTHER_STATION, stationCode: STATION }] },
          { token: await c.token(`station:${STATION}`) },
        ),
        'FORBIDDEN',
      ),
  },
  {
    name: 'malformed representation',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.postSubgraph('cases', STATION_RECORDS, {
          r: [{ __typename: 'Station', code: [STATION] }],
        }),
        'BAD_USER_INPUT',
      ),
  },
  {
    name: 'no gateway proof',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.postSubgraph(
          'stations',
          listedOperation('Station'),
          { code: STATION },
          { proof: false },
        ),
        'UNAUTHENTICATED',
      ),
  },
  {
    name: `history x ${ALIASES} to cases`,
    weight: 1,
    hostile: true,
    // Allowed, and bounded: each record answers its newest writes only, the whole under the
    // answer budget; a 500 or an answer past 32 MB is the failure.
    run: async (c) => {
      const res = await c.postSubgraph('cases', ALIASED_HISTORY, {
        r: [{ __typename: 'Station', code: STATION }],
      });
      if (res.status >= 500 || res.codes.includes('INTERNAL_SERVER_ERROR')) {
        return `HTTP ${res.status} ${res.codes.join()}`;
      }
      return res.bytes > 32 * 2 ** 20 ? `a ${res.bytes}-byte answer` : null;
    },
  },
  {
    name: 'crowd a full county',
    weight: 1,
    hostile: true,
    // 新昌县 holds the soak's 1,000 stations and its own: 200 more pass its 1,200.
    run: async (c) => {
      const first = 800_000 + (c.next() % 100) * 1000;
      const input = Array.from({ length: 200 }, (_, i) =>
        registryStation(`330624${String(first + i)}`),
      );
      return refused(await c.post(listedOperation('LoadStations'), { input }), 'BAD_USER_INPUT');
    },
  },
  {
    name: 'made-up station code',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post(listedOperation('LoadStations'), {
          input: [registryStation(c.next() % 2 ? '999999500001' : '000000000000')],
        }),
        'BAD_USER_INPUT',
      ),
  },
];
