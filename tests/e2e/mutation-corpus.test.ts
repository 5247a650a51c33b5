import fc from 'fast-check';
import {
  getNullableType,
  isListType,
  Kind,
  parse,
  type GraphQLField,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { CORPUS_STATIONS, valueOf } from '../support/corpus-values';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * A generated corpus over every mutation of the gateway, read from the checked-in supergraph (a
 * mutation a subgraph adds is covered without a change here): inputs built from each argument's
 * type, with values near and beyond every bound, hostile text (NUL, control characters, U+200B
 * alone, unpaired surrogates, 10,000 characters), impossible dates and unregistered stations,
 * sent through the gateway or straight to the owning subgraph. Every answer is a success or a
 * coded refusal, never a 500 nor INTERNAL_SERVER_ERROR, and a refusal leaves every table of every
 * subgraph as it was.
 */

process.env.PLATFORM_TODAY = '2019-08-15';

/** Runs per mutation: with 8 mutations, 640 inputs in about 40 s on a quiet machine. */
const RUNS = 80;

const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = apiSchema(supergraph);

/** Which subgraph resolves each mutation (its @join__field), to send it there directly too. */
function owners(): Map<string, string> {
  const mutation = parse(supergraph).definitions.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
  );
  return new Map(
    (mutation?.fields ?? []).map((field) => {
      const join = field.directives?.find((d) => d.name.value === 'join__field');
      const graph = join?.arguments?.find((a) => a.name.value === 'graph')?.value;
      return [field.name.value, graph?.kind === Kind.ENUM ? graph.value.toLowerCase() : ''];
    }),
  );
}

function variablesOf(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, arg.name)])),
  );
}

/** The mutation with every argument a variable, selecting its scalar fields. */
function documentOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNullableType(field.type);
  const selection =
    'getFields' in type
      ? Object.values(type.getFields())
          .filter((f) => {
            const leaf = getNullableType(f.type);
            return !isListType(leaf) && !('getFields' in leaf);
          })
          .map((f) => f.name)
          .join(' ')
      : '';
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation Corpus(${vars}) { ${field.name}(${args}) ${selection ? `{ ${selection} }` : ''} }`;
}

let platform: Platform;
let admin: string;
let tables: { subgraph: string; table: string }[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  await registerStations(
    platform,
    CORPUS_STATIONS.map((code) => registryStation(code)),
  );
  for (const name of platform.services.keys()) {
    const rows = await platform.sql<{ table: string }>(
      name,
      `SELECT tablename AS table FROM pg_tables WHERE schemaname = current_schema()`,
    );
    tables = [...tables, ...rows.map(({ table }) => ({ subgraph: name, table }))];
  }
}, 60_000);
afterAll(() => platform.stop());

/** Every table of every subgraph: a refusal must leave them all as they were. */
async function fingerprints(): Promise<string[]> {
  return Promise.all(tables.map(({ subgraph, table }) => platform.fingerprint(subgraph, table)));
}

const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
const owner = owners();

it('covers every mutation of the supergraph', () => {
  expect(mutations.length).toBeGreaterThanOrEqual(8);
  expect(mutations.filter((m) => !owner.get(m.name)).map((m) => m.name)).toEqual([]);
});

const outcomes = new Map<string, { ok: number; refused: number }>();

it.each(mutations.map((m) => [m.name, m] as const))(
  '%s: a success or a coded refusal with nothing written, never a 500',
  async (name, mutation) => {
    const document = documentOf(mutation);
    const subgraph = owner.get(name) ?? '';
    const tally = { ok: 0, refused: 0 };
    outcomes.set(name, tally);
    await fc.assert(
      fc.asyncProperty(
        variablesOf(mutation),
        fc.constantFrom('gateway', 'subgraph'),
        async (variables, path) => {
          const url = path === 'gateway' ? platform.gateway.url : platform.service(subgraph).url;
          const before = await fingerprints();
          const res = await postGraphQL(url, document, {
            token: admin,
            variables,
            ...(path === 'subgraph' ? { proofFor: subgraph } : {}),
          });
          const codes = (res.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
          const summary = { status: res.status, codes, message: res.errors?.[0]?.message };
          expect(summary.status).toBeLessThan(500);
          if (codes.length === 0) {
            expect(res.data?.[name]).toBeTruthy();
            tally.ok += 1;
            return;
          }
          expect(summary).toEqual({ ...summary, codes: codes.map(() => 'BAD_USER_INPUT') });
          expect(await fingerprints()).toEqual(before);
          tally.refused += 1;
        },
      ),
      { numRuns: RUNS },
    );
  },
  120_000,
);

afterAll(() => {
  // The corpus size and how it fell, for whoever reads the run.
  const total = [...outcomes.values()].reduce((n, t) => n + t.ok + t.refused, 0);
  console.info(`mutation corpus: ${total} inputs`, Object.fromEntries(outcomes));
});
