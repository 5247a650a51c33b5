import { GraphQLError } from 'graphql';

/**
 * Every refusal is a GraphQL error with `extensions.code` (docs/department-contract.md,
 * "Errors"); nothing else ever reaches a client.
 */
export function coded(code, message, details = {}) {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export const badInput = (message, details = {}) => coded('BAD_USER_INPUT', message, details);

/** PostgreSQL's "cannot connect now" and connection errors: the client may retry. */
function isUnavailable(error) {
  const code = String(error?.code ?? '');
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P03' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'].includes(code)
  );
}

/**
 * What a client is told of an error: a coded one as it is; a database that cannot be reached
 * as DATABASE_UNAVAILABLE; anything else as INTERNAL_SERVER_ERROR without its text (which may
 * hold SQL), logged here in full.
 */
export function formatError(error, log) {
  const original = error.originalError;
  if (error.extensions?.code) {
    return { message: error.message, path: error.path, extensions: { ...error.extensions } };
  }
  if (original && isUnavailable(original)) {
    return {
      message: 'the fire service cannot reach its database now: retry',
      path: error.path,
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    };
  }
  if (!original) {
    // graphql-js's own: validation and parsing.
    return { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  log({ level: 'error', msg: 'unexpected error', error: String(original?.stack ?? original) });
  return {
    message: 'internal server error',
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
