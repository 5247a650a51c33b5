// A minimal reproduction of Hive Gateway's stitching planner dropping a @provides field from an
// entity fetch (hive-stitching-provides.md). Two tiny subgraphs:
//
//   boards    Query.board; Board.rows @requires(fields: "stations { code name }");
//             Row.station @provides(fields: "name"); Station { code name @external [visits] }
//   stations  Board.stations; Station { code name @shareable }
//
// It serves them over HTTP on loopback, composes them with The Guild's composition, runs
// `{ board { rows { rank station { code name } } } }` through Hive Gateway in-process with its
// default (stitching) planner and with its Rust planner, with and without a field of boards' own
// on Station (`visits`), and prints each answer and the query `boards` was sent for the rows.
//
// Needs graphql, @apollo/subgraph and @theguild/federation-composition (this repository's
// dependencies) and @graphql-hive/gateway-runtime and @graphql-hive/router-runtime, which
// `npm run bench -- --compare-answers` installs into .bench/hive. Then:
//   node bench/peer-bugs/hive-stitching-provides.mjs
// Elsewhere, install the five packages and drop HIVE_DIR. It serves and composes the subgraphs as
// hive-stitching-requires.mjs does, on purpose: each file goes alone with its own report.
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
  import: ["@key", "@requires", "@provides", "@external", "@shareable"])`;

/** The queries for the rows `boards` was sent, per run. */
let rowsAsked = [];

const subgraphs = (ownField) => [
  {
    name: 'boards',
    typeDefs: `${LINK}
      type Query { board: Board }
      type Board @key(fields: "id") {
        id: ID!
        stations: [Station!]! @external
        rows: [Row!]! @requires(fields: "stations { code name }")
      }
      type Row { rank: Int! station: Station! @provides(fields: "name") }
      type Station @key(fields: "code") {
        code: ID!
        name: String! @external
        ${ownField ? 'visits: Int!' : ''}
      }`,
    resolvers: {
      Query: { board: () => ({ id: 'b' }) },
      Board: {
        __resolveReference: (board) => board,
        rows: (board) => board.stations.map((station, i) => ({ rank: i + 1, station })),
      },
      ...(ownField ? { Station: { visits: () => 0 } } : {}),
    },
  },
  {
    name: 'stations',
    typeDefs: `${LINK}
      type Board @key(fields: "id") { id: ID! stations: [Station!]! }
      type Station @key(fields: "code") { code: ID! name: String! @shareable }`,
    resolvers: {
      Board: { stations: () => [{ code: 's1', name: 'One' }] },
      Station: { __resolveReference: ({ code }) => ({ code, name: 'One' }) },
    },
  },
];

/** Serves one subgraph on a free loopback port; returns its URL and a way to close it. */
async function serve({ name, typeDefs, resolvers }) {
  const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { query, variables } = JSON.parse(body);
    if (name === 'boards' && query.includes('rows')) rowsAsked.push(query.replace(/\s+/g, ' '));
    const result = await graphql({ schema, source: query, variableValues: variables });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/graphql`, close: () => server.close() };
}

async function run(ownField, planner) {
  const services = subgraphs(ownField);
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
    rowsAsked = [];
    const response = await gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ board { rows { rank station { code name } } } }' }),
    });
    const answer = await response.json();
    await gateway.dispose();
    return { answer, asked: rowsAsked };
  } finally {
    for (const s of running) s.close();
  }
}

const EXPECTED = JSON.stringify({
  data: { board: { rows: [{ rank: 1, station: { code: 's1', name: 'One' } }] } },
});
let failures = 0;
for (const ownField of [true, false]) {
  for (const planner of ['stitching', 'rust']) {
    const { answer, asked } = await run(ownField, planner);
    const ok = JSON.stringify(answer) === EXPECTED;
    if (!ok) failures++;
    const station = ownField ? 'Station has visits in boards' : 'Station has no field of its own';
    console.log(`${station}, ${planner} planner: ${ok ? 'right' : 'WRONG'}`);
    console.log(`  answer       ${JSON.stringify(answer)}`);
    console.log(`  boards asked ${asked.join(', ')}`);
  }
}
console.log(
  failures === 0 ? 'No wrong answer.' : `${failures} wrong answer(s); expected ${EXPECTED}.`,
);
process.exitCode = failures === 0 ? 0 : 1;
