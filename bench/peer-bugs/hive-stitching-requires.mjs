// A minimal reproduction of Hive Gateway's stitching planner fetching a @requires field before
// every field it requires is there (hive-stitching-requires.md). Three tiny subgraphs:
//
//   things   Query.thing; Thing.summary @requires(fields: "parts { id } weight { value }")
//   parts    Thing.parts
//   weights  Thing.weight @requires(fields: "parts { id }")
//
// It serves them over HTTP on loopback, composes them with The Guild's composition, runs
// `{ thing(id: "1") { summary } }` through Hive Gateway in-process with its default (stitching)
// planner and with its Rust planner, with the @requires written in both orders, and prints each
// answer and the representation `things` was sent for `summary`.
//
// Needs graphql, @apollo/subgraph and @theguild/federation-composition (this repository's
// dependencies) and @graphql-hive/gateway-runtime and @graphql-hive/router-runtime, which
// `npm run bench -- --compare-answers` installs into .bench/hive. Then:
//   node bench/peer-bugs/hive-stitching-requires.mjs
// Elsewhere, install the five packages and drop HIVE_DIR.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { graphql, parse } from 'graphql';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import console from 'node:console';
import process from 'node:process';
import { pathToFileURL, URL } from 'node:url';

const HIVE_DIR = new URL('../../.bench/hive/', import.meta.url);
const fromHive = (name) => import(pathToFileURL(createRequire(HIVE_DIR).resolve(name)).href);

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.0",
  import: ["@key", "@requires", "@external", "@shareable"])`;

/** What `things` received for `summary`, per run. */
let representations = [];

const subgraphs = (requires) => [
  {
    name: 'things',
    typeDefs: `${LINK}
      type Query { thing(id: ID!): Thing }
      type Thing @key(fields: "id") {
        id: ID!
        parts: [Part!]! @external
        weight: Weight @external
        summary: String @requires(fields: "${requires}")
      }
      type Part @shareable { id: ID! }
      type Weight @shareable { value: Int! }`,
    resolvers: {
      Query: { thing: (_, { id }) => ({ id }) },
      Thing: {
        __resolveReference: (thing) => {
          representations.push(thing);
          return thing;
        },
        summary: (thing) => `${thing.parts?.length} parts, weight ${thing.weight?.value}`,
      },
    },
  },
  {
    name: 'parts',
    typeDefs: `${LINK}
      type Thing @key(fields: "id") { id: ID! parts: [Part!]! }
      type Part @shareable { id: ID! }`,
    resolvers: { Thing: { parts: () => [{ id: 'p1' }, { id: 'p2' }] } },
  },
  {
    name: 'weights',
    typeDefs: `${LINK}
      type Thing @key(fields: "id") {
        id: ID!
        parts: [Part!]! @external
        weight: Weight @requires(fields: "parts { id }")
      }
      type Part @shareable { id: ID! }
      type Weight @shareable { value: Int! }`,
    resolvers: { Thing: { weight: (thing) => ({ value: 3 * thing.parts.length + 1 }) } },
  },
];

/** Serves one subgraph on a free loopback port; returns its URL and a way to close it. */
async function serve({ typeDefs, resolvers }) {
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables } = JSON.parse(body);
    const result = await graphql({ schema, source: query, variableValues: variables });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/graphql`, close: () => server.close() };
}

async function run(requires, planner) {
  const services = subgraphs(requires);
  const running = await Promise.all(services.map(serve));
  try {
    const composed = composeServices(
      services.map((s, i) => ({ name: s.name, typeDefs: parse(s.typeDefs), url: running[i].url })),
    );
    if (composed.errors) throw new Error(composed.errors.join('\n'));
    const { createGatewayRuntime } = await fromHive('@graphql-hive/gateway-runtime');
    const { unifiedGraphHandler } = await fromHive('@graphql-hive/router-runtime');
    const gateway = createGatewayRuntime({
      supergraph: composed.supergraphSdl,
      logging: false,
      ...(planner === 'rust' ? { unifiedGraphHandler } : {}),
    });
    representations = [];
    const response = await gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ thing(id: "1") { summary } }' }),
    });
    const answer = await response.json();
    await gateway.dispose();
    return { answer, sent: representations };
  } finally {
    for (const s of running) s.close();
  }
}

const EXPECTED = '2 parts, weight 7';
let failures = 0;
for (const requires of ['parts { id } weight { value }', 'weight { value } parts { id }']) {
  for (const planner of ['stitching', 'rust']) {
    const { answer, sent } = await run(requires, planner);
    const summary = answer.data?.thing?.summary;
    const ok = summary === EXPECTED;
    if (!ok) failures++;
    console.log(`@requires(fields: "${requires}"), ${planner} planner: ${ok ? 'right' : 'WRONG'}`);
    console.log(`  answer          ${JSON.stringify(answer)}`);
    console.log(`  things was sent ${JSON.stringify(sent)}`);
  }
}
console.log(
  failures === 0 ? 'No wrong answer.' : `${failures} wrong answer(s); expected "${EXPECTED}".`,
);
process.exitCode = failures === 0 ? 0 : 1;
