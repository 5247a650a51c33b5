import type { SubgraphProcess } from '../processes';

/**
 * The SQL statements each subgraph has sent since it started, from its Prometheus
 * `db_statements_total` at GET /metrics; null for a subgraph without that counter (the
 * metrics are not on every branch yet), so the table says n/a rather than guess.
 */
export async function statementTotals(
  subgraphs: readonly SubgraphProcess[],
): Promise<Map<string, number | null>> {
  const totals = await Promise.all(
    subgraphs.map(async (subgraph) => {
      const answer = await fetch(new URL('/metrics', subgraph.url)).catch(() => null);
      if (!answer?.ok) return [subgraph.name, null] as const;
      const line = (await answer.text())
        .split('\n')
        .find((l) => /^db_statements_total(\{|\s)/.test(l));
      const value = line ? Number(line.split(/\s+/).at(-1)) : NaN;
      return [subgraph.name, Number.isFinite(value) ? value : null] as const;
    }),
  );
  return new Map(totals);
}
