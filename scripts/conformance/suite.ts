import { claimsFromEnv, signToken } from '../../platform/auth';
import {
  boardKeys,
  CheckFailure,
  entitiesResolve,
  errorsCoded,
  forgedStationForbidden,
  incompleteRefused,
  noTokenRefused,
  otherDepartmentForbidden,
  otherStationForbidden,
  ownReads,
  recordsAddUp,
  type CheckContext,
} from './checks';
import { contractShape, type ContractShape } from './contract-shape';
import type { CheckResult } from './report';
import { SubgraphClient, type Answer } from './subgraph-client';

export interface SuiteOptions {
  /** The department's name, as the supergraph names its subgraph (e.g. cases, fire). */
  name: string;
  /** Its GraphQL endpoint, e.g. http://localhost:4002/graphql. */
  url: string;
  /** The platform's gateway: the registry's stations and the scheme's keys come from it. */
  gateway: string;
  scope: string;
  period: string;
  scheme: string;
  /** The stations to read; by default the first two of the scope. */
  station?: string;
  otherStation?: string;
  /** The platform's JWT_SECRET: the suite signs its tokens with it. */
  jwtSecret: string;
  /** SUBGRAPH_SECRET: the suite signs gateway proofs with it; without it, no proof check. */
  subgraphSecret?: string;
}

/** The checks after the SDL, in order; `errors coded` last, as it reads every error seen. */
const CHECKS: [string, (c: CheckContext) => Promise<string>][] = [
  ['entities', entitiesResolve],
  ['incomplete representation', incompleteRefused],
  ['no token', noTokenRefused],
  ['own station', ownReads],
  ['other station', otherStationForbidden],
  ['other station, forged', forgedStationForbidden],
  ['other department', otherDepartmentForbidden],
  ['board keys', boardKeys],
  ['records add up', recordsAddUp],
  ['errors coded', errorsCoded],
];

async function run(check: string, body: () => Promise<string>): Promise<CheckResult> {
  try {
    return { check, outcome: 'passed', why: await body() };
  } catch (error) {
    const why = error instanceof CheckFailure ? error.message : `threw ${String(error)}`;
    return { check, outcome: 'failed', why };
  }
}

