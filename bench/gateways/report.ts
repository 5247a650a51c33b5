import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIVE_VERSION } from './hive';
import type { LoadResult } from './load';
import { percentile } from './load';
import type { GatewayFigures } from './measure';
import type { RenderResult } from './first-render';
import type { CriticalPathFigures } from './replay';
import { BENCH_DIR } from './ports';
import type { VersionCheckFigures } from './version-check';
import type { Scenario } from './scenarios';

export interface ScenarioResult {
  scenario: Scenario;
  /** Ours first, then the peers (those that ran). */
  gateways: GatewayFigures[];
  criticalPath?: CriticalPathFigures;
  /** Whether the gateways' checked answers had the same data. */
  sameAnswers?: boolean;
}

export interface RunInfo {
  date: Date;
  machine: string;
  command: string;
  commit: string;
  seconds: number;
  /** The machine's 1-minute load average as the run started and ended: other work skews figures. */
  load: [number, number];
  /** The peers that could not serve the supergraph, each with why: not measured. */
  peerFailures?: { name: string; failure: string }[];
  /** The live cache's version check alone, measured after the scenarios. */
  versionCheck?: VersionCheckFigures;
}

const ms = (value: number) =>
  Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : '—';
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a != null && b != null && Number.isFinite(a) && Number.isFinite(b) && b > 0
    ? (a / b).toFixed(2)
    : '—';

const QUANTILES = [0.5, 0.9, 0.99];
const latencies = (r: LoadResult) => QUANTILES.map((q) => percentile(r.latencies, q));

/** The subgraphs' CPU ms per request, then each one's. */
function subgraphCpuCell(f: GatewayFigures): string {
  if (f.subgraphCpuMsPerRequest === null) return 'n/a';
  const each = [...f.subgraphCpuMs].map(([name, v]) => `${name} ${v === null ? 'n/a' : ms(v)}`);
  return `${ms(f.subgraphCpuMsPerRequest)} (${each.join(', ')})`;
}

function statementsCell(statements: Map<string, number | null>): string {
  if ([...statements.values()].every((v) => v === null)) return 'n/a';
  return [...statements]
    .map(([name, v]) => `${name} ${v === null ? 'n/a' : String(Math.round(v * 100) / 100)}`)
    .join(', ');
}

const totalStatements = (f: GatewayFigures) =>
  [...f.statements.values()].every((v) => v === null)
    ? null
    : [...f.statements.values()].reduce<number>((sum, v) => sum + (v ?? 0), 0);

function throughput(f: GatewayFigures, scenario: Scenario): string {
  const rps = f.c16.requestsPerSecond;
  const records = scenario.recordsPerRequest
    ? ` (${Math.round(rps * scenario.recordsPerRequest).toLocaleString('en')} records/s)`
    : '';
  return `${rps.toFixed(1)}${records}`;
}

function figureRow(scenario: string, f: GatewayFigures, s: Scenario): string {
  const cells = [
    scenario,
    f.gateway,
    ...latencies(f.c1).map(ms),
    ...latencies(f.c16).map(ms),
    throughput(f, s),
    f.cpuMsPerRequest === null ? 'n/a' : ms(f.cpuMsPerRequest),
    subgraphCpuCell(f),
    String(f.c1.errors + f.c16.errors) + (f.problem ? ` (${f.problem.slice(0, 80)})` : ''),
    f.rssMb === null ? 'n/a' : f.rssMb.toFixed(0),
    statementsCell(f.statements),
  ];
  return `| ${cells.join(' | ')} |`;
}

function ratioRow(ours: GatewayFigures, peer: GatewayFigures): string {
  const [a, b] = [ours, peer].map((f) => [...latencies(f.c1), ...latencies(f.c16)]);
  const cells = [
    '',
    `ours ÷ ${peer.gateway}`,
    ...(a ?? []).map((v, i) => ratio(v, b?.[i])),
    ratio(ours.c16.requestsPerSecond, peer.c16.requestsPerSecond),
    ratio(ours.cpuMsPerRequest, peer.cpuMsPerRequest),
    ratio(ours.subgraphCpuMsPerRequest, peer.subgraphCpuMsPerRequest),
    '—',
    ratio(ours.rssMb, peer.rssMb),
    ratio(totalStatements(ours), totalStatements(peer)),
  ];
  return `| ${cells.join(' | ')} |`;
}

function figuresTable(results: readonly ScenarioResult[]): string[] {
  const lines = [
    '| scenario | gateway | p50 c1 | p90 c1 | p99 c1 | p50 c16 | p90 c16 | p99 c16 | requests/s c16 | gateway CPU ms / request | subgraphs CPU ms / request (each) | errors | RSS MB | SQL statements / request |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const { scenario, gateways, sameAnswers } of results) {
    if (scenario.skipped) {
      lines.push(`| ${scenario.name} | skipped: ${scenario.skipped} |||||||||||||`);
      continue;
    }
    const [ours, ...others] = gateways;
    const name = scenario.name + (sameAnswers === false ? ' (answers differ!)' : '');
    gateways.forEach((f, i) => lines.push(figureRow(i === 0 ? name : '', f, scenario)));
    for (const other of others) if (ours) lines.push(ratioRow(ours, other));
  }
  return lines;
}

