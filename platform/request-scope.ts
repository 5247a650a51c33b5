import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestScope {
  requestId: string;
  /** process.hrtime.bigint() when the request arrived: durations count from here. */
  arrived: bigint;
  /**
   * Aborted when nobody waits for the answer any more: the connection closed before the
   * response was sent (a client gone, or the gateway giving up on a fetch). Work in the
   * request's scope stops on it: subgraphs cancel its SQL, the gateway its subgraph fetches.
   */
  signal: AbortSignal;
}

/**
 * The attribute that carries the request id on a service's span of an incoming request, named
 * in the platform's own namespace as OpenTelemetry asks of attributes it does not define.
 */
export const REQUEST_ID_ATTRIBUTE = 'fengqiao.request.id';

const scope = new AsyncLocalStorage<RequestScope>();
const ids = new WeakMap<IncomingMessage, string>();

/**
 * The request's id: the caller's `x-request-id` when it is a plain token (the gateway sends
 * its own to every subgraph), else a new UUID. Remembered per request, so the HTTP layer, the
 * context and every log line agree on one id.
 */
export function requestId(req: IncomingMessage): string {
  const known = ids.get(req);
  if (known) return known;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
  ids.set(req, id);
  return id;
}

/**
 * Runs the handling of `req` in its scope: whatever logs meanwhile carries its id, and whatever
 * runs meanwhile can tell, by `signal`, that the caller has gone.
 */
export function inRequestScope<T>(req: IncomingMessage, res: ServerResponse, handle: () => T): T {
  const abandoned = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abandoned.abort(new Error('the caller closed the connection'));
  });
  return scope.run(
    { requestId: requestId(req), arrived: process.hrtime.bigint(), signal: abandoned.signal },
    handle,
  );
}

/** The request being handled, if any. */
export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}
