import { intEnv } from '../platform/config';
import type { EmbeddedDatabase } from './embedded-postgres';
import type { ProcessGroup } from './processes';

export interface RestartPolicy {
  /** More crashes than this within `windowMs` and the service is given up on. */
  maxCrashes: number;
  windowMs: number;
  /** The wait before the first restart; it doubles with each recent crash, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** RESTART_MAX_CRASHES (5) in RESTART_WINDOW_S (60 s); waits from 0.5 s, doubling, up to 30 s. */
export function restartPolicyFromEnv(): RestartPolicy {
  return {
    maxCrashes: intEnv('RESTART_MAX_CRASHES', 5),
    windowMs: intEnv('RESTART_WINDOW_S', 60) * 1000,
    firstDelayMs: 500,
    maxDelayMs: 30_000,
  };
}

export interface SupervisorOptions {
  group: ProcessGroup;
  policy: RestartPolicy;
  log: (message: string) => void;
  /** Where a restarted service answers GET /health, by name. */
  healthUrl: (name: string) => string;
  /** The platform gives up: a service crashed while starting, or keeps crashing. */
  giveUp: () => void;
}

/**
 * `npm start`'s supervision: once the platform is up, a service that dies is started again after
 * a wait that grows with its recent crashes, with a log line at each step; one that crashes more
 * than the policy allows in its window stops the platform. The embedded database is supervised
 * apart (superviseDatabase, below) and outlives any one service. Before the platform is up, a
 * crash stops it: a service that cannot start is misconfigured, and retrying would only hide it.
 */
export class Supervisor {
  private readonly crashes = new Map<string, number[]>();
  private supervising = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** From now on, a crash is restarted rather than fatal. */
  supervise(): void {
    this.supervising = true;
  }

  /** What the process group calls when a process exits unasked. */
  crashed(name: string, how: string): void {
    const { policy, log, giveUp } = this.options;
    if (!this.supervising) {
      log(`${name} exited (${how}) while starting; stopping the platform`);
      giveUp();
      return;
    }
    const now = Date.now();
    const recent = (this.crashes.get(name) ?? []).filter((t) => now - t < policy.windowMs);
    recent.push(now);
    this.crashes.set(name, recent);
    const seconds = policy.windowMs / 1000;
    if (recent.length > policy.maxCrashes) {
      log(
        `${name} exited (${how}), its crash ${recent.length} in ${seconds} s: it keeps ` +
          'crashing, so the platform stops',
      );
      giveUp();
      return;
    }
    const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (recent.length - 1));
    log(
      `${name} exited (${how}); restarting it in ${delay} ms ` +
        `(crash ${recent.length} of ${policy.maxCrashes} allowed in ${seconds} s)`,
    );
    setTimeout(() => this.restart(name), delay);
  }

  private restart(name: string): void {
    const { group, log, healthUrl } = this.options;
    const child = group.restart(name);
    if (!child) return;
    log(`${name} restarted as pid ${child.pid ?? '?'}`);
    group.waitHealthy(name, healthUrl(name), 300_000).then(
      () => log(`${name} is back (pid ${child.pid ?? '?'})`),
      // A restart that dies again is reported by its own exit; one that hangs, here.
      (error: unknown) => log(`${name} did not come back: ${String(error)}`),
    );
  }
}

/**
 * `npm start`'s supervision of its embedded PostgreSQL, under the services' policy: a server
 * that exits unasked (killed, crashed) is started again over its data, which PostgreSQL
 * recovers from its WAL, so every committed write is there; meanwhile the services answer
 * DATABASE_UNAVAILABLE and their pools reconnect by themselves. One that keeps dying, or does
 * not come back, stops the platform.
 */
export function superviseDatabase(
  database: EmbeddedDatabase,
  options: Pick<SupervisorOptions, 'policy' | 'log' | 'giveUp'>,
): void {
  const { policy, log, giveUp } = options;
  let crashes: number[] = [];
  database.onExit((how) => {
    const now = Date.now();
    crashes = [...crashes.filter((t) => now - t < policy.windowMs), now];
    if (crashes.length > policy.maxCrashes) {
      log(`PostgreSQL exited (${how}), its crash ${crashes.length}: the platform stops`);
      giveUp();
      return;
    }
    log(`PostgreSQL exited (${how}); starting it again (crash recovery first)`);
    database.restart().then(
      () => log(`PostgreSQL is back (pid ${database.pid() ?? '?'})`),
      (error: unknown) => {
        log(`PostgreSQL did not come back: ${String(error)}`);
        giveUp();
      },
    );
  });
}
