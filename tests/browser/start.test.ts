import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/embedded-postgres';
import { PROJECT_ROOT } from '../../platform/paths';
import { launchBrowser } from '../../scripts/chromium';
import { screenshotPath } from '../support/browser';
import { listening, platformPorts, startLauncher, type Launcher } from '../support/launcher';
import { postGraphQL } from '../support/platform';

/**
 * `npm start` as a newcomer runs it on a fresh clone: no DATABASE_URL (an embedded PostgreSQL),
 * no JWT_SECRET nor SUBGRAPH_SECRET (both generated, tokens printed), the demo data loaded, every service its own
 * process. Only the ports and the data folder are moved out of the way of other runs.
 */
let launcher: Launcher;
let gatewayPort: number;
let databasePort: number;

/** As root, PostgreSQL runs as user postgres, who must be able to reach its data folder. */
function reachableTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  chmodSync(dir, 0o755);
  return dir;
}

beforeAll(async () => {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT });
  const ports = await platformPorts();
  gatewayPort = Number(ports.PORT);
  databasePort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
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
  launcher = startLauncher(env);
}, 120_000);

afterAll(() => {
  if (launcher.child.exitCode === null) launcher.child.kill('SIGKILL');
});

describe('npm start on a fresh clone', () => {
  it('runs the PostgreSQL release docker-compose.yml pins, and says which', async () => {
    const [, version] = await launcher.waitFor(/ PostgreSQL (\S+)$/, 60_000);
    const compose = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain(`image: postgres:${version}-`);
  });

  it('serves the sample query through the gateway with the demo data', async () => {
    await launcher.waitFor(/first query answered .* \(18 stations of 诸暨市\)/, 120_000);
  }, 130_000);

  it('prints a token per role that the gateway accepts', async () => {
    const [, token] = await launcher.waitFor(/^\s+admin\s+(\S+)$/, 10_000);
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
    await launcher.waitFor(
      /published the demo's official results of 绍兴: 2018-01, .*, 2019-H2, 2019$/,
      120_000,
    );
    const [, link] = await launcher.waitFor(
      /^\s+(http:\/\/localhost:\d+\/screen\/#token=\S+)$/,
      10_000,
    );
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
    const [, pids] = await launcher.waitFor(/supervising: (.*)$/, 10_000);
    const pidOf = (name: string) => Number(new RegExp(`${name} pid (\\d+)`).exec(pids ?? '')?.[1]);
    const [, token] = await launcher.waitFor(/^\s+admin\s+(\S+)$/, 10_000);
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
      await launcher.waitFor(
        new RegExp(`${name} exited \\(SIGKILL\\); restarting it in 500 ms`),
        10_000,
      );
      await launcher.waitFor(new RegExp(`${name} is back \\(pid \\d+\\)`), 60_000);
    }
    const res = await registry();
    expect(res.errors).toBeUndefined();
    expect(res.data.station.name).toBe('诸暨市公安局枫桥派出所');
    expect(launcher.child.exitCode).toBeNull();
  }, 90_000);

  it('stops every service and the database on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.child.once('exit', resolve));
    launcher.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await listening(gatewayPort)).toBe(false);
    expect(await listening(databasePort)).toBe(false);
  }, 30_000);
});
