import type { RunningGateway } from '../../gateway/src/gateway';
import {
  gatewayOver,
  startInProcess,
  subgraphUrls,
  type OutsideDepartments,
} from './in-process-platform';
import type { FollowOptions } from '../../gateway/src/supergraph-sources';
import { authConfigFromEnv } from '../../platform/auth';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../platform/gateway-proof';
import { statementCount } from '../../subgraphs/kit/service/database';
import type { DemoProfile } from '../../demo/profile';
import type { Logger } from '../../platform/log';
import {
  startSubgraph,
  type RunningService,
  type StartOptions,
} from '../../subgraphs/kit/service/server';
import { subgraphNamed } from '../../subgraphs/subgraph-named';
import { createTestDatabase, type TestDatabase } from './database';

interface GraphQLError {
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

/**
 * Headers that make the gateway run a read afresh, past its response cache: for a test that
 * counts the statements the read itself costs, whatever ran before it.
 */
export const UNCACHED = { 'cache-control': 'no-cache' };

export interface RequestOptions {
  variables?: Record<string, unknown>;
  token?: string;
  headers?: Record<string, string>;
  /**
   * The subgraph a request sent straight to a subgraph is for: it then carries the gateway's
   * proof for that subgraph and this query, minted with SUBGRAPH_SECRET as the gateway would.
   */
  proofFor?: string;
}

/** The header a tool calling `subgraph` directly sends with `query`: the gateway's proof. */
export async function proofHeaders(
  subgraph: string,
  query: string,
): Promise<Record<string, string>> {
  return { [GATEWAY_PROOF_HEADER]: await signGatewayProof({ subgraph, query }) };
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
      ...(options.proofFor ? await proofHeaders(options.proofFor, query) : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
  return { status: response.status, ...body };
}

/**
 * The platform as the tests meet it: every subgraph and the gateway started in this process
 * on free ports, over a fresh database of their own, the gateway serving the supergraph of the
 * registry in use (the checked-in one by default); a department of the registry with a command
 * of its own runs as its process. Requests go over HTTP, like a screen's.
 */
export class Platform {
  private readonly extraGateways: RunningGateway[] = [];
  private readonly stopped = new Set<string>();

  constructor(
    readonly gateway: RunningGateway,
    readonly services: Map<string, RunningService>,
    private readonly startOptions: ReadonlyMap<string, StartOptions>,
    readonly database: TestDatabase,
    /** The registry's departments run as their own process or elsewhere (none by default). */
    readonly outside: OutsideDepartments,
  ) {}

  /**
   * Another gateway over the same subgraphs, started with `env` set on top of the test's
   * environment (a limit, SAFELIST, ...) exactly as `npm run start:gateway` reads it, so the
   * settings are tested through the variables operators use. Stopped with the platform.
   * With `follow`, it follows those sources as `npm run start:gateway` does its files.
   */
  async startGateway(env: Record<string, string>, follow?: FollowOptions): Promise<RunningGateway> {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      const urls = subgraphUrls(this.services, this.outside);
      const gateway = await gatewayOver(urls, authConfigFromEnv(), { follow });
      this.extraGateways.push(gateway);
      return gateway;
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  /** A request through the gateway. */
  query(query: string, options: RequestOptions = {}): Promise<GraphQLResponse> {
    return postGraphQL(this.gateway.url, query, options);
  }

  service(name: string): RunningService {
    const service = this.services.get(name);
    if (!service) throw new Error(`no subgraph ${name} in this platform`);
    return service;
  }

  /** A request straight to one subgraph, skipping the gateway, with the gateway's proof. */
  querySubgraph(
    name: string,
    query: string,
    options: RequestOptions = {},
  ): Promise<GraphQLResponse> {
    return postGraphQL(this.service(name).url, query, { proofFor: name, ...options });
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

  /** A digest of a table's rows: equal before and after a request means nothing was written. */
  async fingerprint(name: string, table: string): Promise<string> {
    const [row] = await this.sql<{ f: string }>(
      name,
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS f FROM ${table} t`,
    );
    return row?.f ?? '';
  }

  /** Stops one subgraph as SIGTERM would: drains it, closes its pool, frees its port. */
  async stopSubgraph(name: string): Promise<void> {
    await this.service(name).stop();
    this.stopped.add(name);
  }

  /** Starts a stopped subgraph again, on the port it had. */
  async restartSubgraph(name: string): Promise<void> {
    const options = this.startOptions.get(name);
    if (!options || !this.stopped.has(name)) throw new Error(`subgraph ${name} is not stopped`);
    this.services.set(name, await startSubgraph(subgraphNamed(name), options));
    this.stopped.delete(name);
  }

  /** GET /metrics of the gateway or of one subgraph, as Prometheus text. */
  async metrics(name = 'gateway'): Promise<string> {
    const url = name === 'gateway' ? this.gateway.url : this.service(name).url;
    const response = await fetch(new URL('/metrics', url));
    if (!response.ok) throw new Error(`GET /metrics of ${name}: HTTP ${response.status}`);
    return response.text();
  }

  async stop(): Promise<void> {
    await Promise.all([this.gateway, ...this.extraGateways].map((g) => g.stop()));
    const running = [...this.services].filter(([name]) => !this.stopped.has(name));
    await Promise.all([...running.map(([, s]) => s.stop()), this.outside.stop()]);
    await this.database.drop();
  }
}

export interface PlatformOptions {
  seed?: DemoProfile | null;
  /** Where every service logs (tests of the log lines); by default jest's silent logger. */
  logger?: Logger;
  /** The PostgreSQL server to make the test database on; by default TEST_DATABASE_URL's. */
  serverUrl?: string;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const database = await createTestDatabase(options.serverUrl);
  try {
    const { gateway, services, startOptions, outside } = await startInProcess({
      databaseUrl: database.url,
      auth: authConfigFromEnv(),
      seed: options.seed ?? null,
      logger: options.logger,
    });
    return new Platform(gateway, services, startOptions, database, outside);
  } catch (error) {
    await database.drop();
    throw error;
  }
}