async function askGateway<T>(
  options: SuiteOptions,
  token: string,
  query: string,
  variables: Record<string, unknown>,
) {
  const response = await fetch(options.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as Omit<Answer, 'status'>;
  const [first] = answer.errors ?? [];
  if (first || !answer.data) {
    throw new CheckFailure(`the gateway at ${options.gateway}: ${first?.message ?? 'no data'}`);
  }
  return answer.data as T;
}

/** From the gateway: two stations of the scope (unless given) and the scheme's keys. */
async function learnFromGraph(options: SuiteOptions, admin: string) {
  let { station, otherStation } = options;
  if (!station || !otherStation) {
    const data = await askGateway<{ stations: { edges: { node: { code: string } }[] } }>(
      options,
      admin,
      'query($scope: ID!) { stations(scope: $scope, first: 2) { edges { node { code } } } }',
      { scope: options.scope },
    );
    const codes = data.stations.edges.map((e) => e.node.code);
    station ??= codes[0];
    otherStation ??= codes.find((code) => code !== station);
  }
  if (!station || !otherStation) {
    throw new CheckFailure(`scope ${options.scope} has fewer than two stations: pass --station`);
  }
  const data = await askGateway<{
    assessmentScheme: Record<string, { key: string }[]> | null;
  }>(
    options,
    admin,
    'query($id: ID!) { assessmentScheme(id: $id) { indicators { key } deductions { key } vetoes { key } } }',
    { id: options.scheme },
  );
  const scheme = data.assessmentScheme;
  if (!scheme) throw new CheckFailure(`${options.scheme} is not a published scheme`);
  const prefix = `${options.name}.`;
  const schemeKeys = [
    ...new Set(Object.values(scheme).flatMap((list) => list.map((i) => i.key))),
  ].filter((key) => key.startsWith(prefix));
  return { station, otherStation, schemeKeys };
}

interface CatalogAnswer {
  department: string;
  version: string;
  indicators: { key: string; kind: 'COUNT' | 'RATE'; reads: string[] }[];
}

/** The department's catalog, when it serves one (docs/department-contract.md). */
async function readCatalog(
  client: SubgraphClient,
  shape: ContractShape,
  admin: string,
  name: string,
): Promise<{ result: CheckResult; catalog?: CatalogAnswer }> {
  const check = 'catalog';
  if (!shape.catalogField) {
    return {
      result: {
        check,
        outcome: 'skipped',
        why: 'no Query field of type IndicatorCatalog: keys taken from the scheme',
      },
    };
  }
  const answer = await client.post(
    `{ c: ${shape.catalogField} { department version indicators { key label kind reads } } }`,
    { token: admin },
  );
  const catalog = answer.data?.c as CatalogAnswer | null | undefined;
  const foreign = catalog?.indicators.find((i) => !i.key.startsWith(`${name}.`));
  const problem =
    answer.errors?.[0]?.message ??
    (!catalog ? 'answered null' : undefined) ??
    (catalog?.department !== name ? `department ${catalog?.department}, not ${name}` : undefined) ??
    (foreign ? `key ${foreign.key} is not ${name}.*` : undefined);
  if (problem || !catalog) {
    return { result: { check, outcome: 'failed', why: `${shape.catalogField}: ${problem}` } };
  }
  return {
    catalog,
    result: {
      check,
      outcome: 'passed',
      why: `${shape.catalogField}: ${catalog.indicators.length} indicators, version ${catalog.version}`,
    },
  };
}

/** The gateway's proof is required: none, another audience, expired, another query's. */
async function proofRequired(client: SubgraphClient, admin: string): Promise<CheckResult> {
  const check = 'proof';
  if (!client.signsProofs) {
    return { check, outcome: 'skipped', why: 'SUBGRAPH_SECRET is not set: no proof to mint' };
  }
  return run(check, async () => {
    const query = '{ _service { sdl } }';
    for (const proof of [
      'none',
      'wrong-audience',
      'expired',
      { hashOf: '{ __typename }' },
    ] as const) {
      const answer = await client.post(query, { token: admin, proof });
      const what = typeof proof === 'object' ? 'a proof of another query' : `proof ${proof}`;
      const code = answer.errors?.[0]?.extensions?.code;
      if (answer.status !== 401 || code !== 'UNAUTHENTICATED' || answer.data) {
        throw new CheckFailure(`${what}: HTTP ${answer.status}, ${String(code)}`);
      }
    }
    return 'none, another aud, expired, another query: 401 UNAUTHENTICATED';
  });
}

/**
 * Runs the whole suite against one running subgraph: black box over HTTP, with the tokens
 * and proofs it mints. Returns one result per check, in order.
 */
export async function runConformance(options: SuiteOptions): Promise<CheckResult[]> {
  const client = new SubgraphClient(options.url, options.name, options.subgraphSecret);
  const mint = (...roles: string[]) =>
    signToken(options.jwtSecret, { sub: `conformance-${roles.join('+')}`, roles }, claimsFromEnv());
  const admin = await mint('admin');
  const results: CheckResult[] = [];

  results.push(
    await run('health', async () => {
      const [health, ready] = [await client.route('/health'), await client.route('/ready')];
      if (health !== 200 || ready !== 200) {
        throw new CheckFailure(`/health ${health}, /ready ${ready}`);
      }
      return '/health 200, /ready 200, without token or proof';
    }),
  );

  let shape: ContractShape | undefined;
  results.push(
    await run('sdl', async () => {
      const answer = await client.post('{ _service { sdl } }', { token: admin });
      const sdl = (answer.data?._service as { sdl?: string } | null | undefined)?.sdl;
      if (!sdl) throw new CheckFailure(`no SDL: ${answer.errors?.[0]?.message ?? 'null'}`);
      const read = contractShape(sdl);
      if (!read.shape) throw new CheckFailure(read.problems.join('; '));
      shape = read.shape;
      const { statsField, recordsField, boardField, divisionField } = shape;
      return [statsField, recordsField, boardField, divisionField].filter(Boolean).join(', ');
    }),
  );
  results.push(await proofRequired(client, admin));
  if (!shape) return results;

  const { result, catalog } = await readCatalog(client, shape, admin, options.name);
  results.push(result);

  let context: CheckContext | undefined;
  const found = shape;
  results.push(
    await run('graph', async () => {
      const learnt = await learnFromGraph(options, admin);
      context = {
        client,
        name: options.name,
        shape: found,
        period: options.period,
        schemeId: options.scheme,
        division: /^\d{6}$/.test(options.scope) ? options.scope : learnt.station.slice(0, 6),
        station: learnt.station,
        otherStation: learnt.otherStation,
        schemeKeys: learnt.schemeKeys,
        catalog:
          catalog?.indicators ?? learnt.schemeKeys.map((key) => ({ key, kind: null, reads: null })),
        tokens: {
          admin,
          station: await mint(`station:${learnt.station}`),
          department: await mint(`department:${options.name}`),
          otherDepartment: await mint('department:stations'),
        },
      };
      return `stations ${learnt.station}, ${learnt.otherStation}; ${options.scheme} uses ${learnt.schemeKeys.length} keys of ${options.name}`;
    }),
  );
  if (!context) return results;
  for (const [check, body] of CHECKS) {
    const c = context;
    results.push(await run(check, () => body(c)));
  }
  return results;
}
