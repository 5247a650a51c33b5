import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessGroup } from '../../scripts/processes';
import { Supervisor } from '../../scripts/supervisor';

/** A service that dies as soon as it starts, with exit code 3. */
function crashingScript(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'supervisor-')), 'crash.js');
  writeFileSync(file, 'process.exit(3);\n');
  return file;
}

describe('the supervisor of npm start', () => {
  it('restarts a crashed service with growing waits, then gives up on one that keeps crashing', async () => {
    const lines: string[] = [];
    let group: ProcessGroup | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      const supervisor = new Supervisor({
        group: (group = new ProcessGroup((name, how) => supervisor.crashed(name, how))),
        policy: { maxCrashes: 3, windowMs: 60_000, firstDelayMs: 20, maxDelayMs: 60 },
        log: (line) => lines.push(line),
        healthUrl: () => 'http://127.0.0.1:9/health',
        giveUp: resolve,
      });
      supervisor.supervise();
    });
    group?.start({ name: 'cases', script: crashingScript(), output: { onLine: () => {} } });
    await gaveUp;
    const crashes = lines.filter((l) => l.startsWith('cases exited (code 3)'));
    expect(crashes).toEqual([
      'cases exited (code 3); restarting it in 20 ms (crash 1 of 3 allowed in 60 s)',
      'cases exited (code 3); restarting it in 40 ms (crash 2 of 3 allowed in 60 s)',
      'cases exited (code 3); restarting it in 60 ms (crash 3 of 3 allowed in 60 s)',
      'cases exited (code 3), its crash 4 in 60 s: it keeps crashing, so the platform stops',
    ]);
    expect(lines.filter((l) => /^cases restarted as pid \d+$/.test(l))).toHaveLength(3);
    await group?.stopAll();
  });

  it('stops the platform when a service crashes before the platform is up', async () => {
    const lines: string[] = [];
    const gaveUp = new Promise<void>((resolve) => {
      const group = new ProcessGroup((name, how) => supervisor.crashed(name, how));
      const supervisor = new Supervisor({
        group,
        policy: { maxCrashes: 3, windowMs: 60_000, firstDelayMs: 20, maxDelayMs: 60 },
        log: (line) => lines.push(line),
        healthUrl: () => '',
        giveUp: resolve,
      });
      group.start({ name: 'traffic', script: crashingScript(), output: { onLine: () => {} } });
    });
    await gaveUp;
    expect(lines).toEqual(['traffic exited (code 3) while starting; stopping the platform']);
  });
});
