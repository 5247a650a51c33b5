/** Node's codes for a server that cannot be reached, or that dropped the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** What pg says when the server went away, or when no connection came in time. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
];

/** TypeORM's, when the connection under a transaction died and the pool let it go. */
const TYPEORM_RELEASED = [
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
];

/**
 * The error and what it wraps: TypeORM's `driverError`, a `cause`, or graphql-js's
 * `thrownValue` (it wraps anything thrown that is not an Error of its own realm).
 */
function causes(error: unknown): unknown[] {
  const found: unknown[] = [];
  for (let e = error; typeof e === 'object' && e !== null && found.length < 5;) {
    found.push(e);
    const { driverError, cause, thrownValue } = e as Record<string, unknown>;
    e = driverError ?? cause ?? thrownValue;
  }
  return found;
}

/**
 * Whether a statement was stopped before it ended: by its statement_timeout, or cancelled
 * (query_canceled, 57014) or never started (RequestAbandoned) because its caller had gone.
 */
export function isStatementCancelled(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code, name } = e as Record<string, unknown>;
    return code === '57014' || name === 'RequestAbandoned';
  });
}

/**
 * Whether an error means PostgreSQL could not be reached or went away (restart, failover,
 * network), as opposed to a statement it refused. Class 08 is a connection exception; 57P01
 * to 57P03 a server shutting down, crashed or starting.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code, message, name } = e as Record<string, unknown>;
    if (typeof name === 'string' && TYPEORM_RELEASED.includes(name)) return true;
    if (typeof code === 'string' && (code.startsWith('08') || /^57P0[1-3]$/.test(code))) {
      return true;
    }
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    return typeof message === 'string' && PG_MESSAGES.some((m) => message.includes(m));
  });
}

/**
 * What PostgreSQL refused of a statement's values, by SQLSTATE class: 22 a data exception (a
 * NUL byte, a date or number beyond its type's range), 23 an integrity violation (a CHECK, a
 * foreign key). Null for anything else. The input, not the server, is at fault: the caller
 * answers BAD_USER_INPUT, with none of PostgreSQL's text (it names constraints and tables).
 */
export function databaseRefusal(error: unknown): 'DATA' | 'INTEGRITY' | null {
  for (const e of causes(error)) {
    const { code } = e as Record<string, unknown>;
    if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) continue;
    return code.startsWith('22') ? 'DATA' : 'INTEGRITY';
  }
  return null;
}

/**
 * Whether PostgreSQL refused a number past its type's range (numeric_value_out_of_range): on a
 * read, a sum too large for a bigint (the figures' exact sum raises it rather than wrap).
 */
export function isOutOfRange(error: unknown): boolean {
  return causes(error).some((e) => (e as Record<string, unknown>).code === '22003');
}
