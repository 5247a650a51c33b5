import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readManifest } from '../../platform/operations';
import { mutationDocument, recordKinds, type RecordKind } from '../../scripts/import/kinds';
import { runImport, type ImportOptions } from '../../scripts/import/run';
import { PROJECT_ROOT } from '../../platform/paths';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

process.env.PLATFORM_TODAY = '2019-08-15';

let platform: Platform;
let admin: string;
const dir = mkdtempSync(join(tmpdir(), 'import-test-'));
const kinds = recordKinds();

function kind(name: string): RecordKind {
  const found = kinds.find((k) => k.name === name);
  if (!found) throw new Error(`no kind ${name}`);
  return found;
}

function csv(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function load(kindName: string, file: string, options: Partial<ImportOptions> = {}) {
  return runImport({
    kind: kind(kindName),
    file,
    url: platform.gateway.url,
    token: admin,
    batchSize: 5000,
    partial: false,
    ...options,
  });
}

async function caseCount(): Promise<number> {
  const [row] = await platform.sql<{ n: number }>(
    'cases',
    'SELECT count(*)::int AS n FROM criminal_case',
  );
  return row?.n ?? -1;
}

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  // The records' stations that stations.csv does not register (it loads first, below).
  await registerStations(platform, [
    registryStation('330602500001', '330602'),
    registryStation('330603500001', '330603'),
  ]);
});
afterAll(() => platform.stop());

const examples = readdirSync(join(PROJECT_ROOT, 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const folder = join(PROJECT_ROOT, 'subgraphs', entry.name, 'examples');
    try {
      return readdirSync(folder).map((file) => join(folder, file));
    } catch {
      return [];
    }
  })
  // The registry first: records name registered stations only; withdrawals last, as they
  // name loaded records.
  .sort((a, b) => rank(a) - rank(b));

function rank(file: string): number {
  if (basename(file) === 'stations.csv') return 0;
  return basename(file).startsWith('withdraw-') ? 2 : 1;
}

describe('the kinds of record', () => {
  it("each have their load in the gateway's safelist, exactly as the tool sends it", () => {
    const listed = new Set(readManifest().operations.map((o) => o.body));
    expect(kinds.filter((k) => !listed.has(mutationDocument(k))).map((k) => k.name)).toEqual([]);
  });
});

describe('the example CSVs', () => {
  it('cover every kind of record the gateway takes', () => {
    expect(examples.map((file) => basename(file, '.csv')).sort()).toEqual(
      kinds.map((k) => k.name).sort(),
    );
  });

  it.each(examples.map((file) => [basename(file, '.csv'), file]))(
    'load %s, and load again unchanged',
    async (name, file) => {
      const rows = readFileSync(file, 'utf8').trim().split('\n').length - 1;
      const withdrawal = name.startsWith('withdraw-');
      const first = await load(name, file);
      expect(first).toMatchObject({
        rows,
        [withdrawal ? 'withdrawn' : 'inserted']: rows,
        updated: 0,
        unchanged: 0,
        rejected: [],
        written: true,
        dryRun: false,
      });
      const second = await load(name, file);
      expect(second).toMatchObject({
        rows,
        inserted: 0,
        updated: 0,
        withdrawn: 0,
        unchanged: rows,
        rejected: [],
      });
    },
  );
});

const HEADER = 'externalId,stationCode,category,filedOn,solvedOn';

