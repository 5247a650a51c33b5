import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './log';
import type { ServiceMetrics } from './metrics';
import { currentRequest } from './request-scope';

const INTERNAL = 'INTERNAL_SERVER_ERROR';

function codesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((error) => {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : INTERNAL;
  });
}

function errorsOf(response: GraphQLResponse): readonly GraphQLFormattedError[] | undefined {
  return response.body.kind === 'single'
    ? response.body.singleResult.errors
    : response.body.initialResult.errors;
}

/** The code and HTTP status of an error that ended a request before it ran. */
function refusal(error: Error, fallbackStatus: number): { code: string; status: number } {
  const extensions = error instanceof GraphQLError ? error.extensions : {};
  const http = extensions.http as { status?: number } | undefined;
  return {
    code: typeof extensions.code === 'string' ? extensions.code : INTERNAL,
    status: http?.status ?? fallbackStatus,
  };
}

/**
 * Sees every GraphQL request a service answers, once: counts it in the metrics (requests,
 * errors by extensions.code, latency by operation name) and writes one log line with the
 * operation, HTTP status, duration, error codes and, through the request scope, the request
 * id. Requests refused before they run (a bad token, a malformed request) are seen by the
 * server-level hooks, since Apollo starts no request pipeline for them.
 */
export function observeRequestsPlugin(
  metrics: ServiceMetrics,
  logger: Logger,
): ApolloServerPlugin<BaseContext> {
  function record(
    operation: string | undefined,
    started: bigint,
    status: number,
    codes: string[],
  ): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.recordRequest(operation, seconds, codes);
    logger.info(
      {
        operation: operation ?? null,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        errors: [...new Set(codes)],
      },
      'graphql request',
    );
  }
  const arrival = () => currentRequest()?.arrived ?? process.hrtime.bigint();

  return {
    contextCreationDidFail({ error }) {
      const { code, status } = refusal(error, 500);
      record(undefined, arrival(), status, [code]);
      return Promise.resolve();
    },
    invalidRequestWasReceived({ error }) {
      const { code, status } = refusal(error, 400);
      record(undefined, arrival(), status, [code]);
      return Promise.resolve();
    },
    requestDidStart() {
      const started = arrival();
      return Promise.resolve({
        willSendResponse({ operationName, response }) {
          record(
            operationName ?? undefined,
            started,
            response.http.status ?? 200,
            codesOf(errorsOf(response)),
          );
          return Promise.resolve();
        },
      });
    },
  };
}
