import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationTypeNode,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What the IBM GraphQL cost directives (the ones Apollo Router's demand control reads) say of
 * one field: `@cost(weight:)` and `@listSize(assumedSize:, slicingArguments:, sizedFields:)`,
 * and, in a supergraph, the fields it `@requires` (fetched from other subgraphs to resolve it).
 */
interface FieldCost {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
  /** A selection on the field's parent type, from `@join__field(requires:)`. */
  requires?: string;
}

/** Field costs by `Type.field`, and type weights by type name. */
export interface CostDirectives {
  fields: Map<string, FieldCost>;
  types: Map<string, number>;
}

/**
 * The list size of a list field nobody annotated. No field of ours lacks @listSize (a test
 * holds every list to it), so this prices only what the schema has but does not own:
 * introspection lists, which are refused in production anyway.
 */
const UNANNOTATED_LIST_SIZE = 100;

/** Apollo's price of a mutation as such: it writes, whatever it selects. */
const MUTATION_COST = 10;

function intArgument(directive: DirectiveNode, name: string): number | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

function stringsArgument(directive: DirectiveNode, name: string): string[] | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.STRING) return [value.value];
  if (value?.kind !== Kind.LIST) return undefined;
  return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

/**
 * Reads the cost directives of a subgraph's SDL or of the supergraph's. In a supergraph, a
 * field's `@join__field(requires:)` is read too: the gateway fetches those fields to resolve it.
 */
export function costDirectives(sdl: DocumentNode): CostDirectives {
  const fields = new Map<string, FieldCost>();
  const types = new Map<string, number>();
  for (const definition of sdl.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeCost = definition.directives?.find((d) => d.name.value === 'cost');
    const typeWeight = typeCost && intArgument(typeCost, 'weight');
    if (typeWeight !== undefined) types.set(typeName, typeWeight);
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      const cost: FieldCost = {};
      for (const directive of field.directives ?? []) {
        const name = directive.name.value;
        if (name === 'cost') cost.weight = intArgument(directive, 'weight');
        if (name === 'listSize') {
          cost.assumedSize = intArgument(directive, 'assumedSize');
          cost.slicingArguments = stringsArgument(directive, 'slicingArguments');
          cost.sizedFields = stringsArgument(directive, 'sizedFields');
        }
        if (name === 'join__field') cost.requires ??= stringsArgument(directive, 'requires')?.[0];
      }
      if (Object.values(cost).some((v) => v !== undefined)) {
        fields.set(`${typeName}.${field.name.value}`, cost);
      }
    }
  }
  return { fields, types };
}

/** Reads a number from an argument given literally or as a variable; undefined if unknown. */
function numberOf(value: ValueNode, variables: Record<string, unknown> | undefined) {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables?.[value.name.value];
    return typeof given === 'number' ? given : undefined;
  }
  return undefined;
}

/** The length of a list argument given literally or as a variable. */
function lengthOf(value: ValueNode, variables: Record<string, unknown> | undefined) {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables?.[value.name.value];
    return Array.isArray(given) ? given.length : undefined;
  }
  return undefined;
}

export interface EstimateOptions {
  schema: GraphQLSchema;
  directives: CostDirectives;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /**
   * The request's variables. Without them (checking a listed operation before anyone sends
   * it), every slicing argument given as a variable counts at its field's assumed size: the
   * most it may ask for.
   */
  variables?: Record<string, unknown>;
}

/**
 * The estimated cost of an operation, after the IBM cost specification as Apollo Router's
 * demand control applies it: every object a field returns costs 1 (its `@cost` weight if it
 * has one), a scalar or enum 0, and a list field multiplies the cost of what it selects by its
 * size: its slicing argument (`first`) when given, else its `@listSize(assumedSize:)`. A field
 * that @requires others also costs what they select. `_entities` (a subgraph's entry from the
 * gateway) is as large as the representations it is sent. A mutation adds 10.
 * The estimate is an upper bound on the objects an answer can hold, so it grows with every
 * level of nesting that lists multiply: exactly what a cyclic walk of the schema does.
 */
