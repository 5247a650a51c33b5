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

/** A value still to check: where it sits (for the refusal) and the type it must have. */
interface Pending {
  value: unknown;
  type: GraphQLOutputType;
  /** The representation's type and the field of an object type the value is under. */
  typename: string;
  owner: string;
  field: string;
  /** A field of the representation itself, not of an object or a list inside it. */
  top: boolean;
}

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
  const boundOf = (type: string, field: string) =>
    directives.fields.get(`${type}.${field}`)?.assumedSize ?? STATIONS_IN_SCOPE;
  const entityUnion = schema.getType('_Entity');
  const entities = new Set(
    isUnionType(entityUnion) ? entityUnion.getTypes().map((t) => t.name) : [],
  );
  // Refused before the operation runs, so Apollo would answer 500 without a status.
  const refuse = (message: string, details: Record<string, unknown>) =>
    badUserInput(message, { ...details, http: { status: 400 } });

  /** Queues an object's fields, or refuses a representation that is no entity of ours. */
  function fieldsOf(
    value: Record<string, unknown>,
    typename: string,
    owner: string,
    top: boolean,
  ): Pending[] {
    const type = schema.getType(owner);
    if (!isObjectType(type)) return [];
    const fields = type.getFields();
    return Object.entries(value).flatMap(([field, inner]) => {
      const known = fields[field];
      return known && field !== '__typename'
        ? [{ value: inner, type: known.type, typename, owner, field, top }]
        : [];
    });
  }

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
    const pending = fieldsOf(representation, typename, typename, true);
    while (pending.length > 0) {
      const next = pending.pop();
      if (!next) break;
      const { value, type, owner, field } = next;
      // The details name the type owning the field: a nested list's is its object's.
      const wrong = (what: string) =>
        refuse(`a ${typename} representation's ${owner}.${field} ${what}, not ${show(value)}`, {
          typename: owner,
          field,
        });
      // A null field of the representation itself is what a router sends once an error upstream
      // nulled it: the resolvers that @require it refuse it, INCOMPLETE_REPRESENTATION.
      if (value === null) {
        if (isNonNullType(type) && !next.top) throw wrong('cannot be null');
        continue;
      }
      const inner = getNullableType(type);
      if (isListType(inner)) {
        if (!Array.isArray(value)) throw wrong('must be a list');
        const bound = boundOf(owner, field);
        if (value.length > bound) {
          throw refuse(
            `a ${typename} representation's ${owner}.${field} holds ${value.length} items; ` +
              `at most ${bound} are read: no scope holds more`,
            { typename: owner, field, max: bound, found: value.length },
          );
        }
        for (const item of value as unknown[])
          pending.push({ ...next, value: item, type: inner.ofType, top: false });
      } else if (isObjectType(inner)) {
        if (!isRecord(value)) throw wrong(`must be an object (${inner.name})`);
        // A value type inside (a department's indicators) is read whole by the resolvers: it
        // must carry its non-null fields. An entity inside is resolved by its keys, checked there.
        const lacking = entities.has(inner.name)
          ? []
          : Object.values(inner.getFields()).filter(
              (f) => isNonNullType(f.type) && value[f.name] === undefined,
            );
        if (lacking.length > 0) throw wrong(`lacks ${lacking.map((f) => f.name).join(', ')}`);
        pending.push(...fieldsOf(value, typename, inner.name, false));
      } else if (isEnumType(inner)) {
        if (!inner.getValues().some((v) => v.value === value))
          throw wrong(`must be a ${inner.name}`);
      } else if (isScalarType(inner)) {
        const shape = SCALAR_SHAPES[inner.name];
        if (shape && !shape(value)) throw wrong(`must be a ${inner.name}`);
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