function criticalPathTable(results: readonly ScenarioResult[]): string[] {
  const lines = [
    '| scenario | our gateway’s fetches by stage, straight to the subgraphs (p50 ms) | critical path p50 | ours p50 c1 | ours ÷ critical path |',
    '|---|---|--:|--:|--:|',
  ];
  for (const { scenario, gateways, criticalPath } of results) {
    const ours = gateways[0];
    if (!criticalPath || !ours || criticalPath.stages.length === 0) continue;
    const fetches = criticalPath.stages
      .map((stage) => `${stage.subgraphs.join(' + ')} ${ms(stage.p50)}`)
      .join(' → ');
    const oursP50 = percentile(ours.c1.latencies, 0.5);
    const errors = criticalPath.errors > 0 ? ` (${criticalPath.errors} errors)` : '';
    lines.push(
      `| ${scenario.name} | ${fetches}${errors} | ${ms(criticalPath.p50)} | ${ms(oursP50)} | ${ratio(oursP50, criticalPath.p50)} |`,
    );
  }
  return lines;
}

function versionCheckLine(v: VersionCheckFigures): string {
  return (
    `Live cache version check alone (our gateway's reader, all ${v.subgraphs} subgraphs' ` +
    `\`/data-version\` at once, ${v.checks.toLocaleString('en')} checks one after another, the ` +
    `bench's load stopped, machine load average ${v.load.toFixed(1)}): p50 ${ms(v.p50)} ms, ` +
    `p90 ${ms(v.p90)} ms, p99 ${ms(v.p99)} ms; budget about 1 ms.` +
    (v.failed > 0 ? ` ${v.failed} checks failed (past the reader's timeout), not timed.` : '')
  );
}

function renderTable(renders: readonly RenderResult[]): string[] {
  const lines = [
    '| screen | opens | scripts ran p50 | answer received p50 | view built p50 | table drawn p50 | drawn min–max | GraphQL requests | problem |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const { scenario, times, requests, problem } of renders) {
    if (scenario.skipped) {
      lines.push(`| ${scenario.name} | skipped: ${scenario.skipped} ||||||||`);
      continue;
    }
    const p50 = (sorted: number[]) => ms(percentile(sorted, 0.5));
    const cells = [
      scenario.name,
      String(times.rendered.length),
      p50(times.loaded),
      p50(times.answered),
      p50(times.built),
      p50(times.rendered),
      `${ms(times.rendered[0] ?? NaN)}–${ms(times.rendered.at(-1) ?? NaN)}`,
      String(requests),
      problem ?? '',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

export function markdown(
  info: RunInfo,
  results: readonly ScenarioResult[],
  renders: readonly RenderResult[],
  targets: string[],
) {
  return [
    `## npm run bench — ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${info.machine} · commit ${info.commit} · \`${info.command}\` · ${info.seconds} s per measurement · ` +
      'province profile · latencies in ms at concurrency 1 and 16 · load from autocannon on loopback · ' +
      `machine load average ${info.load.map((l) => l.toFixed(1)).join(' → ')}`,
    '',
    ...(info.peerFailures ?? []).flatMap(({ name, failure }) => [
      `**${name} ${HIVE_VERSION} could not serve the supergraph** (${failure}): not measured below.`,
      '',
    ]),
    // A run of the screen's renders alone measured no request.
    ...(results.length > 0
      ? [
          ...figuresTable(results),
          '',
          'Critical path: the subgraph requests our gateway made for one client request (recorded ' +
            'by proxies), replayed straight to the subgraphs one request at a time, stage by stage ' +
            'as the plan ran them (a stage’s fetches together); the median of the stages’ summed ' +
            'times.',
          '',
          ...criticalPathTable(results),
          '',
        ]
      : []),
    ...(renders.length > 0
      ? [
          'Screen first render: the 晾晒 screen served by our gateway, opened in Chromium ' +
            '(1920×1080, a new browser context each time, so nothing cached in the browser) on an ' +
            'official board as the assessor, after one warm-up open; ms from the start of ' +
            'navigation to the frame that drew the ranking table (and the summary chart).',
          '',
          ...renderTable(renders),
          '',
        ]
      : []),
    ...targets,
    '',
    ...(info.versionCheck ? [versionCheckLine(info.versionCheck), ''] : []),
  ].join('\n');
}

/** Writes the table as .bench/results.md (the latest) and a copy named for the run's start. */
export function writeResults(report: string, started: Date): string[] {
  const stamp = started.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const files = [join(BENCH_DIR, 'results.md'), join(BENCH_DIR, 'results', `${stamp}.md`)];
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  for (const file of files) writeFileSync(file, report);
  return files.map((f) => f.slice(BENCH_DIR.length - '.bench'.length));
}
