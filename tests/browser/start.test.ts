import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/embedded-postgres';
import { PROJECT_ROOT } from '../../platform/paths';
import { SUBGRAPHS } from '../../subgraphs/list';
import { launchBrowser } from '../../scripts/chromium';
import { screenshotPath } from '../support/browser';
import { postGraphQL } from '../support/platform';

/**
 * `npm start` as a newcomer runs it on a fresh clone: no DATABASE_URL (an embedded PostgreSQL),
 * no JWT_SECRET nor SUBGRAPH_SECRET (both generated, tokens printed), the demo data loaded, every service its own
 * process. Only the ports and the data folder are moved out of the way of other runs.
 */
let launcher: ChildProcess;
const output: string[] = [];
let gatewayPort: number;
let databasePort: number;

function waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      for (const line of output) {
        const match = pattern.exec(line);
        if (match) {
          clearInterval(timer);
          resolve(match);
          return;
        }
      }
      if (launcher.exitCode !== null || Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`no line matching ${pattern} in:\n${output.join('\n')}`));
      }
    }, 100);
    const deadline = Date.now() + timeoutMs;
  });
}

/** As root, PostgreSQL runs as user postgres, who must be able to reach its data folder. */
function reachableTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  chmodSync(dir, 0o755);
  return dir;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT });
  gatewayPort = await freePort();
  databasePort = await freePort();
  const ports = Object.fromEntries(
    await Promise.all(
      SUBGRAPHS.map(async (s) => [`${s.name.toUpperCase()}_PORT`, String(await freePort())]),
    ),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    PORT: String(gatewayPort),
    EMBEDDED_PG_PORT: String(databasePort),
    EMBEDDED_PG_DIR: join(reachableTempDir(), 'postgres'),
    NO_COLOR: '1',
  };
  for (const name of [
    'DATABASE_URL',
    'JWT_SECRET',
    'SUBGRAPH_SECRET',
    'JWT_JWKS_FILE',
    'SEED',
    'PLATFORM_TODAY',
    'JEST_WORKER_ID',
  ]) {
    delete env[name];
  }
  launcher = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'scripts', 'start.js')], { env });
  for (const stream of [launcher.stdout, launcher.stderr]) {
    stream?.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n')));
  }
}, 120_000);

afterAll(() => {
  if (launcher.exitCode === null) launcher.kill('SIGKILL');
});

describe('npm start on a fresh clone', () => {
  it('runs the PostgreSQL release docker-compose.yml pins, and says which', async () => {
    const [, version] = await waitFor(/ PostgreSQL (\S+)$/, 60_000);
    const compose = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain(`image: postgres:${version}-`);
  });

  it('serves the sample query through the gateway with the demo data', async () => {
    await waitFor(/first query answered .* \(18 stations of 诸暨市\)/, 120_000);
  }, 130_000);

  it('prints a token per role that the gateway accepts', async () => {
    const [, token] = await waitFor(/^\s+admin\s+(\S+)$/, 10_000);
    const res = await postGraphQL(
      `http://localhost:${gatewayPort}/graphql`,
      `{ station(code: "330681500001") { name caseStats(period: "2019-H1") { criminalSolved }
         trafficStats(period: "2019-H1") { deaths } surveyStats(period: "2019-H1") { responses } } }`,
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.station.name).toBe('诸暨市公安局枫桥派出所');
    expect(res.data.station.caseStats.criminalSolved).toBeGreaterThan(0);
    expect(res.data.station.surveyStats.responses).toBeGreaterThan(0);
  });

  it('prints a link that opens the 绍兴 board of 2019-H1 on the screen, and 枫桥派出所 in it', async () => {
    // 38 boards: every month, quarter, half and year of 2018 and 2019, the year last.
    await waitFor(
      /published the demo's official results of 绍兴: 2018-01, .*, 2019-H2, 2019$/,
      120_000,
    );
    const [, link] = await waitFor(/^\s+(http:\/\/localhost:\d+\/screen\/#token=\S+)$/, 10_000);
    expect(link).toContain('scope=330600&period=2019-H1');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(link ?? '');
      await page.waitForSelector('body[data-status="ready"]');
      await expect(page.textContent('.status')).resolves.toContain('正式结果 第 1 版');
      await expect(page.locator('table.ranking tbody tr').count()).resolves.toBe(92);
      await page.waitForSelector('.means-chart canvas');
      await page.screenshot({ path: screenshotPath('start-board.png') });
      await page.click('tr[data-code="330681500001"] button.station');
      await page.waitForSelector('.drill[data-status="ready"]');
      await expect(page.textContent('.drill h2')).resolves.toBe('诸暨市公安局枫桥派出所');
      await expect(page.locator('.drill table.indicators tbody tr').count()).resolves.toBe(13);
      // The demo's published halves of 2018 and 2019, the newest first.
      const history = page.locator('.history-points li');
      await expect(
        history.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-period'))),
      ).resolves.toEqual(['2019-H2', '2019-H1', '2018-H2', '2018-H1']);
      await page.waitForSelector('.history-chart canvas');
      await page.screenshot({ path: screenshotPath('start-drill-down.png') });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('restarts a service that dies, with a log line, and the platform answers again', async () => {
    const [, pids] = await waitFor(/supervising: (.*)$/, 10_000);
    const pidOf = (name: string) => Number(new RegExp(`${name} pid (\\d+)`).exec(pids ?? '')?.[1]);
    const [, token] = await waitFor(/^\s+admin\s+(\S+)$/, 10_000);
    const registry = () =>
      postGraphQL(
        `http://localhost:${gatewayPort}/graphql`,
        '{ station(code: "330681500001") { name } }',
        {
          token,
        },
      );
    for (const name of ['stations', 'gateway']) {
      process.kill(pidOf(name), 'SIGKILL');
      await waitFor(new RegExp(`${name} exited \\(SIGKILL\\); restarting it in 500 ms`), 10_000);
      await waitFor(new RegExp(`${name} is back \\(pid \\d+\\)`), 60_000);
    }
    const res = await registry();
    expect(res.errors).toBeUndefined();
    expect(res.data.station.name).toBe('诸暨市公安局枫桥派出所');
    expect(launcher.exitCode).toBeNull();
  }, 90_000);

  it('stops every service and the database on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await listening(gatewayPort)).toBe(false);
    expect(await listening(databasePort)).toBe(false);
  }, 30_000);
});
