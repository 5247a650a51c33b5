import {
  getNamedType,
  isLeafType,
  isObjectType,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** The fields of `type` a screen shows as they are: scalars and enums that take no arguments. */
export function leafFields(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => f.args.length === 0 && isLeafType(getNamedType(f.type)))
    .map((f) => f.name);
}

/**
 * A station's statistics fields, whoever owns them: every `Station` field that takes a
 * `period` and returns figures with a `baseline` (caseStats, and trafficStats and surveyStats
 * once those subgraphs are on main), selected whole with the baseline's figures.
 */
export function statsSelections(schema: GraphQLSchema): string[] {
  const station = schema.getType('Station');
  if (!isObjectType(station)) return [];
  return Object.values(station.getFields()).flatMap((field) => {
    const type = getNamedType(field.type);
    if (!field.args.some((a) => a.name === 'period') || !isObjectType(type)) return [];
    if (!('baseline' in type.getFields())) return [];
    const leaves = leafFields(type).join(' ');
    return [`${field.name}(period: $period) { ${leaves} baseline { ${leaves} } }`];
  });
}

/** Why `operation` does not run on `schema` (its first validation error), or null when it does. */
export function invalidOn(schema: GraphQLSchema, operation: string): string | null {
  const [first] = validate(schema, parse(operation));
  return first ? first.message : null;
}
