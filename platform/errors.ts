import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isProduction } from './config';
import { isDatabaseUnavailable } from './database-errors';
import type { Logger } from './log';

/**
 * The error codes clients can rely on (`extensions.code`). Apollo's own codes
 * (GRAPHQL_VALIDATION_FAILED, INTERNAL_SERVER_ERROR, ...) keep their meaning.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'OPERATION_NOT_IN_SAFELIST'
  // Apollo's, raised by the gateway's safelist too, so APQ clients fall back to sending text.
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** A subgraph's PostgreSQL cannot be reached right now: retry. */
  | 'DATABASE_UNAVAILABLE'
  /** The gateway could not reach a subgraph (`extensions.subgraph` names it): retry. */
  | 'SUBGRAPH_UNAVAILABLE'
  /** A subgraph did not answer the gateway within SUBGRAPH_TIMEOUT_MS. */
  | 'SUBGRAPH_TIMEOUT'
  /**
   * A router sent an entity without a field the subgraph @requires (`extensions.field` names
   * it): a router's bug, never the client's; nothing is computed from the partial entity.
   */
  | 'INCOMPLETE_REPRESENTATION';

const httpStatus: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  OPERATION_NOT_IN_SAFELIST: 400,
};

export function codedError(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  const status = httpStatus[code];
  return new GraphQLError(message, {
    extensions: { code, ...details, ...(status ? { http: { status } } : {}) },
  });
}

export function badUserInput(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return codedError('BAD_USER_INPUT', message, details);
}

/** Quotes a value the way error messages show it: strings in quotes, the rest as JSON. */
export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

const INTERNAL = 'INTERNAL_SERVER_ERROR';

function replaced(
  formatted: GraphQLFormattedError,
  message: string,
  code: string,
): GraphQLFormattedError {
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code },
  };
}

/**
 * Apollo's formatError for every service: a coded error passes as it is. A lost database
 * connection becomes DATABASE_UNAVAILABLE, which tells a client to retry (the pool reconnects
 * by itself). Any other unexpected error is logged whole and, in production, reaches the
 * client only as "internal server error", never with its SQL, stack or host names.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code !== undefined && code !== INTERNAL) return formatted;
    const original = unwrapResolverError(error);
    if (isDatabaseUnavailable(original)) {
      logger.warn({ reason: String(original), path: formatted.path }, 'database unavailable');
      return replaced(
        formatted,
        'the database is unavailable; try again shortly',
        'DATABASE_UNAVAILABLE',
      );
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return isProduction() ? replaced(formatted, 'internal server error', INTERNAL) : formatted;
  };
}
