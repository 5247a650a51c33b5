import { Histogram } from 'prom-client';
import { DATA_VERSION_PATH, type DataVersion } from '../../platform/data-version';
import type { ServiceMetrics } from '../../platform/metrics';
import { keptAlive } from './kept-alive';

/** A subgraph's version as the cache compares it: its day and its data version, by name. */
export type Versions = ReadonlyMap<string, string>;

/**
 * How long the cache waits for a version, which takes about a millisecond: past it (a subgraph
 * hung), the request runs uncached rather than wait longer. Generous, since a swamped machine
 * (the tests' own, shared) can take a hundred times that, and a miss there costs a whole query.
 */
const VERSION_TIMEOUT_MS = 1000;

/**
 * The check's own kept-alive connections: a few per subgraph, since checks of one subgraph are
 * coalesced to one in flight and one waiting (below).
 */
const connect = keptAlive({ maxSockets: 4 });

/**
 * One GET answered with JSON, through node:http on a kept-alive socket: for so small an
 * exchange it costs the gateway less CPU than `fetch` (undici), about 70 µs a request against
 * 160 to a bare server and a third less on the bench's subgraphs, and the check runs on every
 * cached read.
 */
function getJson<T>(url: URL, name: string): Promise<T> {
  const { client, agent } = connect(url);
  return new Promise((resolve, reject) => {
    // The socket's own timeout, not an AbortSignal's timer: for an answer of a few bytes, a
    // socket silent that long is a subgraph that does not answer, and it costs no timer and
    // signal a request.
    const request = client.get(url, { agent, timeout: VERSION_TIMEOUT_MS }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`subgraph "${name}": HTTP ${response.statusCode}`));
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () =>
      request.destroy(new Error(`subgraph "${name}": no version within ${VERSION_TIMEOUT_MS} ms`)),
    );
    request.on('error', reject);
  });
}

/**
 * Asks subgraphs their data version (docs/live-cache.md), all at once, one GET each on the
 * connections the gateway keeps alive. Fails when any of them cannot answer: the caller then
 * neither serves nor keeps an answer.
 */
export function dataVersionReader(
  urls: () => Readonly<Record<string, string>>,
  metrics: ServiceMetrics,
): (names: Iterable<string>) => Promise<Versions> {
  const duration = new Histogram({
    name: 'gateway_data_version_check_seconds',
    help: "Time the response cache took to read the data versions of a request's subgraphs",
    // Its budget is a millisecond: the buckets resolve below it.
    buckets: [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.25, 1],
    registers: [metrics.registry],
  });
  const one = async (name: string): Promise<readonly [string, string]> => {
    const url = urls()[name];
    if (!url) throw new Error(`no URL for subgraph "${name}"`);
    const { today, version } = await getJson<DataVersion>(new URL(DATA_VERSION_PATH, url), name);
    return [name, `${today}/${version}`];
  };
  // At most one check in flight per subgraph, and one waiting: a request that arrives while a
  // check runs cannot use it (it may have read before a write this request must see), but it
  // can share the next one, which starts after it arrived. Under load, one check serves every
  // request that arrived while the one before ran, instead of one check each.
  const running = new Map<string, Promise<readonly [string, string]>>();
  const waiting = new Map<string, Promise<readonly [string, string]>>();
  const start = (name: string) => {
    const check = one(name);
    running.set(name, check);
    const done = () => {
      if (running.get(name) === check) running.delete(name);
    };
    check.then(done, done);
    return check;
  };
  const versionOf = (name: string) => {
    const before = running.get(name);
    if (!before) return start(name);
    let next = waiting.get(name);
    if (!next) {
      const settled = () => {
        waiting.delete(name);
        return start(name);
      };
      next = before.then(settled, settled);
      waiting.set(name, next);
    }
    return next;
  };
  return async (names) => {
    const stop = duration.startTimer();
    try {
      return new Map(await Promise.all([...names].map(versionOf)));
    } finally {
      stop();
    }
  };
}
