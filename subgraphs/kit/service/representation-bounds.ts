import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { isRecord, representationsOf, type CostDirectives } from '../../../platform/cost';
import { badUserInput, show } from '../../../platform/errors';
import { STATIONS_IN_SCOPE } from '../contract/list-sizes';

/** The representations each `_entities` of an operation is sent, aliases and all. */
function representationsIn(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): unknown[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value === '_entities'
      ? (representationsOf(selection, variables) ?? [])
      : [],
  );
}

/** What a built-in scalar's value must be in JSON; custom scalars are their resolvers' to read. */
const SCALAR_SHAPES: Record<string, (value: unknown) => boolean> = {
  String: (value) => typeof value === 'string',
  ID: (value) => typeof value === 'string',
  Int: (value) => Number.isInteger(value),
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  Boolean: (value) => typeof value === 'boolean',
};

/**
 * Refuses, before any resolver runs, a representation that is not what the schema says it is,
 * or that carries a list longer than the list's stated bound. A representation is written by
 * whoever sends `_entities`, so a resolver must not meet a number where the schema promises a
 * list (it would fail inside, INTERNAL_SERVER_ERROR): its `__typename` must name an entity of
 * this subgraph, and every field it carries that the type has must hold a value of that
 * field's type (null only where the type allows it; missing fields, and null ones of the
 * representation itself, are the resolvers' to refuse, INCOMPLETE_REPRESENTATION).
 *
 * A list's bound is its `@listSize` where this subgraph states one, else the stations of the
 * largest scope (STATIONS_IN_SCOPE), which bounds every list a representation of ours carries.
 * The gateway never sends longer ones, since the registry holds no more stations in a scope;
 * a caller that forges a representation of 150,000 stations gets BAD_USER_INPUT naming the
 * type, the field and the bound, and nothing is read.
 */
export function representationBoundsPlugin(
  schema: GraphQLSchema,
  directives: CostDirectives,
): ApolloServerPlugin {
  const entityUnion = schema.getType('_Entity');
  const entities = new Set(
    isUnionType(entityUnion) ? entityUnion.getTypes().map((t) => t.name) : [],
  );
  const fieldsOf = fieldChecks(schema, directives, entities);

  function check(representation: unknown): void {
    const typename = isRecord(representation) ? representation.__typename : undefined;
    if (!isRecord(representation) || typeof typename !== 'string' || !entities.has(typename)) {
      const sent = isRecord(representation) ? typename : representation;
      throw refuse(
        `a representation must be an object whose __typename names an entity of this ` +
          `subgraph (${[...entities].join(', ')}), not ${show(sent)}`,
        { field: '__typename' },
      );
    }
    const entity: string = typename;
    // The objects still to walk and, alongside, their types' names: a province board carries
    // ~30,000 objects, and one object per entry would be as many again to collect.
    const objects: Record<string, unknown>[] = [representation];
    const owners: string[] = [entity];

    /** A value that is not of its field's type; the details name the type owning the field. */
    function wrong(value: unknown, owner: string, field: string, what: string) {
      return refuse(`a ${entity} representation's ${owner}.${field} ${what}, not ${show(value)}`, {
        typename: owner,
        field,
      });
    }

    /**
     * Checks a value against its field's type; an object in it joins the walk. It makes
     * nothing unless it refuses: it runs for every value of a province board's ~150,000.
     */
    function visit(value: unknown, c: ValueCheck, owner: string, field: string, top: boolean) {
      // A null field of the representation itself is what a router sends once an error
      // upstream nulled it: the resolvers that @require it refuse it, INCOMPLETE_REPRESENTATION.
      if (value === null) {
        if (c.nonNull && !top) throw wrong(value, owner, field, 'cannot be null');
        return;
      }
      if (c.list) {
        if (!Array.isArray(value)) throw wrong(value, owner, field, 'must be a list');
        if (value.length > c.list.bound) {
          throw refuse(
            `a ${entity} representation's ${owner}.${field} holds ${value.length} items; ` +
              `at most ${c.list.bound} are read: no scope holds more`,
            { typename: owner, field, max: c.list.bound, found: value.length },
          );
        }
        for (const item of value as unknown[]) visit(item, c.list.item, owner, field, false);
      } else if (c.object) {
        if (!isRecord(value)) {
          throw wrong(value, owner, field, `must be an object (${c.object.type})`);
        }
        const lacking = lacks(value, c.object.required);
        if (lacking) throw wrong(value, owner, field, `lacks ${lacking.join(', ')}`);
        objects.push(value);
        owners.push(c.object.type);
      } else if (c.accepts && !c.accepts(value)) {
        throw wrong(value, owner, field, `must be a ${c.named}`);
      }
    }

    while (objects.length > 0) {
      const object = objects.pop() as Record<string, unknown>;
      const owner = owners.pop() as string;
      const fields = fieldsOf(owner);
      // for…in, not Object.entries: no array per object. A representation is parsed JSON,
      // whose keys are all its own.
      for (const field in object) {
        const c = fields.get(field);
        if (c) visit(object[field], c, owner, field, object === representation);
      }
    }
  }

  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, request }) {
          if (operation) representationsIn(operation, request.variables ?? {}).forEach(check);
          return Promise.resolve();
        },
      });
    },
  };
}

