import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One supergraph as it was published: when, by whom, why, and what it changed. */
export interface HistoryEntry {
  /** The SHA-256 of the supergraph's SDL, as the gateway's /ready reports it. */
  hash: string;
  publishedAt: string;
  author: string;
  reason: string;
  /** The subgraph whose publication made it. */
  subgraph: string;
  /** Its file under history/, kept while it is among the last KEPT. */
  file: string;
}

/** How many supergraphs history/ keeps the SDL of: enough to roll back a bad afternoon. */
const KEPT = 20;

const LOG = 'log.json';

function historyDir(schemaDir: string): string {
  return join(schemaDir, 'history');
}

export function readHistory(schemaDir: string): HistoryEntry[] {
  const file = join(historyDir(schemaDir), LOG);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HistoryEntry[]) : [];
}

/**
 * Records a published supergraph: its SDL under history/ and an entry in history/log.json,
 * newest last. Entries stay; the SDL of all but the last KEPT is removed.
 */
export function record(
  schemaDir: string,
  supergraphSdl: string,
  entry: Omit<HistoryEntry, 'file'>,
): HistoryEntry {
  const dir = historyDir(schemaDir);
  mkdirSync(dir, { recursive: true });
  const file = `${entry.publishedAt.replace(/[:.]/g, '-')}-${entry.hash.slice(0, 12)}.graphql`;
  writeFileSync(join(dir, file), supergraphSdl);
  const entries = [...readHistory(schemaDir), { ...entry, file }];
  for (const old of entries.slice(0, -KEPT)) rmSync(join(dir, old.file), { force: true });
  writeFileSync(join(dir, LOG), JSON.stringify(entries, null, 2) + '\n');
  return { ...entry, file };
}