describe('a file with bad rows', () => {
  const lines = [
    HEADER,
    'I1,330681500001,OTHER,2019-01-01,',
    'I2,330681500001,OTHER,2019-01-02,',
    'I3,330681500001,OTHER,2019-01-03,2018-12-31',
    'I4,330681500001,OTHER,2019-01-04,',
    'I5,3306815,OTHER,2019-01-05,',
    'I6,330681500001,OTHER,2019-01-06,',
  ];

  it('is refused whole by default, across batches, naming every bad line', async () => {
    const before = await caseCount();
    const report = await load('cases', csv('bad.csv', lines), { batchSize: 2 });
    expect(report.written).toBe(false);
    expect(report.rejected).toEqual([
      {
        line: 4,
        field: 'solvedOn',
        reason: 'solvedOn "2018-12-31" is before filedOn (2019-01-03)',
      },
      {
        line: 6,
        field: 'stationCode',
        reason: 'stationCode "3306815" is not a 12-digit station code',
      },
    ]);
    expect(await caseCount()).toBe(before);
  });

  it('loads its good rows with --partial and lists the bad ones', async () => {
    const before = await caseCount();
    const report = await load('cases', csv('bad.csv', lines), { batchSize: 4, partial: true });
    expect(report).toMatchObject({ rows: 6, inserted: 4, written: true });
    expect(report.rejected.map((p) => p.line)).toEqual([4, 6]);
    expect(await caseCount()).toBe(before + 4);
  });

  it('is refused before anything is sent when the file itself is wrong', async () => {
    const before = await caseCount();
    const columns = await load(
      'cases',
      csv('columns.csv', [
        'externalId,stationCode,kind,filedOn',
        'J1,330681500001,OTHER,2019-01-01',
      ]),
    );
    expect(columns.rejected).toEqual([
      {
        line: 1,
        reason: expect.stringMatching(
          /^unknown columns kind; missing columns category \(CaseInput has/,
        ),
      },
    ]);
    const cells = await load(
      'cases',
      csv('cells.csv', [HEADER, 'J2,330681500001,ARSON,2019-01-01,', 'J3,330681500001,OTHER,,']),
    );
    expect(cells.rejected).toEqual([
      {
        line: 2,
        field: 'category',
        reason: expect.stringContaining('category "ARSON" is not one of TELECOM_FRAUD'),
      },
      { line: 3, field: 'filedOn', reason: 'filedOn is required' },
    ]);
    expect(cells.written).toBe(false);
    expect(await caseCount()).toBe(before);
  });

  it("needs the department's token", async () => {
    const file = csv('good.csv', [HEADER, 'K1,330681500001,OTHER,2019-01-01,']);
    await expect(
      load('cases', file, { token: await tokenFor('department:traffic') }),
    ).rejects.toThrow(/FORBIDDEN/);
  });
});

async function accidentRows() {
  return platform.sql<{ external_id: string; deaths: number; withdrawal_reason: string | null }>(
    'traffic',
    'SELECT external_id, deaths, withdrawal_reason FROM accident ORDER BY external_id',
  );
}

async function accidentLog() {
  return platform.sql<{ external_id: string; action: string; reason: string | null }>(
    'traffic',
    'SELECT external_id, action, reason FROM change_log ORDER BY id',
  );
}

/** The traffic tables as they stand: what a refused or dry-run import must leave as it is. */
const trafficTables = () =>
  Promise.all(['accident', 'change_log'].map((t) => platform.fingerprint('traffic', t)));

const ACCIDENTS = 'externalId,stationCode,occurredOn,deaths,injuries';

describe('an accidents file with every kind of mistake', () => {
  const lines = [
    ACCIDENTS,
    'M1,330602500001,2019-02-01,0,1',
    'M2,330602500001,2019-02-30,x,1',
    'M3,330602500001,2019-09-01,-1,1',
    'M4,330602999999,2019-02-04,0,1',
    'M5,3306815,2019-02-05,0,1',
    'M1,330602500001,2019-02-06,0,1',
  ];

  it('names every bad field of every line at once, and writes nothing', async () => {
    const before = await trafficTables();
    // Batches of two: a record named again in a later batch is still caught.
    const report = await load('accidents', csv('mistakes.csv', lines), { batchSize: 2 });
    expect(report.written).toBe(false);
    expect(report.rejected).toEqual([
      { line: 3, field: 'occurredOn', reason: 'occurredOn "2019-02-30" is not a valid LocalDate' },
      { line: 3, field: 'deaths', reason: 'deaths "x" is not a whole number' },
      {
        line: 4,
        field: 'occurredOn',
        reason: 'occurredOn "2019-09-01" is after today (2019-08-15)',
      },
      { line: 4, field: 'deaths', reason: 'deaths -1 must be between 0 and 1000' },
      {
        line: 5,
        field: 'stationCode',
        reason: 'stationCode "330602999999" is not a station in the registry',
      },
      {
        line: 6,
        field: 'stationCode',
        reason: 'stationCode "3306815" is not a 12-digit station code',
      },
      { line: 7, field: 'externalId', reason: 'externalId "M1" repeats line 2' },
    ]);
    expect(await trafficTables()).toEqual(before);
  });
});

describe('a dry run of a file', () => {
  it('counts what it would change and writes nothing', async () => {
    const before = await trafficTables();
    const report = await load(
      'accidents',
      csv('dry.csv', [
        ACCIDENTS,
        'D1,330602500001,2019-02-01,0,1',
        'D2,330602500001,2019-02-02,0,1',
      ]),
      { dryRun: true },
    );
    expect(report).toMatchObject({
      rows: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: [],
      written: false,
      dryRun: true,
    });
    expect(await trafficTables()).toEqual(before);
  });
});

describe('a correction file with a reason', () => {
  it('keeps the reason in the history of each record it changes', async () => {
    const file = csv('first.csv', [
      ACCIDENTS,
      'R1,330602500001,2019-03-01,0,1',
      'R2,330602500001,2019-03-02,0,1',
    ]);
    expect(await load('accidents', file)).toMatchObject({ inserted: 2, written: true });
    const fix = csv('fix.csv', [
      ACCIDENTS,
      'R1,330602500001,2019-03-01,1,1',
      'R2,330602500001,2019-03-02,0,1',
    ]);
    const reason = '申诉 41：死者送医后死亡，补录死亡人数';
    expect(await load('accidents', fix, { reason })).toMatchObject({
      updated: 1,
      unchanged: 1,
      written: true,
    });
    const log = (await accidentLog()).filter((e) => e.external_id.startsWith('R'));
    expect(log).toEqual([
      { external_id: 'R1', action: 'INSERT', reason: null },
      { external_id: 'R2', action: 'INSERT', reason: null },
      { external_id: 'R1', action: 'UPDATE', reason },
    ]);
  });
});

const WITHDRAWALS = 'externalId,reason';

describe('a withdrawal file', () => {
  beforeAll(async () => {
    const file = csv('to-withdraw.csv', [
      ACCIDENTS,
      ...['W1', 'W2', 'W3', 'W4'].map((id, i) => `${id},330602500001,2019-04-0${i + 1},0,1`),
    ]);
    expect(await load('accidents', file)).toMatchObject({ inserted: 4, written: true });
  });

  it('withdraws each record with the reason on its line', async () => {
    const file = csv('withdraw.csv', [
      WITHDRAWALS,
      'W1,重复录入：与 W9 为同一事故',
      'W2,申诉 42：该事故发生在邻所辖区',
      'W3,重复录入：与 W9 为同一事故',
    ]);
    const dry = await load('withdraw-accidents', file, { dryRun: true });
    expect(dry).toMatchObject({ rows: 3, withdrawn: 3, written: false, dryRun: true });
    expect(await load('withdraw-accidents', file, { batchSize: 1 })).toMatchObject({
      rows: 3,
      withdrawn: 3,
      unchanged: 0,
      rejected: [],
      written: true,
      dryRun: false,
    });
    const rows = (await accidentRows()).filter((r) => r.external_id.startsWith('W'));
    expect(rows.map((r) => [r.external_id, r.withdrawal_reason])).toEqual([
      ['W1', '重复录入：与 W9 为同一事故'],
      ['W2', '申诉 42：该事故发生在邻所辖区'],
      ['W3', '重复录入：与 W9 为同一事故'],
      ['W4', null],
    ]);
    const log = (await accidentLog()).filter((e) => e.action === 'WITHDRAW');
    expect(log).toEqual(
      expect.arrayContaining([
        { external_id: 'W2', action: 'WITHDRAW', reason: '申诉 42：该事故发生在邻所辖区' },
      ]),
    );
  });

  it('names every bad line at once and withdraws nothing', async () => {
    const before = await trafficTables();
    const report = await load(
      'withdraw-accidents',
      csv('bad-withdraw.csv', [
        WITHDRAWALS,
        'W4,误录',
        'NOPE,误录',
        'W4,另一个原因',
        'W1,',
        `W1x,${'长'.repeat(501)}`,
      ]),
    );
    expect(report.written).toBe(false);
    expect(report.rejected).toEqual([
      {
        line: 3,
        field: 'externalIds',
        reason: 'externalIds "NOPE" is not a record of accident',
      },
      { line: 4, field: 'externalId', reason: 'externalId "W4" repeats line 2' },
      { line: 5, field: 'reason', reason: 'reason is required' },
      {
        line: 6,
        field: 'reason',
        reason: expect.stringMatching(/^reason ".+" must be at most 500 characters$/),
      },
    ]);
    expect(await trafficTables()).toEqual(before);
    expect(
      (await accidentRows()).find((r) => r.external_id === 'W4')?.withdrawal_reason,
    ).toBeNull();
  });
});

describe("the quickstart's example files", () => {
  const example = (name: string) => join(PROJECT_ROOT, 'docs', 'examples', 'traffic', name);

  beforeAll(async () => {
    // The demo's 枫桥 and 暨阳, which the files name.
    await registerStations(platform, [
      registryStation('330681500001', '330681'),
      registryStation('330681500002', '330681'),
    ]);
  });

  it('do what docs/department-quickstart.md says, in its order', async () => {
    expect(await load('accidents', example('accidents.csv'), { dryRun: true })).toMatchObject({
      rows: 5,
      inserted: 5,
      written: false,
      dryRun: true,
    });
    expect(await load('accidents', example('accidents.csv'))).toMatchObject({
      rows: 5,
      inserted: 5,
      written: true,
    });
    const mistakes = await load('accidents', example('accidents-with-mistakes.csv'));
    expect(mistakes).toMatchObject({ rows: 5, written: false });
    expect(mistakes.rejected.map((p) => [p.line, p.field])).toEqual([
      [2, 'occurredOn'],
      [3, 'deaths'],
      [4, 'injuries'],
      [5, 'stationCode'],
      [6, 'externalId'],
    ]);
    const reason = '核查更正：伤者送医后抢救无效死亡';
    expect(await load('accidents', example('accidents-corrected.csv'), { reason })).toMatchObject({
      updated: 1,
      written: true,
    });
    expect(await load('withdraw-accidents', example('withdraw-accidents.csv'))).toMatchObject({
      withdrawn: 1,
      written: true,
    });
    const log = (await accidentLog()).filter((e) => e.external_id.startsWith('浙诸交(事)[2019]05'));
    expect(log.filter((e) => e.action !== 'INSERT')).toEqual([
      { external_id: '浙诸交(事)[2019]0502号', action: 'UPDATE', reason },
      {
        external_id: '浙诸交(事)[2019]0504号',
        action: 'WITHDRAW',
        reason: '重复录入：与 浙诸交(事)[2019]0501号 为同一事故',
      },
    ]);
  });
});
