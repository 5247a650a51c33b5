import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isProduction } from './config';
import { databaseRefusal, isDatabaseUnavailable, isStatementCancelled } from './database-errors';
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
  // Apollo's: the document holds no operation of the name sent (or several, and no name).
  | 'OPERATION_RESOLUTION_FAILURE'
  // Apollo's: a request malformed beyond GraphQL (e.g. a persisted query extension it cannot read).
  | 'BAD_REQUEST'
  /** A subgraph's PostgreSQL cannot be reached right now: retry. */
  | 'DATABASE_UNAVAILABLE'
  /** The gateway could not reach a subgraph (`extensions.subgraph` names it): retry. */
  | 'SUBGRAPH_UNAVAILABLE'
  /** A statement ran past STATEMENT_TIMEOUT_MS (or its caller had gone): ask for less. */
  | 'STATEMENT_CANCELLED'
  /** A subgraph did not answer the gateway within SUBGRAPH_TIMEOUT_MS. */
  | 'SUBGRAPH_TIMEOUT'
  /**
   * The answer would pass the request's budget (MAX_ANSWER_ROWS, MAX_ANSWER_BYTES; `extensions.limit`
   * names which): refused whole, before it was built.
   */
  | 'ANSWER_TOO_LARGE'
  /** The operation's estimated cost is over MAX_COST (Apollo Router's code for it). */
  | 'COST_ESTIMATED_TOO_EXPENSIVE'
  /** A department's figures are missing, so an official result (a published board) is refused. */
  | 'DEPARTMENT_UNAVAILABLE'
  /** A figure asked for is past what can be answered exactly (a bigint, a JSON safe integer). */
  | 'FIGURE_OUT_OF_RANGE'
  /**
   * A router sent an entity without a field the subgraph @requires (`extensions.field` names
   * it): a router's bug, never the client's; nothing is computed from the partial entity.
   */
  | 'INCOMPLETE_REPRESENTATION';

const httpStatus: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  OPERATION_NOT_IN_SAFELIST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  BAD_REQUEST: 400,
  // As Apollo answers an unknown APQ hash: clients read the code, then send the text.
  PERSISTED_QUERY_NOT_FOUND: 200,
  COST_ESTIMATED_TOO_EXPENSIVE: 400,
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

/** The longest value an error quotes whole; longer ones are cut to an excerpt. */
const EXCERPT = 80;
/** The longest message or extension string an error carries, whatever it quotes. */
const LONGEST_TEXT = 1000;

function cut(text: string, keep: number): string {
  return `${text.slice(0, keep)}… (${text.length} characters)`;
}

/**
 * A message with every long quoted value cut to an excerpt: an error names the value it refuses
 * but never echoes a 900 KB argument back (graphql-js quotes a refused variable whole, and so
 * does `show`). Then the whole is bounded too, for values quoted some other way.
 */
function excerptMessage(message: string): string {
  const quoted = message.replace(/"(?:[^"\\]|\\.)*"/g, (value) =>
    value.length > EXCERPT + 2 ? `${value.slice(0, EXCERPT + 1)}…"` : value,
  );
  return quoted.length > LONGEST_TEXT ? cut(quoted, LONGEST_TEXT) : quoted;
}

function excerptValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > EXCERPT ? cut(value, EXCERPT) : value;
  // Extensions are shallow (a problem list of records): deeper is nothing a client needs.
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // A stack trace's lines are text, bounded like a message.
    return value.map((item: unknown) =>
      typeof item === 'string' ? excerptMessage(item) : excerptValue(item, depth + 1),
    );
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, excerptValue(item, depth + 1)]),
  );
}

/** The error as it may leave the service: no value in it longer than a short excerpt. */
function excerpted(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    ...formatted,
    message: excerptMessage(formatted.message),
    ...(formatted.extensions
      ? { extensions: excerptValue(formatted.extensions) as Record<string, unknown> }
      : {}),
  };
}

/** Apollo's own refusals of a malformed request carry status 400 but no code. */
function isBadRequest(error: unknown): boolean {
  const http = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http;
  return http?.status === 400;
}

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

/** What a client is told of a value the database refused, without the database's own words. */
const REFUSED = {
  DATA: 'the input holds a value the database cannot store (a control character, or a date or number beyond its range); nothing was written',
  INTEGRITY: 'the input breaks a rule of the stored data; nothing was written',
} as const;

/**
 * Apollo's formatError for every service: a coded error passes as it is. A lost database
 * connection becomes DATABASE_UNAVAILABLE, which tells a client to retry (the pool reconnects
 * by itself). A value the database refused (a check the API missed) becomes BAD_USER_INPUT,
 * never its SQL text or constraint names: the batch's transaction was already rolled back.
 * Any other unexpected error is logged whole and, in production, reaches the
 * client only as "internal server error", never with its SQL, stack or host names.
 */
export function errorFormatter(logger: Logger) {
  function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = formatted.extensions?.code;
    if (code !== undefined && code !== INTERNAL) return formatted;
    if (error instanceof GraphQLError && isBadRequest(error)) {
      return replaced(formatted, formatted.message, 'BAD_REQUEST');
    }
    const original = unwrapResolverError(error);
    if (isDatabaseUnavailable(original)) {
      logger.warn({ reason: String(original), path: formatted.path }, 'database unavailable');
      return replaced(
        formatted,
        'the database is unavailable; try again shortly',
        'DATABASE_UNAVAILABLE',
      );
    }
    if (isStatementCancelled(original)) {
      logger.warn({ reason: String(original), path: formatted.path }, 'statement cancelled');
      return replaced(
        formatted,
        'the database stopped the statement: it ran longer than STATEMENT_TIMEOUT_MS allows, ' +
          'or its caller had gone',
        'STATEMENT_CANCELLED',
      );
    }
    const refusal = databaseRefusal(original);
    if (refusal) {
      // The API should have refused the value itself: worth a warning, not a page.
      logger.warn({ err: original, path: formatted.path }, 'database refused an input');
      return replaced(formatted, REFUSED[refusal], 'BAD_USER_INPUT');
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return isProduction() ? replaced(formatted, 'internal server error', INTERNAL) : formatted;
  }
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    excerpted(format(formatted, error));
}
