import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { envVar, intEnv } from '../platform/config';
import { MAX_RECORDS } from '../subgraphs/kit/records/record-inputs';
import { MAX_UPSERT } from '../subgraphs/stations/station-resolver';
import { recordKinds } from './import/kinds';
import { runImport } from './import/run';

const USAGE = `npm run import -- <kind> <file.csv> [--partial] [--url URL] [--token JWT] [--batch N]

Loads a department's CSV export through the gateway, in batches (default ${MAX_RECORDS}).
The header row names the input fields; an empty cell is null.
By default the file is all or nothing: every batch is checked first (dry run), and nothing is
written unless all pass. --partial writes what is good and lists the bad rows.
The token (--token or IMPORT_TOKEN) must carry the department's role.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      partial: { type: 'boolean', default: false },
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
    console.error('No token: pass --token or set IMPORT_TOKEN (npm start prints one per role).');
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
    onProgress: (message) => process.stderr.write(`\r${kind.name}: ${message}   `),
  });
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write('\n');
  for (const problem of report.rejected.slice(0, 50))
    console.log(`line ${problem.line}: ${problem.reason}`);
  if (report.rejected.length > 50)
    console.log(`… and ${report.rejected.length - 50} more rejected rows`);
  console.log(
    `${kind.name}: ${report.rows} rows in ${seconds.toFixed(1)} s — inserted ${report.inserted}, ` +
      `updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected.length}` +
      (report.written ? '' : ' — nothing written'),
  );
  return report.rejected.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
