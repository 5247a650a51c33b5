import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serviceEnvName } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { SUBGRAPHS } from '../subgraphs/list';

/**
 * The platform as separate Node processes, as `npm start` and `npm run bench` run it: every
 * subgraph (`dist/subgraphs/serve.js <name>`) and a gateway, each on its own port.
 */
const SUBGRAPH_SCRIPT = join(PROJECT_ROOT, 'dist', 'subgraphs', 'serve.js');
export const GATEWAY_SCRIPT = join(PROJECT_ROOT, 'dist', 'gateway', 'src', 'main.js');

/** Where a process's output goes: line by line to a callback, or appended to a file. */
export type Output = { onLine: (line: string) => void } | { file: string };

export interface ProcessSpec {
  name: string;
  /** The script node runs. */
  script: string;
  args?: string[];
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  output: Output;
}

/**
 * Child processes started together and stopped together. `onExit` hears of a process that
 * ends while the group is not stopping (a crash), so the caller can give up cleanly.
 */
export class ProcessGroup {
  private readonly children = new Map<string, ChildProcess>();
  private readonly specs = new Map<string, ProcessSpec>();
  private stopping = false;

  constructor(private readonly onExit: (name: string, how: string) => void) {}

  start(spec: ProcessSpec): ChildProcess {
    this.specs.set(spec.name, spec);
    const fd = 'file' in spec.output ? openSync(spec.output.file, 'a') : undefined;
    const child = spawn(
      process.execPath,
      [...(spec.nodeArgs ?? []), spec.script, ...(spec.args ?? [])],
      {
        env: { ...process.env, ...spec.env },
        stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
      },
    );
    if (fd !== undefined) closeSync(fd);
    if ('onLine' in spec.output) {
      const { onLine } = spec.output;
      for (const stream of [child.stdout, child.stderr]) {
        if (stream) createInterface({ input: stream }).on('line', onLine);
      }
    }
    child.on('exit', (code, signal) => {
      if (this.children.get(spec.name) !== child) return;
      this.children.delete(spec.name);
      if (!this.stopping) this.onExit(spec.name, signal ?? `code ${code}`);
    });
    this.children.set(spec.name, child);
    return child;
  }

  /** Waits until GET `path` (our services' /health) next to `url` answers 200. */
  async waitHealthy(name: string, url: string, timeoutMs: number, path = '/health'): Promise<void> {
    const health = new URL(path, url);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) throw new Error('stopping');
      if (!this.children.has(name)) throw new Error(`${name} exited before it became healthy`);
      const ok = await fetch(health).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `${name} did not become healthy at ${health.toString()} within ${timeoutMs / 1000} s`,
    );
  }

  /** Starts again, as it was first started, a process that has exited; null when stopping. */
  restart(name: string): ChildProcess | null {
    const spec = this.specs.get(name);
    if (this.stopping || !spec) return null;
    if (this.children.has(name)) throw new Error(`${name} is still running`);
    return this.start(spec);
  }

  /** Stops one process (SIGTERM, then SIGKILL after 10 s); the group hears no crash of it. */
  async stop(name: string): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    this.children.delete(name);
    await terminate(child);
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    const all = [...this.children.values()];
    this.children.clear();
    await Promise.all(all.map(terminate));
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface SubgraphProcess {
  name: string;
  port: number;
  url: string;
  /** Its process, when it runs as one. */
  pid?: number;
}

/**
 * Starts every subgraph of subgraphs/list.ts as its own process on the port `portOf` gives
 * it, all with `env`, and waits until each is healthy (a seeding one can take minutes).
 */
export async function startSubgraphs(
  group: ProcessGroup,
  options: {
    env: NodeJS.ProcessEnv;
    portOf: (name: string, index: number, defaultPort: number) => number;
    output: (name: string) => Output;
    timeoutMs: number;
  },
): Promise<SubgraphProcess[]> {
  const started = SUBGRAPHS.map((subgraph, i) => {
    const port = options.portOf(subgraph.name, i, subgraph.port);
    const child = group.start({
      name: subgraph.name,
      script: SUBGRAPH_SCRIPT,
      args: [subgraph.name],
      env: { ...options.env, [serviceEnvName(subgraph.name, 'PORT')]: String(port) },
      output: options.output(subgraph.name),
    });
    return {
      name: subgraph.name,
      port,
      url: `http://localhost:${port}/graphql`,
      ...(child.pid ? { pid: child.pid } : {}),
    };
  });
  await Promise.all(started.map((s) => group.waitHealthy(s.name, s.url, options.timeoutMs)));
  return started;
}

/** The gateway's environment naming where each subgraph is (`<NAME>_URL`). */
export function subgraphUrlEnv(subgraphs: readonly SubgraphProcess[]): NodeJS.ProcessEnv {
  return Object.fromEntries(subgraphs.map((s) => [serviceEnvName(s.name, 'URL'), s.url]));
}
