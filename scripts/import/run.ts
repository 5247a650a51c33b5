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
  /** Check the whole file and count what it would change, writing nothing. */
  dryRun?: boolean;
  /** Why, for a load kind that takes one: kept in the history of every record it writes. */
  reason?: string;
  onProgress?: (message: string) => void;
}

/** What a file changed (or, on a dry run, would change): a load's counts and a withdrawal's. */
interface Counts extends UpsertCounts {
  withdrawn: number;
}

export interface ImportReport extends Counts {
  rows: number;
  /** Every problem of the file, by CSV line and field, in line order. */
  rejected: CsvProblem[];
  /** Whether anything was written: false when a file was refused, or on a dry run. */
  written: boolean;
  /** Whether this was a dry run: the counts are then what the file would change. */
  dryRun: boolean;
}

interface ServerProblem {
  index?: number;
  field: string;
  reason: string;
  value: unknown;
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; problems?: ServerProblem[] };
}

interface MutationAnswer {
  data?: Record<string, Partial<Counts>> | null;
  errors?: GraphQLError[];
}

/** A batch of lines sent in one call: a withdrawal's lines all share their reason. */
type Batch = CsvRecord[];

/** A variable's coercion error names its place: `at "input[3].occurredOn"`. */
const COERCION_PLACE = /at "(?:input|ids)\[(\d+)\](?:\.(\w+))?"/;

/** A server problem's reason names other records by index (`repeats input[0]`): by line here. */
function byLine(reason: string, batch: Batch): string {
  return reason.replace(/input\[(\d+)\]/g, (text, index: string) => {
    const line = batch[Number(index)]?.line;
    return line === undefined ? text : `line ${line}`;
  });
}

/** The lines a refusal is about: each of its problems on its line, else the whole batch. */
function linesOf(error: GraphQLError, batch: Batch): CsvProblem[] {
  const { problems } = error.extensions ?? {};
  if (problems) {
    return problems.flatMap((p) => {
      const reason = `${p.field} ${JSON.stringify(p.value)} ${byLine(p.reason, batch)}`;
      const at = p.index === undefined ? batch : [batch[p.index]];
      return at.flatMap((r) => (r ? [{ line: r.line, field: p.field, reason }] : []));
    });
  }
  const place = COERCION_PLACE.exec(error.message);
  const record = place ? batch[Number(place[1])] : undefined;
  if (record) return [{ line: record.line, field: place?.[2], reason: error.message }];
  return batch.map((r) => ({ line: r.line, reason: error.message }));
}

class Gateway {
  constructor(
    private readonly options: ImportOptions,
    private readonly document = mutationDocument(options.kind),
  ) {}

  private variables(batch: Batch, dryRun: boolean): Record<string, unknown> {
    const { kind, reason } = this.options;
    const dry = kind.dryRun ? { dryRun } : {};
    if (kind.action === 'withdrawal') {
      return {
        ids: batch.map((r) => r.value.externalId),
        reason: batch[0]?.value.reason,
        ...dry,
      };
    }
    return { input: batch.map((r) => r.value), ...dry, ...(kind.reason ? { reason } : {}) };
  }

  async send(batch: Batch, dryRun: boolean): Promise<Partial<Counts> | CsvProblem[]> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.options.token}`,
      },
      body: JSON.stringify({ query: this.document, variables: this.variables(batch, dryRun) }),
    });
    const answer = (await response.json()) as MutationAnswer;
    const counts = answer.data?.[this.options.kind.mutation];
    if (counts && !answer.errors) return counts;
    const errors = answer.errors ?? [];
    if (errors.length === 0) {
      throw new Error(`the gateway answered ${response.status} without data or errors`);
    }
    const refusal = errors.find((e) => e.extensions?.code !== 'BAD_USER_INPUT');
    if (refusal) {
      throw new Error(
        `the gateway refused the batch: ${refusal.message} (${refusal.extensions?.code ?? response.status})`,
      );
    }
    return errors.flatMap((error) => linesOf(error, batch));
  }
}

/** A record file's lines, in batches of batchSize as they are read. */
async function* recordBatches(
  options: ImportOptions,
  problems: CsvProblem[],
): AsyncGenerator<Batch> {
  let batch: Batch = [];
  for await (const record of csvRecords(options.file, options.kind.input, problems)) {
    batch.push(record);
    if (batch.length === options.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** A withdrawal file's lines, one batch per reason (a withdrawal takes one) of batchSize. */
async function* withdrawalBatches(
  options: ImportOptions,
  problems: CsvProblem[],
): AsyncGenerator<Batch> {
  const byReason = new Map<string, Batch>();
  for await (const record of csvRecords(options.file, options.kind.input, problems)) {
    const reason = String(record.value.reason);
    const group = byReason.get(reason);
    if (group) group.push(record);
    else byReason.set(reason, [record]);
  }
  for (const lines of byReason.values()) {
    for (let i = 0; i < lines.length; i += options.batchSize) {
      yield lines.slice(i, i + options.batchSize);
    }
  }
}

function batchesOf(options: ImportOptions, problems: CsvProblem[]): AsyncGenerator<Batch> {
  return options.kind.action === 'withdrawal'
    ? withdrawalBatches(options, problems)
    : recordBatches(options, problems);
}

function emptyReport(dryRun: boolean): ImportReport {
  return {
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    rejected: [],
    written: false,
    dryRun,
  };
}

function add(total: Counts, counts: Partial<Counts>): void {
  total.inserted += counts.inserted ?? 0;
  total.updated += counts.updated ?? 0;
  total.unchanged += counts.unchanged ?? 0;
  total.withdrawn += counts.withdrawn ?? 0;
}

/** The problems of lines the file itself refused (never sent), which are rows of it too. */
function addUnread(report: ImportReport, unread: readonly CsvProblem[]): void {
  report.rows += new Set(unread.filter((p) => p.line > 1).map((p) => p.line)).size;
  report.rejected.push(...unread);
}

/**
 * All or nothing: every batch is first sent as a dry run (checked and counted by the API and
 * the tables, then rolled back); only when the whole file passes is it sent again for real.
 * With `dryRun`, the check is all: its counts are what the file would change.
 */
async function importWhole(options: ImportOptions, gateway: Gateway): Promise<ImportReport> {
  const dryRun = options.dryRun === true;
  const report = emptyReport(dryRun);
  const unread: CsvProblem[] = [];
  for await (const batch of batchesOf(options, unread)) {
    report.rows += batch.length;
    const checked = await gateway.send(batch, true);
    if (Array.isArray(checked)) report.rejected.push(...checked);
    else if (dryRun) add(report, checked);
    options.onProgress?.(`checked ${report.rows} rows`);
  }
  addUnread(report, unread);
  if (report.rejected.length > 0 || dryRun) return report;
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
  const report = emptyReport(false);
  const unread: CsvProblem[] = [];
  for await (const batch of batchesOf(options, unread)) {
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
  addUnread(report, unread);
  return report;
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  if (!options.partial && !options.kind.dryRun) {
    throw new Error(
      `${options.kind.mutation} has no dryRun: load ${options.kind.name} with --partial`,
    );
  }
  if (options.partial && options.dryRun) throw new Error('--partial writes: not with --dry-run');
  if (options.reason !== undefined && !options.kind.reason) {
    throw new Error(`${options.kind.mutation} takes no reason for the whole file`);
  }
  const gateway = new Gateway(options);
  const report = await (options.partial
    ? importPartial(options, gateway)
    : importWhole(options, gateway));
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
