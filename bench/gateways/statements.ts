import type { SubgraphProcess } from '../../scripts/processes';

/**
 * A Prometheus counter of each subgraph (GET /metrics), summed over its labels; null for a
 * subgraph without it, so the table says n/a rather than guess.
 */
async function counterTotals(
  subgraphs: readonly SubgraphProcess[],
  counter: string,
): Promise<Map<string, number | null>> {
  const pattern = new RegExp(`^${counter}(\\{[^}]*\\})?\\s+(\\S+)$`);
  const totals = await Promise.all(
    subgraphs.map(async (subgraph) => {
      const answer = await fetch(new URL('/metrics', subgraph.url)).catch(() => null);
      if (!answer?.ok) return [subgraph.name, null] as const;
      const values = (await answer.text()).split('\n').flatMap((line) => {
        const value = Number(pattern.exec(line)?.[2]);
        return Number.isFinite(value) ? [value] : [];
      });
      return [subgraph.name, values.length > 0 ? values.reduce((a, b) => a + b) : null] as const;
    }),
  );
  return new Map(totals);
}

/** The SQL statements each subgraph has sent since it started (`db_statements_total`). */
export const statementTotals = (subgraphs: readonly SubgraphProcess[]) =>
  counterTotals(subgraphs, 'db_statements_total');

/**
 * Waits until the subgraphs have answered every request sent them: load generators give up
 * on requests in flight when their time is up, but the platform still works them off, and
 * the next measurement must not pay for them.
 */
export async function settled(subgraphs: readonly SubgraphProcess[]): Promise<void> {
  const answered = async () =>
    JSON.stringify([...(await counterTotals(subgraphs, 'graphql_requests_total'))]);
  let last = await answered();
  for (let polls = 0; polls < 600; polls += 1) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await answered();
    if (now === last) return;
    last = now;
  }
}
