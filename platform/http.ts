import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { intEnv } from './config';
import { answerCors, type CorsPolicy } from './cors';
import type { Logger } from './log';
import { inRequestScope, requestId } from './request-scope';
import { answerBody } from './serialized-answer';

/** Extra GET endpoints next to /graphql, e.g. /health and /ready. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (req: IncomingMessage) => Promise<C>;
  routes?: Record<string, Route>;
  logger: Logger;
  /** The largest request body when MAX_BODY_BYTES does not say; DEFAULT_MAX_BODY_BYTES if unset. */
  maxBodyBytes?: number;
  /**
   * Decides, before anything is parsed or run, whether a GraphQL request may be served at all
   * (a subgraph's check of the gateway's proof); `query` is the request's `query` string, from
   * the JSON body or the URL. A coded GraphQLError it throws is the answer, with its HTTP status.
   */
  admit?: (req: IncomingMessage, query: string | undefined) => Promise<void>;
  /** Which other origins' pages may call the service (the gateway's); none when not given. */
  cors?: CorsPolicy;
}

/**
 * 4 MiB: the largest documented batch, pretty-printed, with room to spare. 1,000 stations with
 * names, addresses and brands at their longest (in Chinese, 3 bytes a character) are about
 * 1.6 MB indented; 5,000 disputes with 64-character ids, about 1.4 MB.
 */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const GRAPHQL_PATH = '/graphql';

/**
 * On every response of every service: no MIME sniffing (a JSON answer is never run as a script
 * or rendered as a page), no Referer leaving with a URL that may carry a token, and a policy that
 * lets nothing load from, nor frame, a response that is not a page. The gateway's pages replace
 * the policy with one of their own (gateway/src/web.ts).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

class BodyTooLarge extends Error {}

/** Reads the request body, refusing one larger than the limit before buffering it all. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isJson(req: IncomingMessage): boolean {
  return /^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '');
}

/** The `query` string of a GraphQL request: the JSON body's, or a GET's from its URL. */
function queryOf(req: IncomingMessage, body: unknown): string | undefined {
  if (req.method === 'GET') {
    return new URL(req.url ?? '/', 'http://localhost').searchParams.get('query') ?? undefined;
  }
  const query = (body as { query?: unknown } | null | undefined)?.query;
  return typeof query === 'string' ? query : undefined;
}

/**
 * Serves an ApolloServer on Node's own http module: @apollo/server 5 ships no framework
 * integration, and a GraphQL endpoint, a body limit and a few GET routes need none.
 */
export function createHttpServer<C extends BaseContext>(options: HttpOptions<C>): Server {
  const maxBodyBytes = intEnv('MAX_BODY_BYTES', options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        res.setHeader('connection', 'close');
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `request body over ${maxBodyBytes} bytes`);
      }
      if (isJson(req)) {
        try {
          body = JSON.parse(text);
        } catch {
          return sendError(res, 400, 'BAD_REQUEST', 'request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }
    if (options.admit) {
      try {
        await options.admit(req, queryOf(req, body));
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const { code, http } = error.extensions as { code?: string; http?: { status?: number } };
        return sendError(res, http?.status ?? 400, code ?? 'BAD_REQUEST', error.message);
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      // A success may go out as bytes a handler kept (serialized-answer.ts).
      res.end(answerBody(response.body.string, res.statusCode));
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Tells the caller which id to look for in the logs of the gateway and every subgraph.
    res.setHeader('x-request-id', requestId(req));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (options.cors && answerCors(options.cors, req, res)) return;
    const route = req.method === 'GET' ? options.routes?.[path] : undefined;
    const handled = route
      ? route(req, res)
      : path === GRAPHQL_PATH
        ? handleGraphQL(req, res)
        : sendError(res, 404, 'NOT_FOUND', `no route ${req.method ?? ''} ${path}`);
    Promise.resolve(handled).catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal server error');
      else res.end();
    });
  }

  const server = createServer((req, res) => inRequestScope(req, res, () => handle(req, res)));
  server.on('clientError', answerClientError);
  // The gateway keeps connections to subgraphs alive; a server that closes idle sockets before
  // the client does races it into "socket hang up" (apollographql/federation#2313).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** What Node's parser refuses before any handler runs, as a coded GraphQL answer. */
const CLIENT_ERRORS: Record<string, { status: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: '431 Request Header Fields Too Large',
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    message: "request headers over the server's limit (16 KiB)",
  },
};

/**
 * Answers a request Node's HTTP parser refused (headers too large, a malformed request) with a
 * JSON body and a code, where Node would send a bare status line; the connection is closed,
 * since the rest of what the client sends cannot be read. A socket already gone gets nothing.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const known = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: '400 Bad Request',
    code: 'BAD_REQUEST',
    message: 'malformed HTTP request',
  };
  const body = JSON.stringify({
    errors: [{ message: known.message, extensions: { code: known.code } }],
  });
  const head = [
    `HTTP/1.1 ${known.status}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/** Listens on `port` (0 picks a free one) and returns the port taken. */
export async function listen(server: Server, port: number, host?: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
