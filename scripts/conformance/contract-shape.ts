import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';

/** The fields of the contract a department serves, found by their shape in its SDL. */
export interface ContractShape {
  /** Station's statistics field, e.g. caseStats: the one taking `period` and no `indicator`. */
  statsField: string;
  /** The fields of its type, e.g. criminalFiled: the figures a catalog's `reads` may name. */
  statsFigures: readonly string[];
  /** Station's records field, e.g. caseRecords (the one taking `indicator`), if it keeps records. */
  recordsField: string | null;
  /** AssessmentBoard's field that @requires the stations, e.g. caseIndicators. */
  boardField: string;
  /** Division's statistics field, which @requires its stations. */
  divisionField: string;
  /** The Query field serving its indicator catalog, if it serves one. */
  catalogField: string | null;
}

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

/** `[X!]!` → `[X!]!` as text, to compare a field's type with the contract's. */
const typeText = (type: TypeNode) => print(type);

const argValue = (directive: ConstDirectiveNode, name: string): string | undefined => {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
};

/** `"stations { code }"` and `"stations{code}"` are the same selection. */
const fieldSet = (text: string | undefined) =>
  text
    ?.replace(/\s+/g, ' ')
    .replace(/\s*([{}])\s*/g, '$1')
    .trim();

function directives(node: { directives?: readonly ConstDirectiveNode[] }, name: string) {
  return (node.directives ?? []).filter((d) => d.name.value === name);
}

/**
 * Reads a department's `_service { sdl }` against docs/department-contract.md: returns the
 * contract's fields it found, or the problems that keep it from being composed and scored.
 */
export function contractShape(sdl: string): { shape?: ContractShape; problems: string[] } {
  const problems: string[] = [];
  let document;
  try {
    document = parse(sdl);
  } catch (error) {
    return { problems: [`the SDL does not parse: ${(error as Error).message}`] };
  }
  const objects = new Map<string, { nodes: ObjectNode[]; fields: FieldDefinitionNode[] }>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const entry = objects.get(definition.name.value) ?? { nodes: [], fields: [] };
    entry.nodes.push(definition);
    entry.fields.push(...(definition.fields ?? []));
    objects.set(definition.name.value, entry);
  }

  const entity = (type: string, key: string) => {
    const found = objects.get(type);
    if (!found) {
      problems.push(`no type ${type}`);
      return undefined;
    }
    const keys = found.nodes.flatMap((n) =>
      directives(n, 'key').map((d) => fieldSet(argValue(d, 'fields'))),
    );
    if (!keys.includes(fieldSet(key))) problems.push(`${type} has no @key(fields: "${key}")`);
    return found;
  };
  const field = (type: string, name: string, expected: string) => {
    const found = objects.get(type)?.fields.find((f) => f.name.value === name);
    if (!found) problems.push(`${type}.${name} is missing`);
    else if (typeText(found.type) !== expected) {
      problems.push(`${type}.${name} is ${typeText(found.type)}, not ${expected}`);
    }
    return found;
  };
  const requiresStations = (f: FieldDefinitionNode) =>
    directives(f, 'requires').some((d) => fieldSet(argValue(d, 'fields')) === 'stations{code}');
  const externalStations = (type: string) => {
    const stations = field(type, 'stations', '[Station!]!');
    if (stations && directives(stations, 'external').length === 0) {
      problems.push(`${type}.stations is not @external`);
    }
  };

  const station = entity('Station', 'code');
  field('Station', 'code', 'ID!');
  const takes = (f: FieldDefinitionNode, arg: string) =>
    (f.arguments ?? []).some((a) => a.name.value === arg);
  const statsField = station?.fields.find((f) => takes(f, 'period') && !takes(f, 'indicator'));
  if (station && !statsField) problems.push('Station has no statistics field (one taking period)');
  const recordsField = station?.fields.find((f) => takes(f, 'period') && takes(f, 'indicator'));

  const board = entity('AssessmentBoard', 'scope period schemeId');
  field('AssessmentBoard', 'scope', 'ID!');
  field('AssessmentBoard', 'period', 'String!');
  field('AssessmentBoard', 'schemeId', 'ID!');
  externalStations('AssessmentBoard');
  const boardField = board?.fields.find(requiresStations);
  if (board && !boardField) {
    problems.push('AssessmentBoard has no field with @requires(fields: "stations { code }")');
  }
  if (boardField) {
    const match = /^\[(\w+)!\]$/.exec(typeText(boardField.type));
    if (!match?.[1]) {
      problems.push(
        `AssessmentBoard.${boardField.name.value} is ${typeText(boardField.type)}, not a nullable list [X!]`,
      );
    } else {
      field(match[1], 'stationCode', 'ID!');
      field(match[1], 'values', '[IndicatorValue!]!');
    }
  }
  field('IndicatorValue', 'key', 'String!');
  field('IndicatorValue', 'current', 'Float');
  field('IndicatorValue', 'baseline', 'Float');
  field('IndicatorValue', 'sample', 'Int');

  const division = entity('Division', 'code');
  externalStations('Division');
  const divisionField = division?.fields.find(requiresStations);
  if (division && !divisionField) {
    problems.push('Division has no statistics field with @requires(fields: "stations { code }")');
  }

  const catalogField = objects
    .get('Query')
    ?.fields.find((f) => /^IndicatorCatalog!?$/.test(typeText(f.type)));

  if (problems.length > 0 || !statsField || !boardField || !divisionField) return { problems };
  return {
    problems,
    shape: {
      statsField: statsField.name.value,
      statsFigures:
        objects
          .get(print(statsField.type).replace(/[![\]]/g, ''))
          ?.fields.map((f) => f.name.value) ?? [],
      recordsField: recordsField?.name.value ?? null,
      boardField: boardField.name.value,
      divisionField: divisionField.name.value,
      catalogField: catalogField?.name.value ?? null,
    },
  };
}
