function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** What one minute of the soak saw. */
export class MinuteStats {
  readonly latencies: number[] = [];
  /** The same latencies by kind of request: which one drifts, if any. */
  readonly byKind = new Map<string, number[]>();
  /** Well-behaved requests that failed. */
  errors = 0;
  /** Hostile requests not refused as they should have been. */
  hostileMissed = 0;

  record(kind: string, ms: number, failed: boolean, hostile = false): void {
    this.latencies.push(ms);
    const ofKind = this.byKind.get(kind) ?? [];
    if (ofKind.length === 0) this.byKind.set(kind, ofKind);
    ofKind.push(ms);
    if (failed && hostile) this.hostileMissed += 1;
    else if (failed) this.errors += 1;
  }

  percentile(p: number, kind?: string): number {
    return percentileOf(kind ? (this.byKind.get(kind) ?? []) : this.latencies, p);
  }
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export function minuteTable(minutes: MinuteStats[]): string {
  const head = 'minute  requests  errors  hostile missed  req/s   p50 ms  p99 ms  max ms';
  const rows = minutes.map((m, i) =>
    [
      String(i + 1).padStart(6),
      String(m.latencies.length).padStart(9),
      String(m.errors).padStart(7),
      String(m.hostileMissed).padStart(15),
      fixed(m.latencies.length / 60).padStart(6),
      fixed(m.percentile(50)).padStart(8),
      fixed(m.percentile(99)).padStart(7),
      fixed(Math.max(0, ...m.latencies)).padStart(7),
    ].join(' '),
  );
  return [head, ...rows].join('\n');
}

/** p99 of each kind of request in the first and the last minute. */
export function kindTable(first: MinuteStats, last: MinuteStats): string {
  return [...first.byKind.keys()]
    .sort()
    .map((kind) => {
      const [from, to] = [first.percentile(99, kind), last.percentile(99, kind)];
      return `  ${kind.padEnd(20)} p99 ${fixed(from)} -> ${fixed(to)} ms (${drift(from, to)})`;
    })
    .join('\n');
}

/** Change from the first value to the last, in percent of the first. */
export function drift(first: number, last: number): string {
  if (first === 0) return 'n/a';
  const percent = ((last - first) / first) * 100;
  return `${percent >= 0 ? '+' : ''}${fixed(percent)} %`;
}

/** A service's resident memory and V8 heap in use, in MB. */
export interface MemorySample {
  rss: number;
  heap: number;
}

/**
 * Each service's memory as the load began and after minutes 1, 5, 15 and the last (those the
 * run reached): the issue judges flatness at minutes 5, 15 and 30. Warm-up (plan caches, pools,
 * V8's heap sizing) fills the first minute, so the drift is read from minute 1 to the last.
 */
export function memoryTable(
  services: string[],
  before: Map<string, MemorySample>,
  after: (Map<string, MemorySample> | undefined)[],
): string {
  const last = after.length;
  const minutes = [...new Set([1, 5, 15, last].filter((m) => m <= last))];
  const columns = [
    { head: 'start', sample: before },
    ...minutes.map((m) => ({ head: `min ${m}`, sample: after[m - 1] })),
  ];
  const head =
    `memory       per service: RSS (heap in use) MB; drift from minute 1 to ${last} ` +
    `(heaps read without a forced collection)\n  ${'service'.padEnd(11)}` +
    columns.map((c) => c.head.padStart(11)).join('');
  const rows = services.map((name) => {
    const cells = columns.map((c) => c.sample?.get(name));
    const shown = cells.map((m) =>
      (m ? `${fixed(m.rss, 0)} (${fixed(m.heap, 0)})` : '-').padStart(11),
    );
    const [one, end] = [after[0]?.get(name), after[last - 1]?.get(name)];
    const drifts =
      one && end ? `   rss ${drift(one.rss, end.rss)}, heap ${drift(one.heap, end.heap)}` : '';
    return `  ${name.padEnd(11)}${shown.join('')}${drifts}`;
  });
  return [head, ...rows].join('\n');
}
