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
  // The registry first: records name registered stations only.
  .sort((a, b) => Number(basename(b) === 'stations.csv') - Number(basename(a) === 'stations.csv'));

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
      const first = await load(name, file);
      expect(first).toMatchObject({
        rows,
        inserted: rows,
        updated: 0,
        unchanged: 0,
        rejected: [],
        written: true,
      });
      const second = await load(name, file);
      expect(second).toMatchObject({
        rows,
        inserted: 0,
        updated: 0,
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
      { line: 4, reason: 'solvedOn "2018-12-31" is before filedOn (2019-01-03)' },
      { line: 6, reason: 'stationCode "3306815" is not a 12-digit station code' },
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
      { line: 2, reason: expect.stringContaining('category "ARSON" is not one of TELECOM_FRAUD') },
      { line: 3, reason: 'filedOn is required' },
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
