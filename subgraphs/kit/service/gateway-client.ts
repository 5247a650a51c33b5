import { listedOperation } from '../../../platform/operations';
import { envVar, intEnv } from '../../../platform/config';
import { codedError, type ErrorCode } from '../../../platform/errors';
import type { ListedOperations } from './generated/operations';

/** The operations a subgraph may send: those of schema/operations/subgraphs.graphql. */
type GraphOperation = keyof ListedOperations;

/**
 * The subgraphs' client of the gateway: the federated graph as a subgraph asks it, through the
 * gateway (GATEWAY_URL), as the caller, with the caller's own token. A department learns what other subgraphs own (the registry's
 * stations, a scheme's indicators) this way, never from their tables.
 */
export interface GatewayClient {
  /**
   * Runs an operation listed in schema/operations (the gateway's safelist lets it through) and
   * returns its data. When the graph cannot answer, throws a coded error naming `subgraph`, the
   * owner of what was asked: its own code (FORBIDDEN, BAD_USER_INPUT, ...) when the graph gave
   * one, else SUBGRAPH_UNAVAILABLE, which tells the client to retry. The variables and the data
   * are typed by the operation's name, from the schema (generated/operations.ts).
   */
  query<Name extends GraphOperation>(
    operation: Name,
    variables: ListedOperations[Name]['variables'],
    subgraph: string,
  ): Promise<ListedOperations[Name]['data']>;
}

/** Where the gateway is: a function, as the in-process platform knows it only once started. */
export type GatewayUrl = () => string;

/** GATEWAY_URL, which `npm start` sets; else where the gateway listens by default. */
export function gatewayUrlFromEnv(): string {
  return envVar('GATEWAY_URL') ?? 'http://localhost:4000/graphql';
}

/**
 * How long a subgraph waits for the graph's answer: the gateway's own deadline for a subgraph
 * (SUBGRAPH_TIMEOUT_MS), which the request that asks is under anyway.
 */
const timeoutMs = () => intEnv('SUBGRAPH_TIMEOUT_MS', 10_000);

interface Answer {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

const texts = new Map<string, string>();

/** The exact text the safelist knows an operation by, read once. */
function operationText(name: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = listedOperation(name);
    texts.set(name, text);
  }
  return text;
}

/** The client of the gateway for one request: it asks as that request's caller. */
export function gatewayClientFor(
  url: GatewayUrl,
  caller: { authorization: string | undefined; requestId: string },
): GatewayClient {
  return {
    async query<Name extends GraphOperation>(
      operation: Name,
      variables: ListedOperations[Name]['variables'],
      subgraph: string,
    ) {
      const unavailable = (code: ErrorCode, reason: string) =>
        codedError(code, `${subgraph} could not be asked through the graph: ${reason}`, {
          subgraph,
        });
      let answer: Answer;
      try {
        const response = await fetch(url(), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-request-id': caller.requestId,
            ...(caller.authorization ? { authorization: caller.authorization } : {}),
          },
          body: JSON.stringify({
            query: operationText(operation),
            variables,
            operationName: operation,
          }),
          signal: AbortSignal.timeout(timeoutMs()),
        });
        answer = (await response.json()) as Answer;
      } catch (error) {
        const name = (error as Error).name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        throw timedOut
          ? unavailable('SUBGRAPH_TIMEOUT', `no answer within ${timeoutMs()} ms`)
          : unavailable('SUBGRAPH_UNAVAILABLE', 'the gateway cannot be reached');
      }
      const [first] = answer.errors ?? [];
      if (first || answer.data == null) {
        const code = first?.extensions?.code;
        throw typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR'
          ? codedError(code as ErrorCode, `${subgraph}: ${first?.message ?? 'no answer'}`, {
              subgraph,
            })
          : unavailable('SUBGRAPH_UNAVAILABLE', first?.message ?? 'no data');
      }
      // The answer's shape is the operation's, as generated from the schema the gateway serves.
      return answer.data as ListedOperations[Name]['data'];
    },
  };
}
