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
  const boundOf = (type: string, field: string) =>
    directives.fields.get(`${type}.${field}`)?.assumedSize ?? STATIONS_IN_SCOPE;
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, request }) {
          if (!operation) return Promise.resolve();
          const pending: { value: unknown; type: string }[] = representationsIn(
            operation,
            request.variables ?? {},
          ).map((value) => ({
            value,
            type: isRecord(value) ? String(value.__typename) : '',
          }));
          while (pending.length > 0) {
            const { value, type } = pending.pop() ?? { value: null, type: '' };
            if (!isRecord(value)) continue;
            const parent = schema.getType(type);
            const fields = isObjectType(parent) ? parent.getFields() : {};
            for (const [name, inner] of Object.entries(value)) {
              const items = Array.isArray(inner) ? (inner as unknown[]) : [inner];
              const bound = boundOf(type, name);
              if (Array.isArray(inner) && items.length > bound) {
                throw badUserInput(
                  `a ${type} representation's ${name} holds ${items.length} items; ` +
                    `at most ${bound} are read: no scope holds more`,
                  // Refused before the operation runs, so Apollo would answer 500 without a status.
                  {
                    typename: type,
                    field: name,
                    max: bound,
                    found: items.length,
                    http: { status: 400 },
                  },
                );
              }
              const below = fields[name] ? getNamedType(fields[name].type).name : '';
              for (const item of items)
                if (isRecord(item)) pending.push({ value: item, type: below });
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
