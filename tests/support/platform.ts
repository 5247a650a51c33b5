import { readFileSync } from 'node:fs';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { authConfigFromEnv } from '../../subgraphs/kit/auth';
import { statementCount } from '../../subgraphs/kit/database';
import type { DemoProfile } from '../../subgraphs/kit/demo/profile';
import { SUPERGRAPH_FILE } from '../../subgraphs/kit/paths';
import { startSubgraph, type RunningService } from '../../subgraphs/kit/server';
import { SUBGRAPHS } from '../../subgraphs/list';
import { createTestDatabase, type TestDatabase } from './database';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** Tests read answers as JSON; `any` keeps their assertions short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: GraphQLError[];
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  token?: string;
  headers?: Record<string, string>;
}

export async function postGraphQL(
  url: string,
  query: string,
  options: RequestOptions = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
  return { status: response.status, ...body };
}

/**
 * The platform as the tests meet it: every subgraph and the gateway started in this process
 * on free ports, over a fresh database of their own, the gateway serving the checked-in
 * supergraph. Requests go over HTTP, like a screen's.
 */
export class Platform {
  constructor(
    readonly gateway: RunningGateway,
    readonly services: ReadonlyMap<string, RunningService>,
    readonly database: TestDatabase,
  ) {}

  /** A request through the gateway. */
  query(query: string, options: RequestOptions = {}): Promise<GraphQLResponse> {
    return postGraphQL(this.gateway.url, query, options);
  }

  service(name: string): RunningService {
    const service = this.services.get(name);
    if (!service) throw new Error(`no subgraph ${name} in this platform`);
    return service;
  }

  /** A request straight to one subgraph, skipping the gateway. */
  querySubgraph(
    name: string,
    query: string,
    options: RequestOptions = {},
  ): Promise<GraphQLResponse> {
    return postGraphQL(this.service(name).url, query, options);
  }

  /** Runs `work` and returns the SQL statements each subgraph sent meanwhile, by name. */
  async countStatements<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; statements: Record<string, number> }> {
    const before = new Map([...this.services].map(([name, s]) => [name, statementCount(s.db)]));
    const result = await work();
    const statements = Object.fromEntries(
      [...this.services].map(([name, s]) => [name, statementCount(s.db) - (before.get(name) ?? 0)]),
    );
    return { result, statements };
  }

  /** Raw SQL against one subgraph's own schema, to check what was (not) written. */
  sql<T = Record<string, unknown>>(
    name: string,
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return this.service(name).db.query<T[]>(text, params);
  }

  /** A digest of a record table's rows: equal before and after a request means nothing was written. */
  async fingerprint(name: string, table: string): Promise<string> {
    const [row] = await this.sql<{ f: string }>(
      name,
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY external_id), '')) AS f FROM ${table} t`,
    );
    return row?.f ?? '';
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    await Promise.all([...this.services.values()].map((s) => s.stop()));
    await this.database.drop();
  }
}

export async function startPlatform(
  options: { seed?: DemoProfile | null } = {},
): Promise<Platform> {
  const database = await createTestDatabase();
  const auth = authConfigFromEnv();
  const services = new Map<string, RunningService>();
  try {
    for (const definition of SUBGRAPHS) {
      const service = await startSubgraph(definition, {
        port: 0,
        databaseUrl: database.url,
        auth,
        seed: options.seed ?? null,
      });
      services.set(definition.name, service);
    }
    const gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      port: 0,
      auth,
      subgraphUrls: Object.fromEntries([...services].map(([name, s]) => [name, s.url])),
    });
    return new Platform(gateway, services, database);
  } catch (error) {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await database.drop();
    throw error;
  }
}
