import {
  Kind,
  isNonNullType,
  isObjectType,
  parse,
  type FieldNode,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';

type Representation = { __typename?: unknown } & Record<string, unknown>;
export type EntityFallback = (
  query: string | undefined,
  variables: Record<string, unknown> | undefined,
) => { _entities: Record<string, unknown>[] } | null;

function entitiesField(query: string): FieldNode | undefined {
  for (const definition of parse(query).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === '_entities') return selection;
    }
  }
  return undefined;
}

/** The response names each entity type's fragment asks for, if every one of them may be null. */
function nullableFields(
  schema: GraphQLSchema,
  selections: readonly SelectionNode[],
): Map<string, string[]> | null {
  const byType = new Map<string, string[]>();
  for (const selection of selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) return null;
    const type = schema.getType(selection.typeCondition.name.value);
    if (!isObjectType(type)) return null;
    const names = byType.get(type.name) ?? [];
    for (const field of selection.selectionSet.selections) {
      if (field.kind !== Kind.FIELD) return null;
      if (field.name.value === '__typename') continue;
      const definition = type.getFields()[field.name.value];
      if (!definition || isNonNullType(definition.type)) return null;
      names.push(field.alias?.value ?? field.name.value);
    }
    byType.set(type.name, names);
  }
  return byType;
}

/**
 * What an entity fetch to a subgraph that is down (or too slow) answers instead of nothing:
 * every entity with the fields it was asked for set to null. Left missing, those fields would
 * make the gateway skip every later fetch that `@requires` them; null, the plan goes on, and
 * the assessment board scores the departments that answered and marks the missing one
 * DEPARTMENT_UNAVAILABLE. Only where the schema lets every requested field be null: a
 * non-null field stays missing, and the gateway nulls its parent as before.
 */
export function entityFallback(schema: GraphQLSchema): EntityFallback {
  return (query, variables) => {
    const representations = variables?.representations;
    if (!query || !Array.isArray(representations)) return null;
    const entities = entitiesField(query);
    const fields =
      entities?.selectionSet && nullableFields(schema, entities.selectionSet.selections);
    if (!fields) return null;
    const entitiesOut = (representations as Representation[]).map(
      (representation): Record<string, unknown> => {
        const typename = String(representation.__typename);
        const nulls = (fields.get(typename) ?? []).map((name): [string, null] => [name, null]);
        return { __typename: typename, ...Object.fromEntries(nulls) };
      },
    );
    return { _entities: entitiesOut };
  };
}