export function estimateCost(options: EstimateOptions): number {
  const { schema, directives, document, operation, variables } = options;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const requiresCosts = new Map<string, number>();
  // A fragment costs the same wherever it is spread, unless a parent sizes its fields.
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  /** What one slicing argument asks for: given, defaulted, or unknown (undefined). */
  function slicing(field: GraphQLField<unknown, unknown>, node: FieldNode, name: string) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    const fieldDefault = field.args.find((a) => a.name === name)?.defaultValue;
    const byDefault = typeof fieldDefault === 'number' ? fieldDefault : undefined;
    if (!argument) return byDefault;
    const value = numberOf(argument.value, variables);
    if (value !== undefined || argument.value.kind !== Kind.VARIABLE) return value;
    // Before anyone sends it, a variable may be anything up to the assumed size.
    if (variables === undefined) return undefined;
    const variable = argument.value.name.value;
    const declared = operation.variableDefinitions?.find((v) => v.variable.name.value === variable);
    const defaulted = declared?.defaultValue && numberOf(declared.defaultValue, variables);
    return defaulted ?? byDefault;
  }

  function listSize(parent: string, field: GraphQLField<unknown, unknown>, node: FieldNode) {
    if (field.name === '_entities') {
      const representations = node.arguments?.find((a) => a.name.value === 'representations');
      const length = representations && lengthOf(representations.value, variables);
      if (length !== undefined) return length;
    }
    const cost = directives.fields.get(`${parent}.${field.name}`);
    const asked = (cost?.slicingArguments ?? []).map((name) => slicing(field, node, name));
    if (asked.length > 0 && asked.every((n) => n !== undefined)) return Math.max(0, ...asked);
    return cost?.assumedSize ?? UNANNOTATED_LIST_SIZE;
  }

  function selectionSetCost(
    type: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    sized: ReadonlyMap<string, number> | null,
  ): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(type, selection, sized);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
        if (isCompositeType(condition)) {
          total += selectionSetCost(condition, selection.selectionSet, sized);
        }
      } else {
        total += fragmentCost(selection.name.value, sized);
      }
    }
    return total;
  }

  function fragmentCost(name: string, sized: ReadonlyMap<string, number> | null): number {
    const known = sized ? undefined : fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // An unknown fragment or a cycle is a validation error of its own: it costs nothing here.
    if (!fragment || visiting.has(name)) return 0;
    const type = schema.getType(fragment.typeCondition.name.value);
    if (!isCompositeType(type)) return 0;
    visiting.add(name);
    const cost = selectionSetCost(type, fragment.selectionSet, sized);
    visiting.delete(name);
    if (!sized) fragmentCosts.set(name, cost);
    return cost;
  }

  function requiresCost(type: GraphQLCompositeType, requires: string): number {
    const key = `${type.name} ${requires}`;
    let cost = requiresCosts.get(key);
    if (cost === undefined) {
      const selection = parse(`{ ${requires} }`).definitions[0] as OperationDefinitionNode;
      cost = selectionSetCost(type, selection.selectionSet, null);
      requiresCosts.set(key, cost);
    }
    return cost;
  }

  function fieldCost(
    parent: GraphQLCompositeType,
    node: FieldNode,
    sized: ReadonlyMap<string, number> | null,
  ): number {
    const name = node.name.value;
    // __typename costs nothing; introspection is refused in production and priced as flat.
    if (name.startsWith('__')) return 0;
    const field = (isObjectType(parent) || isInterfaceType(parent)) && parent.getFields()[name];
    if (!field) return 0;
    const named = getNamedType(field.type);
    const cost = directives.fields.get(`${parent.name}.${name}`);
    const own = cost?.weight ?? directives.types.get(named.name) ?? (isLeafType(named) ? 0 : 1);
    let size = 1;
    const sizedHere = sized?.get(name);
    if (sizedHere !== undefined) size = sizedHere;
    else if (isListType(getNullableType(field.type))) size = listSize(parent.name, field, node);
    // A field sized by its parent (a connection's `edges`) hands its size to those fields.
    let sizes: Map<string, number> | null = null;
    if (cost?.sizedFields?.length) {
      const pageSize = listSize(parent.name, field, node);
      sizes = new Map(cost.sizedFields.map((f) => [f, pageSize]));
    }
    const below =
      node.selectionSet && isCompositeType(named)
        ? selectionSetCost(named, node.selectionSet, sizes)
        : 0;
    const required = cost?.requires ? requiresCost(parent, cost.requires) : 0;
    return size * (own + below) + required;
  }

  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const base = operation.operation === OperationTypeNode.MUTATION ? MUTATION_COST : 0;
  return base + selectionSetCost(root, operation.selectionSet, null);
}
