import { listedOperation } from '../platform/operations';

/**
 * The demo's official results: 绍兴's boards of 2019's quarters and halves, in the order an
 * assessment publishes them, so the screen opens on an official result with rank changes and
 * each station's history.
 */
const DEMO_BOARDS = {
  scope: '330600',
  periods: ['2019-Q1', '2019-Q2', '2019-H1', '2019-Q3', '2019-Q4', '2019-H2'],
};

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
  for (const period of periods) {
    await post(gatewayUrl, assessor, 'PublishAssessmentBoard', { scope, period });
  }
  return periods;
}
