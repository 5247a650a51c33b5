import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { isRecord, representationsOf, type CostDirectives } from '../../../platform/cost';
import { badUserInput } from '../../../platform/errors';
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

/**
 * Refuses, before any resolver runs, a representation carrying a list longer than the list's
 * stated bound: its `@listSize` where this subgraph states one, else the stations of the
 * largest scope (STATIONS_IN_SCOPE), which bounds every list a representation of ours carries
 * (a board's or a division's stations, a department's indicators per station, a station's
 * indicator values). The gateway never sends longer ones, since the registry holds no more
 * stations in a scope; a caller that forges a representation of 150,000 stations gets
 * BAD_USER_INPUT naming the type, the field and the bound, and nothing is read.
 */
export function representationBoundsPlugin(
  schema: GraphQLSchema,
  directives: CostDirectives,
): ApolloServerPlugin {
  const shapeOf = fieldShapes(schema, directives);
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, request }) {
          if (!operation) return Promise.resolve();
          // A stack of values and, alongside, their types' names: a province board carries
          // ~30,000 objects, and one object per entry would be as many again to collect.
          const values: unknown[] = representationsIn(operation, request.variables ?? {});
          const types = values.map((value) => (isRecord(value) ? String(value.__typename) : ''));
          while (values.length > 0) {
            const value = values.pop();
            const type = types.pop() ?? '';
            if (!isRecord(value)) continue;
            const shape = shapeOf(type);
            // for…in, not Object.entries: no array per object. A representation is parsed
            // JSON, whose keys are all its own.
            for (const name in value) {
              const inner = value[name];
              const { bound, below } = shape.get(name) ?? UNKNOWN_FIELD;
              if (!Array.isArray(inner)) {
                if (isRecord(inner)) {
                  values.push(inner);
                  types.push(below);
                }
                continue;
              }
              if (inner.length > bound) throw tooLong(type, name, inner.length, bound);
              for (const item of inner as unknown[]) {
                if (isRecord(item)) {
                  values.push(item);
                  types.push(below);
                }
              }
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** What the walk needs of a field: its list's bound and the name of the type inside. */
interface FieldShape {
  bound: number;
  below: string;
}

/** A field the schema does not have: the largest scope bounds its lists too. */
const UNKNOWN_FIELD: FieldShape = { bound: STATIONS_IN_SCOPE, below: '' };

/**
 * Each type's fields' shapes, made once per type on first use: its `@listSize` where this
 * subgraph states one, else the stations of the largest scope (STATIONS_IN_SCOPE).
 */
function fieldShapes(
  schema: GraphQLSchema,
  directives: CostDirectives,
): (type: string) => ReadonlyMap<string, FieldShape> {
  const shapes = new Map<string, Map<string, FieldShape>>();
  return (type) => {
    let shape = shapes.get(type);
    if (!shape) {
      const parent = schema.getType(type);
      const fields = isObjectType(parent) ? Object.values(parent.getFields()) : [];
      shape = new Map(
        fields.map((field) => [
          field.name,
          {
            bound: directives.fields.get(`${type}.${field.name}`)?.assumedSize ?? STATIONS_IN_SCOPE,
            below: getNamedType(field.type).name,
          },
        ]),
      );
      shapes.set(type, shape);
    }
    return shape;
  };
}

function tooLong(type: string, field: string, found: number, max: number) {
  return badUserInput(
    `a ${type} representation's ${field} holds ${found} items; ` +
      `at most ${max} are read: no scope holds more`,
    // Refused before the operation runs, so Apollo would answer 500 without a status.
    { typename: type, field, max, found, http: { status: 400 } },
  );
}
