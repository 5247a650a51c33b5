import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type FieldNode,
  type GraphQLField,
  type GraphQLOutputType,
  type ConstDirectiveNode,
  type SelectionSetNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { CORPUS_STATIONS, scalar, valueOf } from '../support/corpus-values';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * A generated corpus of representations, read from the checked-in supergraph (an entity or a
 * field a subgraph adds is covered without a change here): for every entity a subgraph resolves,
 * `_entities` straight to that subgraph selecting every field it resolves there, with keys and
 * @requires values built from their types, hostile text among them, and every part now and then
 * of the wrong shape (a number for a key, an object for a list, a field missing, another
 * type's name). A representation is the sender's, whatever the gateway's proof admits: every
 * answer is a success or a coded refusal, never a 500 nor INTERNAL_SERVER_ERROR.
 */

process.env.PLATFORM_TODAY = '2019-08-15';

/** Runs per entity and subgraph: 14 of them. */
const RUNS = 40;

const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
// The whole supergraph, not the API schema: representations carry @inaccessible fields too
// (a division's subdivisions), which the gateway fetches for the subgraphs and hides from clients.
const schema = buildSchema(supergraph, { assumeValidSDL: true });

/** A directive's string or enum argument (a field set, a join__Graph), null when absent. */
function stringArgument(directive: ConstDirectiveNode, name: string): string | null {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : null;
}

function booleanArgument(directive: ConstDirectiveNode, name: string): boolean {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.BOOLEAN && value.value;
}

interface ResolvedField {
  field: GraphQLField<unknown, unknown>;
  /** The fields it @requires in this subgraph, as a field set. */
  requires: string | null;
}

interface EntityTarget {
  typeName: string;
  subgraph: string;
  key: string;
  fields: ResolvedField[];
}

/** Every (entity, subgraph) with a resolvable key, and the fields that subgraph resolves. */
function entityTargets(): EntityTarget[] {
  const targets: EntityTarget[] = [];
  for (const definition of parse(supergraph).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = schema.getType(definition.name.value);
    if (!isObjectType(type)) continue;
    for (const join of definition.directives ?? []) {
      const key = stringArgument(join, 'key');
      const graph = stringArgument(join, 'graph');
      if (join.name.value !== 'join__type' || !key || !graph) continue;
      const fields: ResolvedField[] = [];
      for (const node of definition.fields ?? []) {
        const field = type.getFields()[node.name.value];
        const joins = (node.directives ?? []).filter((d) => d.name.value === 'join__field');
        const here = joins.find(
          (d) => stringArgument(d, 'graph') === graph && !booleanArgument(d, 'external'),
        );
        if (field && (joins.length === 0 || here)) {
          fields.push({ field, requires: here ? stringArgument(here, 'requires') : null });
        }
      }
      targets.push({ typeName: type.name, subgraph: graph.toLowerCase(), key, fields });
    }
  }
  return targets;
}

/** Field sets as one selection set, fields of one name merged: what a representation holds. */
function mergedSelection(fieldSets: string[]): Map<string, FieldNode[]> {
  const byName = new Map<string, FieldNode[]>();
  for (const fieldSet of fieldSets) {
    const operation = parse(`{ ${fieldSet} }`).definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      byName.set(selection.name.value, [...(byName.get(selection.name.value) ?? []), selection]);
    }
  }
  return byName;
}

/** Something of the wrong shape for any place in a representation. */
const WRONG = fc.constantFrom<unknown>(null, 42, -1, true, '', 'x', [], {}, [null], { code: 1 });

/** Mostly one of the values, now and then one of the hostile ones. */
const mostly = (values: string[], hostile: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.constantFrom(...hostile) },
  );

/** What the keys of our entities (and the arguments of the same names) take. */
const KEYS: Record<string, fc.Arbitrary<string>> = {
  scope: mostly(['330624', '330600', '330000'], ['999999', '33', '330624600499']),
  period: mostly(['2019', '2019-H1', '2018-Q3'], ['1800', '2019-13', '2020']),
  schemeId: mostly(['fengqiao-2019@1'], ['none@1', 'x']),
};

/** A value of an output type with the sub-selections `nodes` ask: what a sender may put there. */
function outputValue(
  type: GraphQLOutputType,
  name: string,
  nodes: readonly FieldNode[],
  hostile: boolean,
): fc.Arbitrary<unknown> {
  const inner = getNullableType(type);
  let good: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    good = fc.array(outputValue(inner.ofType, name, nodes, hostile), { maxLength: 3 });
  } else if (isObjectType(inner)) {
    good = objectValue(
      inner.name,
      mergedSelection(
        nodes.flatMap((n) => (n.selectionSet ? [selectionText(n.selectionSet)] : [])),
      ),
      hostile,
    );
  } else if (isEnumType(inner)) {
    good = fc.constantFrom(...inner.getValues().map((v) => v.value));
  } else {
    good = KEYS[name] ?? scalar(inner.name, name);
  }
  return hostile ? fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: WRONG }) : good;
}

