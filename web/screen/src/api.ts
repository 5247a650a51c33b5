/** The screen's one way to the platform: a listed operation, by id, through the gateway. */
import operations from 'virtual:screen-operations';
import { UNREACHABLE, type GraphQLErrorLike, type Problem } from './errors';
import type { ListedOperations } from './generated/operations';

export type OperationName = keyof ListedOperations;

export interface Answer<T> {
  data: T | null;
  errors: GraphQLErrorLike[];
}

/** Thrown when no answer arrived at all. */
export class Unreachable extends Error {
  readonly problem: Problem = UNREACHABLE;
}

/** The gateway's /graphql, next to /screen/ wherever the gateway is mounted. */
const ENDPOINT = new URL('../graphql', window.location.href).toString();

async function post(token: string, body: unknown): Promise<Answer<unknown>> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Unreachable();
  }
  let answer: { data?: unknown; errors?: GraphQLErrorLike[] };
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    // A proxy's error page, or the gateway gone mid-answer.
    throw new Unreachable();
  }
  return { data: answer.data ?? null, errors: answer.errors ?? [] };
}

/**
 * Runs one of the screen's operations: one request, carrying the operation's id (its SHA-256 in
 * the safelist), which a gateway with SAFELIST=on runs as listed. A gateway without the safelist
 * knows an id only once it has seen the text (automatic persisted queries), so it answers
 * PERSISTED_QUERY_NOT_FOUND the first time and the text follows in a second request.
 */
export async function run<Name extends OperationName>(
  token: string,
  name: Name,
  variables: ListedOperations[Name]['variables'],
): Promise<Answer<ListedOperations[Name]['data']>> {
  const { id, body } = operations[name];
  const extensions = { persistedQuery: { version: 1, sha256Hash: id } };
  const first = await post(token, { operationName: name, variables, extensions });
  const unknown = first.errors.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');
  // The answer's shape is the operation's, as generated from the schema the gateway serves.
  type Data = ListedOperations[Name]['data'];
  if (!unknown) return first as Answer<Data>;
  return (await post(token, {
    operationName: name,
    query: body,
    variables,
    extensions,
  })) as Answer<Data>;
}