/** The fields of `required` an object lacks, or null (and no array made) when it has them all. */
function lacks(value: Record<string, unknown>, required: readonly string[]): string[] | null {
  for (const name of required) {
    if (value[name] === undefined) return required.filter((n) => value[n] === undefined);
  }
  return null;
}

/** Refused before the operation runs, so Apollo would answer 500 without a status. */
function refuse(message: string, details: Record<string, unknown>) {
  return badUserInput(message, { ...details, http: { status: 400 } });
}

/** What a value of a field's type must be, made once per field (see fieldChecks). */
interface ValueCheck {
  /** Null is refused (below the representation's own fields). */
  nonNull: boolean;
  /** The named type, for the refusal. */
  named: string;
  /** A list: its bound and its items' check. */
  list?: { bound: number; item: ValueCheck };
  /**
   * An object type: its name, and the non-null fields it must carry. A value type inside (a
   * department's indicators) is read whole by the resolvers; an entity inside is resolved by
   * its keys, checked there, so it must carry none here.
   */
  object?: { type: string; required: readonly string[] };
  /** An enum's values, or a built-in scalar's shape; custom scalars are their resolvers'. */
  accepts?: (value: unknown) => boolean;
}

/**
 * Each type's fields' checks, made once per type on first use. A list's bound is the field's
 * `@listSize` where this subgraph states one, else the stations of the largest scope.
 */
function fieldChecks(
  schema: GraphQLSchema,
  directives: CostDirectives,
  entities: ReadonlySet<string>,
): (type: string) => ReadonlyMap<string, ValueCheck> {
  const made = new Map<string, Map<string, ValueCheck>>();

  function checkOf(type: GraphQLOutputType, bound: number): ValueCheck {
    const nonNull = isNonNullType(type);
    const inner = getNullableType(type);
    if (isListType(inner)) {
      const item = checkOf(inner.ofType, bound);
      return { nonNull, named: item.named, list: { bound, item } };
    }
    if (isObjectType(inner)) {
      const required = entities.has(inner.name)
        ? []
        : Object.values(inner.getFields())
            .filter((f) => isNonNullType(f.type))
            .map((f) => f.name);
      return { nonNull, named: inner.name, object: { type: inner.name, required } };
    }
    if (isEnumType(inner)) {
      const values = new Set<unknown>(inner.getValues().map((v): unknown => v.value));
      return { nonNull, named: inner.name, accepts: (value) => values.has(value) };
    }
    const named = isScalarType(inner) ? inner.name : String(inner);
    return { nonNull, named, accepts: SCALAR_SHAPES[named] };
  }

  return (type) => {
    let fields = made.get(type);
    if (!fields) {
      const parent = schema.getType(type);
      fields = new Map(
        (isObjectType(parent) ? Object.values(parent.getFields()) : [])
          .filter((field) => field.name !== '__typename')
          .map((field) => {
            const bound =
              directives.fields.get(`${type}.${field.name}`)?.assumedSize ?? STATIONS_IN_SCOPE;
            return [field.name, checkOf(field.type, bound)];
          }),
      );
      made.set(type, fields);
    }
    return fields;
  };
}
