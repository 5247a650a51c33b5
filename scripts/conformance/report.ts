type Outcome = 'passed' | 'failed' | 'skipped';

/** One line of the suite's report. */
export interface CheckResult {
  check: string;
  outcome: Outcome;
  why: string;
}

/** The report as a plain-text table: check, outcome, why (wrapped under itself). */
export function reportTable(name: string, url: string, results: readonly CheckResult[]): string {
  const checkWidth = Math.max('check'.length, ...results.map((r) => r.check.length));
  const outcomeWidth = 'skipped'.length;
  const row = (check: string, outcome: string, why: string) =>
    `${check.padEnd(checkWidth)}  ${outcome.padEnd(outcomeWidth)}  ${why}`;
  const failed = results.filter((r) => r.outcome === 'failed').length;
  return [
    `conformance of "${name}" at ${url}`,
    '',
    row('check', 'outcome', 'why'),
    row('-'.repeat(checkWidth), '-'.repeat(outcomeWidth), '---'),
    ...results.map((r) => row(r.check, r.outcome, r.why)),
    '',
    failed === 0
      ? `all ${results.length} checks passed or skipped`
      : `${failed} of ${results.length} checks failed`,
  ].join('\n');
}
