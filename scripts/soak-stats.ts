/** What one minute of the soak saw. */
export class MinuteStats {
  readonly latencies: number[] = [];
  errors = 0;
  rssMb = 0;
  heapMb = 0;

  record(ms: number, failed: boolean): void {
    this.latencies.push(ms);
    if (failed) this.errors += 1;
  }

  percentile(p: number): number {
    if (this.latencies.length === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  }
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

export function minuteTable(minutes: MinuteStats[]): string {
  const head = 'minute  requests  errors  req/s   p50 ms  p99 ms  max ms  rss MB  heap MB';
  const rows = minutes.map((m, i) =>
    [
      String(i + 1).padStart(6),
      String(m.latencies.length).padStart(9),
      String(m.errors).padStart(7),
      fixed(m.latencies.length / 60).padStart(6),
      fixed(m.percentile(50)).padStart(8),
      fixed(m.percentile(99)).padStart(7),
      fixed(Math.max(0, ...m.latencies)).padStart(7),
      fixed(m.rssMb, 0).padStart(7),
      fixed(m.heapMb, 0).padStart(8),
    ].join(' '),
  );
  return [head, ...rows].join('\n');
}

/** Change from the first value to the last, in percent of the first. */
export function drift(first: number, last: number): string {
  if (first === 0) return 'n/a';
  const percent = ((last - first) / first) * 100;
  return `${percent >= 0 ? '+' : ''}${fixed(percent)} %`;
}
