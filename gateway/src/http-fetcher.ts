import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { keptAlive } from './kept-alive';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** As many connections as the fetches in flight, like the RemoteGraphQLDataSource default. */
const connect = keptAlive();

const EMPTY = Buffer.alloc(0);

/** A subgraph's answer, read whole before the fetch resolves: the gateway parses it at once. */
class BufferedResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    this.bodyUsed = true;
    return Promise.resolve(this.body.toString('utf8'));
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const { buffer, byteOffset, byteLength } = this.body;
    return Promise.resolve(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  }

  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/** What make-fetch-happen and fetch reject with when their signal aborts. */
function abortError(): Error {
  return new DOMException('The operation was aborted', 'AbortError');
}

/**
 * A fetch for RemoteGraphQLDataSource on node:http and kept-alive sockets. Its default,
 * make-fetch-happen, spends the gateway's CPU on what a subgraph fetch does not need: a stack
 * trace per request (to pick the protocol), a stream pipeline for the body, and cache and retry
 * machinery that is switched off. Like it, this rejects with an AbortError when the signal
 * aborts, and closes the connection then, so the subgraph sees the caller go and stops its work.
 * It asks for no compression, so the body arrives as sent (nothing to decode on localhost).
 */
export const httpFetcher = ((url: string, init: FetcherInit = {}) =>
  new Promise<FetcherResponse>((resolve, reject) => {
    const { signal } = init as { signal?: AbortSignal };
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const target = new URL(url);
    const { client, agent } = connect(target);
    // Encoded once: Node would measure a string for the length, then encode it to the socket.
    const body = typeof init.body === 'string' ? Buffer.from(init.body) : (init.body ?? EMPTY);
    const request = client.request(target, {
      method: init.method ?? 'GET',
      agent,
      headers: { ...init.headers, 'content-length': body.length },
    });
    const fail = (error: Error) => {
      signal?.removeEventListener('abort', abort);
      reject(error);
    };
    const abort = () => {
      const error = abortError();
      request.destroy(error);
      fail(error);
    };
    signal?.addEventListener('abort', abort, { once: true });
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
      });
      response.on('error', fail);
      response.on('end', () => {
        signal?.removeEventListener('abort', abort);
        const headers = new Headers();
        const raw = response.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
        resolve(
          new BufferedResponse(
            url,
            response.statusCode ?? 0,
            response.statusMessage ?? '',
            headers,
            // A small answer comes in one chunk, which is the body as it is.
            chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length),
          ),
        );
      });
    });
    request.end(body);
  })) as Fetcher;
