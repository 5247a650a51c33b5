import type { UpsertCounts } from '../../subgraphs/kit/records/upsert';
import { csvRecords, type CsvProblem, type CsvRecord } from './csv-records';
import { mutationDocument, type RecordKind } from './kinds';

export interface ImportOptions {
  kind: RecordKind;
  file: string;
  url: string;
  token: string;
  batchSize: number;
  /** Load the good batches (and the good rows of bad ones) and list the bad rows. */
  partial: boolean;
  onProgress?: (message: string) => void;
}

export interface ImportReport extends UpsertCounts {
  rows: number;
  /** The rows not loaded, by CSV line, with the reason. */
  rejected: CsvProblem[];
  /** Whether anything was written: false when an all-or-nothing file was refused. */
  written: boolean;
}

interface ServerProblem {
  index: number;
  field: string;
  reason: string;
  value: unknown;
}

interface MutationAnswer {
  data?: Record<string, UpsertCounts> | null;
  errors?: { message: string; extensions?: { code?: string; problems?: ServerProblem[] } }[];
}

class Gateway {
  constructor(
    private readonly options: ImportOptions,
    private readonly document = mutationDocument(options.kind),
  ) {}

  async send(batch: CsvRecord[], dryRun: boolean): Promise<UpsertCounts | CsvProblem[]> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.options.token}`,
      },
      body: JSON.stringify({
        query: this.document,
        variables: {
          input: batch.map((r) => r.value),
          ...(this.options.kind.dryRun ? { dryRun } : {}),
        },
      }),
    });
    const answer = (await response.json()) as MutationAnswer;
    const counts = answer.data?.[this.options.kind.mutation];
    if (counts && !answer.errors) return counts;
    const [error] = answer.errors ?? [];
    if (!error) throw new Error(`the gateway answered ${response.status} without data or errors`);
    if (error.extensions?.code !== 'BAD_USER_INPUT') {
      throw new Error(
        `the gateway refused the batch: ${error.message} (${error.extensions?.code ?? response.status})`,
      );
    }
    const problems = error.extensions.problems;
    if (!problems) return batch.map((r) => ({ line: r.line, reason: error.message }));
    return problems.map((p) => ({
      line: batch[p.index]?.line ?? 0,
      reason: `${p.field} ${JSON.stringify(p.value)} ${p.reason}`,
    }));
  }
}

async function* batchesOf(
  options: ImportOptions,
  problems: CsvProblem[],
): AsyncGenerator<CsvRecord[]> {
  let batch: CsvRecord[] = [];
  for await (const record of csvRecords(options.file, options.kind.input, problems)) {
    batch.push(record);
    if (batch.length === options.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function emptyReport(): ImportReport {
  return { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], written: false };
}

function add(total: UpsertCounts, counts: UpsertCounts): void {
  total.inserted += counts.inserted;
  total.updated += counts.updated;
  total.unchanged += counts.unchanged;
}

/**
 * All or nothing: every batch is first sent as a dry run (checked and counted by the API and
 * the tables, then rolled back); only when the whole file passes is it sent again for real.
 */
async function importWhole(options: ImportOptions, gateway: Gateway): Promise<ImportReport> {
  const report = emptyReport();
  for await (const batch of batchesOf(options, report.rejected)) {
    report.rows += batch.length;
    const checked = await gateway.send(batch, true);
    if (Array.isArray(checked)) report.rejected.push(...checked);
    options.onProgress?.(`checked ${report.rows} rows`);
  }
  if (report.rejected.length > 0) return report;
  let sent = 0;
  for await (const batch of batchesOf(options, report.rejected)) {
    const written = await gateway.send(batch, false);
    if (Array.isArray(written)) {
      // Changed between the check and the write (someone else wrote meanwhile).
      report.rejected.push(...written);
      return report;
    }
    report.written = true;
    add(report, written);
    sent += batch.length;
    options.onProgress?.(`loaded ${sent} of ${report.rows} rows`);
  }
  return report;
}

/** Partial: each batch is written; a refused one is sent again without its bad rows. */
async function importPartial(options: ImportOptions, gateway: Gateway): Promise<ImportReport> {
  const report = emptyReport();
  for await (const batch of batchesOf(options, report.rejected)) {
    report.rows += batch.length;
    let pending = batch;
    while (pending.length > 0) {
      const result = await gateway.send(pending, false);
      if (!Array.isArray(result)) {
        report.written = true;
        add(report, result);
        break;
      }
      report.rejected.push(...result);
      const bad = new Set(result.map((p) => p.line));
      const rest = pending.filter((r) => !bad.has(r.line));
      if (rest.length === pending.length) break; // nothing to drop: the batch itself is refused
      pending = rest;
    }
    options.onProgress?.(`sent ${report.rows} rows, ${report.rejected.length} rejected`);
  }
  return report;
}

export function runImport(options: ImportOptions): Promise<ImportReport> {
  if (!options.partial && !options.kind.dryRun) {
    throw new Error(
      `${options.kind.mutation} has no dryRun: load ${options.kind.name} with --partial`,
    );
  }
  const gateway = new Gateway(options);
  return options.partial ? importPartial(options, gateway) : importWhole(options, gateway);
}
