import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../platform/auth';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '../scripts/embedded-postgres';
import {
  GATEWAY_SCRIPT,
  ProcessGroup,
  startSubgraphs,
  subgraphUrlEnv,
  type SubgraphProcess,
} from '../scripts/processes';
import { SUBGRAPHS } from '../subgraphs/list';

export interface ProcessPlatform {
  gatewayUrl: string;
  databaseUrl: string;
  /** Every service, the gateway last, with its process id: what memory is read from. */
  services: SubgraphProcess[];
  /** Where each service logs. */
  logDir: string;
  token(roles: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The platform as `npm start` runs it, each service its own process, on free ports over a
 * fresh embedded PostgreSQL with the city demo data: so each service's memory can be read on
 * its own (/proc, /metrics). Any service exiting meanwhile is reported by `onExit`.
 */
export async function startProcessPlatform(
  onExit: (name: string, how: string) => void,
): Promise<ProcessPlatform> {
  const work = mkdtempSync(join(tmpdir(), 'fengqiao-processes-'));
  // As root, PostgreSQL runs as user postgres, who must reach its data folder inside.
  chmodSync(work, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: join(work, 'postgres'),
    port: await freePort(),
    persistent: false,
  });
  const secret = randomBytes(32).toString('base64url');
  const group = new ProcessGroup(onExit);
  const databaseUrl = await ensureDatabase(postgres.url, 'platform');
  const port = await freePort();
  const gatewayUrl = `http://localhost:${port}/graphql`;
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: secret,
    // The subgraphs answer only a gateway that signs with it.
    SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
    SEED: 'city',
    NODE_ENV: 'production',
    // Any operation may be sent, not only the listed ones: the limits are what is measured.
    SAFELIST: 'off',
    // The departments ask the graph (the registry's codes, a scheme's keys) through the gateway.
    GATEWAY_URL: gatewayUrl,
  };
  try {
    const ports = new Map(
      await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const)),
    );
    const subgraphs = await startSubgraphs(group, {
      env,
      portOf: (name) => ports.get(name) ?? 0,
      output: (name) => ({ file: join(work, `${name}.log`) }),
      timeoutMs: 300_000,
    });
    const gateway = group.start({
      name: 'gateway',
      script: GATEWAY_SCRIPT,
      env: { ...env, ...subgraphUrlEnv(subgraphs), PORT: String(port) },
      output: { file: join(work, 'gateway.log') },
    });
    await group.waitHealthy('gateway', gatewayUrl, 60_000);
    return {
      gatewayUrl,
      databaseUrl,
      services: [
        ...subgraphs,
        { name: 'gateway', port, url: gatewayUrl, ...(gateway.pid ? { pid: gateway.pid } : {}) },
      ],
      logDir: work,
      token: (roles) => signToken(secret, { sub: `load-${roles.join('+')}`, roles }, {}),
      async stop() {
        await group.stopAll();
        await postgres.stop();
      },
    };
  } catch (error) {
    await group.stopAll();
    await postgres.stop();
    throw error;
  }
}
