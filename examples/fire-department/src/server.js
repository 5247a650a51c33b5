import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { bearerVerifier, proofVerifier } from './auth.js';
import { coded, formatError } from './errors.js';
import { figuresLoader } from './figures.js';
import { today } from './period.js';
import { resolvers } from './resolvers.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** The fire service's federated schema: the SDL file and its resolvers. */
const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);

const send = (res, status, body) => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
};

/** A refusal of the whole request: a GraphQL body with one coded error, nothing executed. */
const refuse = (res, status, error) =>
  send(res, status, { errors: [{ message: error.message, extensions: { ...error.extensions } }] });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(coded('PAYLOAD_TOO_LARGE', `the body is over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The pool as one request uses it, counting the statements it sends: the request's log line
 * says how many, so a board that cost one statement per station would show.
 */
function countingPool(pool) {
  let statements = 0;
  const count =
    (db) =>
    (...args) => {
      statements += 1;
      return db.query(...args);
    };
  return {
    query: count(pool),
    async connect() {
      const client = await pool.connect();
      return { query: count(client), release: () => client.release() };
    },
    statements: () => statements,
  };
}

/** Without a token only `__typename` (and, outside production, introspection) is answered. */
function anonymousMayRun(operation, production) {
  return operation.selectionSet.selections.every(
    (s) =>
      s.kind === Kind.FIELD &&
      (s.name.value === '__typename' ||
        (!production &&
          operation.operation === 'query' &&
          ['__schema', '__type'].includes(s.name.value))),
  );
}

/**
 * The fire service's HTTP server: POST /graphql behind the gateway's proof and the user's
 * token, GET /health and /ready beside it (docs/department-contract.md).
 */
export function fireServer({ env, pool, log }) {
  const verifyProof = proofVerifier(env);
  const viewerOf = bearerVerifier(env);
  const production = env.NODE_ENV === 'production';
  const gatewayUrl = env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const rules = production ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;

  async function graphql(req, res) {
    let request;
    try {
      request = JSON.parse(await readBody(req));
    } catch (error) {
      const status = error.extensions?.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400;
      return refuse(
        res,
        status,
        error.extensions ? error : coded('BAD_REQUEST', 'the body is not JSON'),
      );
    }
    if (typeof request?.query !== 'string') {
      return refuse(res, 400, coded('BAD_REQUEST', 'the body needs a query string'));
    }
    let viewer;
    let proof;
    try {
      proof = await verifyProof(req.headers['x-gateway-proof'], request.query);
      viewer = await viewerOf(req.headers.authorization);
    } catch (error) {
      return refuse(res, 401, error);
    }
    let document;
    try {
      document = parse(request.query, { maxTokens: 5000 });
    } catch (error) {
      return refuse(res, 400, coded('GRAPHQL_PARSE_FAILED', error.message));
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) {
      return send(res, 400, {
        errors: invalid.map((e) => ({
          message: e.message,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        })),
      });
    }
    const operation = getOperationAST(document, request.operationName);
    if (!operation) {
      return refuse(
        res,
        400,
        coded('OPERATION_RESOLUTION_FAILURE', 'no single operation of that name'),
      );
    }
    if (viewer === null && !anonymousMayRun(operation, production)) {
      return refuse(res, 401, coded('UNAUTHENTICATED', 'this operation needs a bearer token'));
    }
    const requestId = req.headers['x-request-id'] || proof.requestId || randomUUID();
    const db = countingPool(pool);
    const result = await execute({
      schema,
      document,
      operationName: request.operationName,
      variableValues: request.variables ?? {},
      contextValue: {
        viewer,
        pool: db,
        today: today(),
        loadFigures: figuresLoader(db),
        gatewayUrl,
        authorization: req.headers.authorization,
        requestId,
      },
    });
    // No data at all: the variables did not fit the operation.
    const requestError = !('data' in result);
    const errors = result.errors?.map((error) =>
      requestError && !error.extensions?.code
        ? formatError(
            new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } }),
            log,
          )
        : formatError(error, log),
    );
    log({
      level: 'info',
      msg: 'request',
      requestId,
      operation: operation.name?.value ?? null,
      statements: db.statements(),
      errors: errors?.length ?? 0,
    });
    return send(res, requestError ? 400 : 200, {
      ...(errors ? { errors } : {}),
      ...('data' in result ? { data: result.data } : {}),
    });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fire').pathname;
    if (req.method === 'GET' && path === '/health')
      return send(res, 200, { status: 'ok', service: 'fire' });
    if (req.method === 'GET' && path === '/ready') {
      return pool.query('SELECT 1').then(
        () => send(res, 200, { status: 'ready', service: 'fire' }),
        () => send(res, 503, { status: 'unavailable', service: 'fire' }),
      );
    }
    if (path === '/graphql' && req.method === 'POST') {
      return graphql(req, res).catch((error) => {
        log({ level: 'error', msg: 'request failed', error: String(error?.stack ?? error) });
        if (!res.headersSent)
          refuse(res, 500, coded('INTERNAL_SERVER_ERROR', 'internal server error'));
      });
    }
    return refuse(
      res,
      path === '/graphql' ? 405 : 404,
      coded('NOT_FOUND', `${req.method} ${path} is not served here`),
    );
  });
  // Longer than the gateway keeps an idle socket: it must never reuse one this side closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
