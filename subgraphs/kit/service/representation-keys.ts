import {
  getNamedType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { badUserInput, show } from '../../../platform/errors';

/** Entity type → the key fields that are plain strings (String or ID), for every `@key`. */
export function stringKeyFields(
  typeDefs: DocumentNode,
  schema: GraphQLSchema,
): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const definition of typeDefs.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const type = schema.getType(definition.name.value);
    if (!isObjectType(type)) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields');
      if (fields?.value.kind !== Kind.STRING) continue;
      const selection = parse(`{ ${fields.value.value} }`);
      const operation = selection.definitions[0];
      if (operation?.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const field of operation.selectionSet.selections) {
        if (field.kind !== Kind.FIELD || field.selectionSet) continue;
        const named = getNamedType(type.getFields()[field.name.value]?.type);
        if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
          keys.set(type.name, [...new Set([...(keys.get(type.name) ?? []), field.name.value])]);
        }
      }
    }
  }
  return keys;
}

/**
 * Refuses a representation whose string key is an array, an object, a number or missing:
 * a representation is written by whoever sends `_entities`, and a resolver that reads
 * `code` must get the string the schema promises, not fail inside with an internal error.
 */
export function checkRepresentation(
  typeName: string,
  fields: readonly string[],
  reference: Record<string, unknown>,
): void {
  for (const field of fields) {
    const value = reference[field];
    if (typeof value !== 'string') {
      throw badUserInput(
        `a ${typeName} representation needs ${field} as a string, not ${show(value)}`,
        { field, typename: typeName },
      );
    }
  }
}
