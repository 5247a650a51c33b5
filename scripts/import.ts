import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { envVar, intEnv } from '../platform/config';
import { MAX_RECORDS } from '../subgraphs/kit/records/record-inputs';
import { MAX_UPSERT } from '../subgraphs/stations/station-resolver';
import { recordKinds, type RecordKind } from './import/kinds';
import { runImport, type ImportReport } from './import/run';

const USAGE = `npm run import -- <kind> <file.csv> [--dry-run] [--reason TEXT] [--partial]
                                   [--url URL] [--token JWT] [--batch N]

Loads a department's CSV export through the gateway, in batches (default ${MAX_RECORDS}).
The header row names the input fields; an empty cell is null.
A withdraw-<kind> file withdraws records: columns externalId,reason (the reason per line).
By default the file is all or nothing: every batch is checked first (dry run), and nothing is
written unless all pass; every problem is listed, one line and field each.
--dry-run checks the whole file and counts what it would change, writing nothing.
--reason gives the reason of a correction, kept in the history of every record written.
--partial writes what is good and lists the bad rows.
The token (--token or IMPORT_TOKEN) must carry the department's role.`;

function summary(kind: RecordKind, report: ImportReport, seconds: number): string {
  const counts =
    kind.action === 'withdrawal'
      ? `withdrawn ${report.withdrawn}, unchanged ${report.unchanged}`
      : `inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}`;
  const outcome = report.dryRun
    ? ' — dry run: nothing written, the counts are what it would change'
    : report.written
      ? ''
      : ' — nothing written';
  return (
    `${kind.name}: ${report.rows} rows in ${seconds.toFixed(1)} s — ${counts}, ` +
    `rejected ${new Set(report.rejected.map((p) => p.line)).size} rows` +
    outcome
  );
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      partial: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      reason: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      batch: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const kinds = recordKinds();
  const [kindName, file] = positionals;
  const kind = kinds.find((k) => k.name === kindName);
  if (values.help || !kind || !file) {
    console.error(`${USAGE}\n\nKinds: ${kinds.map((k) => `${k.name} (${k.mutation})`).join(', ')}`);
    return 2;
  }
  const token = values.token ?? envVar('IMPORT_TOKEN');
  if (!token) {
    console.error(
      'No token: pass --token or set IMPORT_TOKEN (npm run token prints one per role).',
    );
    return 2;
  }
  const started = Date.now();
  const report = await runImport({
    kind,
    file,
    url: values.url ?? envVar('GATEWAY_URL') ?? `http://localhost:${intEnv('PORT', 4000)}/graphql`,
    token,
    batchSize: Number(
      values.batch ?? (kind.mutation === 'upsertStations' ? MAX_UPSERT : MAX_RECORDS),
    ),
    partial: values.partial,
    dryRun: values['dry-run'],
    reason: values.reason,
    onProgress: (message) => process.stderr.write(`\r${kind.name}: ${message}   `),
  });
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write('\n');
  for (const problem of report.rejected.slice(0, 100))
    console.log(`line ${problem.line}: ${problem.reason}`);
  if (report.rejected.length > 100)
    console.log(`… and ${report.rejected.length - 100} more problems`);
  console.log(summary(kind, report, seconds));
  return report.rejected.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
