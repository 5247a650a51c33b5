import fc from 'fast-check';
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
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
const STATIONS = ['330624600401', '330624600402'];
/** A code the registry does not hold, another province's, a malformed one. */
const CODES = [...STATIONS, ...STATIONS, '999999999999', '110101000001', '33062460040'];

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

const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007',
  '\t',
  'line\nbreak',
  '\u0085',
  '\u200b',
  '\u200b\u200b',
  '\u3000',
  '\ud800',
  'x\udfff',
  '😀',
  '\u202e右到左',
  "Robert'); DROP TABLE station;--",
  'x'.repeat(65),
  'x'.repeat(101),
  'x'.repeat(201),
  '测'.repeat(10_000),
];

/** Text by field name: mostly what the field takes, often hostile. */
function text(field: string): fc.Arbitrary<string> {
  const plausible: Record<string, fc.Arbitrary<string>> = {
    stationCode: fc.constantFrom(...CODES),
    code: fc.constantFrom(...CODES, '330624600499'),
    divisionCode: fc.constantFrom('330624', '330681', '330600', '330000', '999999', '33062'),
    externalId: fc.oneof(fc.constantFrom('A', 'B', 'C'), fc.stringMatching(/^[A-Z0-9-]{1,12}$/)),
    key: fc.constantFrom(
      'cases.criminalSolved',
      'cases.homicides',
      'cases.mediationRate',
      'traffic.deaths',
      'traffic.majorAccidents',
      'surveys.securityRate',
      'surveys.nothing',
    ),
    name: fc.constantFrom('corpus-scheme', 'corpus-2', '枫桥派出所', 'Corpus', '-x'),
    title: fc.constantFrom('枫桥式派出所平安考核', 'corpus'),
    address: fc.constantFrom('浙江省绍兴市新昌县测试路1号'),
    brand: fc.constantFrom('枫桥式', ''),
  };
  const hostile = fc.constantFrom(...HOSTILE);
  const good = plausible[field] ?? fc.string({ maxLength: 20 });
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: hostile });
}

const INTS = [
  -2147483648, -1, 0, 1, 2, 3, 5, 6, 10, 100, 1000, 1001, 10_000, 10_001, 100_000, 100_001,
  10_000_000, 10_000_001, 2147483647,
];
const FLOATS = [
  -1e308, -10.01, -10, -1, -0.2, 0, 0.0001, 0.00001, 0.1, 0.98, 1, 1.5, 10, 10.01, 33.33, 50, 100,
  100.001, 101, 1e308,
];
const DATES = [
  '0000-01-01',
  '0001-01-01',
  '1949-09-30',
  '1949-10-01',
  '2018-03-01',
  '2019-02-28',
  '2019-05-01',
  '2019-08-15',
  '2019-08-16',
  '9999-12-31',
  '2019-02-29',
  '2019-13-01',
  '19-05-01',
];

function scalar(type: string, field: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'String':
    case 'ID':
      return text(field);
    case 'Int':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...INTS) },
        { weight: 3, arbitrary: fc.integer({ min: -1, max: 6 }) },
      );
    case 'Float':
      return fc.oneof(
        fc.constantFrom(...FLOATS),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      );
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...DATES) },
        { weight: 2, arbitrary: fc.constantFrom('2018-03-01', '2019-05-01', '2019-06-30') },
      );
    default:
      return fc.oneof(text(field), fc.integer());
  }
}

/** A value of an input type: lists of 0 to 3, null now and then where null is allowed. */
function valueOf(type: GraphQLInputType, field: string): fc.Arbitrary<unknown> {
  if (!isNonNullType(type)) {
    return fc.option(present(type, field), { nil: null, freq: 3 });
  }
  return present(type.ofType, field);
}

/** A value that is not null of a type, nullable or not. */
function present(type: GraphQLInputType, field: string): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      {
        weight: 6,
        arbitrary: fc.array(valueOf(inner.ofType, field), { minLength: 1, maxLength: 3 }),
      },
    );
  }
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((v) => v.value));
  if (isInputObjectType(inner)) {
    return fc.record(
      Object.fromEntries(
        Object.values(inner.getFields()).map((f) => [f.name, valueOf(f.type, f.name)]),
      ),
    );
  }
  return scalar(inner.name, field);
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
    STATIONS.map((code) => registryStation(code)),
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