function selectionText(selectionSet: SelectionSetNode): string {
  return selectionSet.selections
    .map((s) =>
      s.kind === Kind.FIELD
        ? `${s.name.value}${s.selectionSet ? ` { ${selectionText(s.selectionSet)} }` : ''}`
        : '',
    )
    .join(' ');
}

/** An object with the fields selected; a hostile one now and then leaves one out. */
function objectValue(
  typeName: string,
  fields: Map<string, FieldNode[]>,
  hostile: boolean,
): fc.Arbitrary<unknown> {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is no object type`);
  const model = Object.fromEntries(
    [...fields].map(([name, nodes]) => {
      const field = type.getFields()[name];
      if (!field) throw new Error(`${typeName}.${name} is not in the supergraph`);
      return [name, outputValue(field.type, name, nodes, hostile)];
    }),
  );
  return hostile
    ? fc.oneof(
        { weight: 6, arbitrary: fc.record(model) },
        { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
      )
    : fc.record(model);
}

/**
 * A representation of the target: its keys and what its fields require, of the right shape
 * (3 in 4) or with wrong parts anywhere, another type's name among them.
 */
function representation(target: EntityTarget): fc.Arbitrary<unknown> {
  const fields = mergedSelection([
    target.key,
    ...target.fields.flatMap((f) => (f.requires ? [f.requires] : [])),
  ]);
  const typenames = fc.oneof(
    { weight: 12, arbitrary: fc.constant(target.typeName) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('Station', 'Division', 'Nope', 42) },
  );
  const shaped = objectValue(target.typeName, fields, false).map((value) => ({
    __typename: target.typeName,
    ...(value as object),
  }));
  const hostile = fc
    .tuple(typenames, objectValue(target.typeName, fields, true))
    .map(([__typename, value]) => ({ __typename, ...(value as object) }));
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: hostile });
}

/** The query: every field the subgraph resolves, its arguments as variables. */
function documentOf(target: EntityTarget): {
  query: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
} {
  const declared: string[] = ['$r: [_Any!]!'];
  const arbitraries: Record<string, fc.Arbitrary<unknown>> = {};
  const selections = target.fields.map(({ field }) => {
    const args = field.args.map((arg) => {
      const variable = `${field.name}_${arg.name}`;
      declared.push(`$${variable}: ${arg.type.toString()}`);
      arbitraries[variable] = KEYS[arg.name] ?? valueOf(arg.type, arg.name);
      return `${arg.name}: $${variable}`;
    });
    const leaf = isLeafType(getNamedType(field.type));
    const called = args.length ? `${field.name}(${args.join(', ')})` : field.name;
    return leaf ? called : `${called} { __typename }`;
  });
  return {
    query:
      `query Corpus(${declared.join(', ')}) { _entities(representations: $r) ` +
      `{ ... on ${target.typeName} { ${selections.join(' ')} } } }`,
    variables: fc.record(arbitraries),
  };
}

let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  await registerStations(
    platform,
    CORPUS_STATIONS.map((code) => registryStation(code)),
  );
}, 60_000);
afterAll(() => platform.stop());

const targets = entityTargets();

it('covers every entity of the supergraph in every subgraph that resolves it', () => {
  expect(targets.map((t) => `${t.typeName}@${t.subgraph}`).sort()).toEqual(
    expect.arrayContaining(['AssessmentBoard@assessment', 'Division@cases', 'Station@stations']),
  );
  expect(targets.every((t) => t.fields.length > 0)).toBe(true);
});

const outcomes = new Map<string, Record<string, number>>();

it.each(targets.map((t) => [`${t.typeName} in ${t.subgraph}`, t] as const))(
  '%s: a success or a coded refusal, never a 500',
  async (name, target) => {
    const { query, variables } = documentOf(target);
    const tally: Record<string, number> = {};
    outcomes.set(name, tally);
    await fc.assert(
      fc.asyncProperty(
        fc.array(representation(target), { minLength: 1, maxLength: 3 }),
        variables,
        async (representations, values) => {
          const res = await platform.querySubgraph(target.subgraph, query, {
            token: admin,
            variables: { ...values, r: representations },
          });
          const codes = [...new Set((res.errors ?? []).map((e) => e.extensions?.code ?? 'NONE'))];
          for (const code of codes.length ? codes : ['OK']) tally[code] = (tally[code] ?? 0) + 1;
          const summary = { status: res.status, codes, message: res.errors?.[0]?.message };
          expect(summary.status).toBeLessThan(500);
          expect(summary).toEqual({
            ...summary,
            codes: codes.filter((c) => c !== 'INTERNAL_SERVER_ERROR' && c !== 'NONE'),
          });
        },
      ),
      { numRuns: RUNS },
    );
  },
  120_000,
);

afterAll(() => {
  // The corpus size and how it fell, for whoever reads the run.
  console.info('representation corpus', Object.fromEntries(outcomes));
});
