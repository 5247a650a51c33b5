import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';
import { freePort } from '../../scripts/embedded-postgres';
import { SUBGRAPHS } from '../../subgraphs/list';

/** The launcher colours each service's prefix (ESC [ … m) on a terminal; the tests read text. */
const COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The compiled `npm start` (dist/scripts/start.js) as a child, and what it has printed. */
export interface Launcher {
  child: ChildProcess;
  /** Its output so far, a line each. */
  output: string[];
  /** The first line matching `pattern`, waited for; refused once it exits or the time is up. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

/** A free port for the gateway (PORT) and each subgraph (`<NAME>_PORT`), out of others' way. */
export async function platformPorts(): Promise<Record<string, string>> {
  const ports = await Promise.all(
    SUBGRAPHS.map(async (s) => [`${s.name.toUpperCase()}_PORT`, String(await freePort())]),
  );
  return { PORT: String(await freePort()), ...Object.fromEntries(ports) };
}

/** Starts the compiled launcher with `env`, as a newcomer's `npm start` runs it. */
export function startLauncher(env: NodeJS.ProcessEnv): Launcher {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'scripts', 'start.js')], {
    env,
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) =>
      output.push(...chunk.toString().replace(COLOR, '').split('\n')),
    );
  }
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const timer = setInterval(() => {
        const match = output.map((line) => pattern.exec(line)).find((m) => m !== null);
        if (match) {
          clearInterval(timer);
          resolve(match);
        } else if (child.exitCode !== null || Date.now() > deadline) {
          clearInterval(timer);
          reject(new Error(`no line matching ${pattern} in:\n${output.join('\n')}`));
        }
      }, 100);
    });
  return { child, output, waitFor };
}

/** Whether anything accepts connections on the port: false once a service has stopped. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
