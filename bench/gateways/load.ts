import autocannon from 'autocannon';

/** Where load goes and what it sends: one POST body, or a new one per request. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string | (() => string);
}

export interface LoadResult {
  connections: number;
  /** Every answered request's latency in ms, ascending. */
  latencies: number[];
  requestsPerSecond: number;
  /** Requests sent, those still in flight when the time was up included. */
  sent: number;
  /** Connection errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  errors: number;
  /** The first failed answer's body, to say what went wrong. */
  firstError?: string;
}

/** The value at quantile `q` (0..1) of ascending `sorted`, by nearest rank. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/**
 * A GraphQL answer failed when it carries `errors`: an HTTP 200 can. The key is looked for in
 * the text rather than parsed, to keep the load generator's own CPU (it shares the machine's
 * two cores) small; `"errors":` appears in a JSON answer only as that key, since a string
 * holding it would escape its quotes.
 */
const hasGraphQLErrors = (body: string) => body.includes('"errors":');

/**
 * Drives `connections` concurrent keep-alive connections at `target` for `seconds` with
 * autocannon, from this process (not the gateway's). Latencies are kept at full resolution:
 * autocannon's own histogram rounds to whole milliseconds.
 */
export async function runLoad(
  target: Target,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstError: string | undefined;
  const fresh = typeof target.body === 'function' ? target.body : undefined;
  const options: autocannon.Options = {
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    connections,
    duration: seconds,
    timeout: 120,
    ...(fresh
      ? { requests: [{ setupRequest: (request) => ({ ...request, body: fresh() }) }] }
      : { body: target.body as string }),
    verifyBody: (raw) => {
      const body = String(raw ?? '');
      const ok = !hasGraphQLErrors(body);
      if (!ok) firstError ??= body.slice(0, 500);
      return ok;
    },
  };
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) =>
      error
        ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
        : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const good = latencies.length - result.non2xx - result.mismatches;
  return {
    connections,
    latencies,
    requestsPerSecond: Math.max(0, good) / elapsed,
    sent: Math.max(result.requests.sent, latencies.length),
    // Every non-2xx answer of a GraphQL server also carries errors in its body: the larger
    // count counts each failed answer once.
    errors: result.errors + Math.max(result.non2xx, result.mismatches),
    ...(firstError ? { firstError } : {}),
  };
}
