import type { SchemaChange } from '../schema-changes';
import type { CandidateReport, OperationProblem } from './checks';

const VERDICT: Record<CandidateReport['verdict'], string> = {
  pass: 'PASS: no listed client operation is affected',
  warn: 'PASS WITH WARNING: breaking changes, but no listed client operation uses what they remove',
  refuse: 'REFUSED: listed client operations would fail',
};

/** Only a dangerous change says why: what makes one breaking is plain from its message. */
function changeLines(changes: readonly SchemaChange[]): string[] {
  if (changes.length === 0) return ['- none'];
  return changes.map((c) => {
    const why = c.severity === 'dangerous' && c.reason ? ` (${c.reason})` : '';
    return `- **${c.severity}** ${c.message}${why}`;
  });
}

function problemLines(problems: readonly OperationProblem[]): string[] {
  return problems.flatMap(({ name, client, problems }) =>
    problems.map((p) => `- \`${name}\`${client ? ` (client ${client})` : ''}: ${p}`),
  );
}

/**
 * What a publication prints: Markdown a reviewer reads in a pull request or a chat, the verdict
 * first, then each change to the API schema and each listed operation it breaks.
 */
export function summary(
  subgraph: string,
  report: CandidateReport | null,
  compositionErrors: readonly string[],
  operationsChecked: number,
): string {
  const lines = [`## Subgraph \`${subgraph}\``, ''];
  if (!report) {
    lines.push('**REFUSED: the supergraph does not compose**', '');
    lines.push(...compositionErrors.map((e) => `- ${e}`));
    return lines.join('\n');
  }
  lines.push(`**${VERDICT[report.verdict]}**`, '');
  lines.push('### Changes to the API schema', ...changeLines(report.changes), '');
  lines.push(`### Listed client operations (${operationsChecked} checked)`);
  const problems = [...problemLines(report.broken), ...problemLines(report.tooCostly)];
  lines.push(
    ...(problems.length > 0 ? problems : ['- every one validates and is within MAX_COST']),
  );
  return lines.join('\n');
}
