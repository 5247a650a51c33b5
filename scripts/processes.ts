import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serviceEnvName } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { OUTSIDE_DEPARTMENTS, type OutsideDepartment } from '../subgraphs/departments';
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
  /** The script node runs; or, for a service not written for this Node, `command`. */
  script: string;
  /** A program and its arguments, run in `cwd` instead of node `script` (an outside department). */
  command?: { program: string; args: string[]; cwd: string };
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
    const { program, args, cwd } = spec.command ?? {
      program: process.execPath,
      args: [...(spec.nodeArgs ?? []), spec.script, ...(spec.args ?? [])],
      cwd: process.cwd(),
    };
    const child = spawn(program, args, {
      cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
    });
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
 * A department of the registry without code here: started with its own command (PORT and
 * `<NAME>_PORT` set to its port, with the platform's `env`), or, run elsewhere, only routed to.
 * A started one has a `pid`; the caller waits for its health.
 */
export function startOutside(
  group: ProcessGroup,
  department: OutsideDepartment,
  port: number,
  env: NodeJS.ProcessEnv,
  output: Output,
): SubgraphProcess {
  const { name, service } = department;
  if ('url' in service) return { name, port, url: service.url };
  const [program = '', ...args] = service.command;
  const child = group.start({
    name,
    script: program,
    command: { program, args, cwd: join(PROJECT_ROOT, service.cwd) },
    env: { ...env, PORT: String(port), [serviceEnvName(name, 'PORT')]: String(port) },
    output,
  });
  return {
    name,
    port,
    url: `http://localhost:${port}/graphql`,
    ...(child.pid ? { pid: child.pid } : {}),
  };
}

/**
 * Starts every subgraph of subgraphs/list.ts as its own process on the port `portOf` gives
 * it, and every department of the registry with a command of its own, all with `env`, and waits
 * until each is healthy (a seeding one can take minutes).
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
  const outside = OUTSIDE_DEPARTMENTS.map((department, i) =>
    startOutside(
      group,
      department,
      options.portOf(department.name, SUBGRAPHS.length + i, department.port),
      options.env,
      options.output(department.name),
    ),
  );
  const running = [...started, ...outside.filter((s) => s.pid !== undefined)];
  await Promise.all(running.map((s) => group.waitHealthy(s.name, s.url, options.timeoutMs)));
  return [...started, ...outside];
}

/** The gateway's environment naming where each subgraph is (`<NAME>_URL`). */
export function subgraphUrlEnv(subgraphs: readonly SubgraphProcess[]): NodeJS.ProcessEnv {
  return Object.fromEntries(subgraphs.map((s) => [serviceEnvName(s.name, 'URL'), s.url]));
}
