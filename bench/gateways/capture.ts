import { createServer, type Server } from 'node:http';
import { listen } from '../../platform/http';
import type { SubgraphProcess } from '../../scripts/processes';

/** One request a gateway sent a subgraph, as it went over the wire, and when. */
export interface SubgraphFetch {
  subgraph: string;
  /** The subgraph's URL (the real one, not the proxy's). */
  url: string;
  body: string;
  authorization: string | undefined;
  requestId: string | undefined;
  /** performance.now() when the request arrived and when its answer was sent back. */
  sentAt: number;
  answeredAt: number;
}

/**
 * Pass-through HTTP proxies in front of the subgraphs that write down every request a gateway
 * sends them. A gateway pointed at them shows the bench its query plan as it runs: which
 * subgraph operations (with their representations) one client request becomes, and which
 * waited for which.
 */
export class FetchRecorder {
  readonly fetches: SubgraphFetch[] = [];
  private readonly servers: Server[] = [];
  /** The proxies, as the subgraphs a gateway is told about. */
  readonly proxies: SubgraphProcess[] = [];

  static async start(subgraphs: readonly SubgraphProcess[]): Promise<FetchRecorder> {
    const recorder = new FetchRecorder();
    for (const subgraph of subgraphs) {
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        const sentAt = performance.now();
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [key, value] of Object.entries(req.headers)) {
            if (typeof value === 'string' && key !== 'host' && key !== 'content-length') {
              headers.set(key, value);
            }
          }
          void fetch(subgraph.url, { method: req.method ?? 'POST', headers, body })
            .then(async (answer) => {
              const text = await answer.text();
              res.writeHead(answer.status, {
                'content-type': answer.headers.get('content-type') ?? 'application/json',
              });
              res.end(text);
              recorder.fetches.push({
                subgraph: subgraph.name,
                url: subgraph.url,
                body,
                authorization: req.headers.authorization,
                requestId: headerValue(req.headers['x-request-id']),
                sentAt,
                answeredAt: performance.now(),
              });
            })
            .catch((error: unknown) => {
              res.writeHead(502).end(String(error));
            });
        });
      });
      const port = await listen(server, 0, '127.0.0.1');
      recorder.servers.push(server);
      recorder.proxies.push({ name: subgraph.name, port, url: `http://127.0.0.1:${port}/graphql` });
    }
    return recorder;
  }

  /** The fetches made for the client request sent with `requestId`, in the order sent. */
  fetchesOf(requestId: string): SubgraphFetch[] {
    return this.fetches
      .filter((f) => f.requestId === requestId)
      .sort((a, b) => a.sentAt - b.sentAt);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The query plan's stages as they ran: a fetch belongs to the stage after the last one whose
 * fetches it waited for (every fetch answered before it was sent, whose data the plan's next
 * stage needs); fetches of one stage ran side by side.
 */
export function stagesOf<T extends SubgraphFetch>(fetches: readonly T[]): T[][] {
  const stage = new Map<T, number>();
  const ordered = [...fetches].sort((a, b) => a.sentAt - b.sentAt);
  for (const fetch of ordered) {
    const before = ordered.filter((other) => other.answeredAt <= fetch.sentAt);
    stage.set(fetch, Math.max(-1, ...before.map((other) => stage.get(other) ?? 0)) + 1);
  }
  const stages: T[][] = [];
  for (const [fetch, index] of stage) (stages[index] ??= []).push(fetch);
  return stages;
}
