import { listedOperation } from '../platform/operations';

/** Each quarter's months, then the quarter; the half after its second quarter, the year last. */
function periodsOf(year: number): string[] {
  return [1, 2, 3, 4].flatMap((q) => [
    ...[1, 2, 3].map((m) => `${year}-${String(q * 3 - 3 + m).padStart(2, '0')}`),
    `${year}-Q${q}`,
    ...(q % 2 === 0 ? [`${year}-H${q / 2}`] : []),
    ...(q === 4 ? [String(year)] : []),
  ]);
}

/**
 * The demo's official results: 绍兴's boards of every month, quarter, half and year of 2018 and
 * 2019, in the order an assessment publishes them (a period once it has ended), so the screen
 * opens on an official result whose ranks moved against the period before, and each station
 * has its history.
 */
const DEMO_BOARDS = { scope: '330600', periods: [2018, 2019].flatMap(periodsOf) };

/** How many publications run at once: the subgraphs score one while the gateway plans the next. */
const IN_FLIGHT = 2;

interface Answer<T> {
  data?: T | null;
  errors?: { message: string }[];
}

async function post<T>(url: string, token: string, operation: string, variables: object) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: listedOperation(operation), variables }),
  });
  const answer = (await response.json()) as Answer<T>;
  if (answer.errors?.length) {
    throw new Error(`${operation}: ${answer.errors.map((e) => e.message).join('; ')}`);
  }
  return answer.data as T;
}

/**
 * Publishes the demo's boards as the given assessor, unless some board of the scope was
 * published before (the demo data stays across restarts, and so do its publications). Returns
 * the periods published now.
 */
export async function publishDemoBoards(gatewayUrl: string, assessor: string): Promise<string[]> {
  const { scope, periods } = DEMO_BOARDS;
  const listed = await post<{ publishedBoards: { totalCount: number } }>(
    gatewayUrl,
    assessor,
    'PublishedBoards',
    { scope, first: 1 },
  );
  if (listed.publishedBoards.totalCount > 0) return [];
  // A few at a time, in order: each board is its own publication, and a board finds the one
  // before it (its previous ranks) when read, not when published.
  let next = 0;
  const publishing = async () => {
    while (next < periods.length) {
      const period = periods[next++];
      await post(gatewayUrl, assessor, 'PublishAssessmentBoard', { scope, period });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, publishing));
  return periods;
}
