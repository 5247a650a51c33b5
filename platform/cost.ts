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
  valueFromASTUntyped,
  type GraphQLObjectType,
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
  /**
   * The fields at the top of what it requires, in a subgraph's `@requires(fields:)` or the
   * supergraph's `@join__field(requires:)`: in a representation, a list field it is resolved
   * from sizes it (a board's `rows` are as many as its `stations`).
   */
  requiredFields?: string[];
}

/** The fields at the top of a field set: `stations { code } scope` → stations, scope. */
function topFields(fieldSet: string): string[] {
  const operation = parse(`{ ${fieldSet} }`).definitions[0] as OperationDefinitionNode;
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [s.name.value] : [],
  );
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
        const required =
          name === 'requires' ? stringsArgument(directive, 'fields')?.[0] : cost.requires;
        if (required !== undefined) cost.requiredFields ??= topFields(required);
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

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The representations an `_entities` field is sent, with the request's variables. */
export function representationsOf(
  node: FieldNode,
  variables: Record<string, unknown>,
): unknown[] | undefined {
  const argument = node.arguments?.find((a) => a.name.value === 'representations');
  const value: unknown = argument && valueFromASTUntyped(argument.value, variables);
  return Array.isArray(value) ? value : undefined;
}

/**
 * The items of every list inside a value, however deep: what a subgraph reads of a
 * representation beyond its one object. A walk with a stack, not a recursion, since the value
 * is the sender's and may nest deeper than the call stack; for…in rather than Object.values,
 * since a province board holds ~30,000 objects and each would cost an array.
 */
function itemsIn(value: unknown): number {
  let items = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      items += next.length;
      // One at a time: spreading 150,000 items into push() would overflow the call stack.
      for (const item of next as unknown[]) if (typeof item === 'object') pending.push(item);
    } else if (isRecord(next)) {
      for (const key in next) if (typeof next[key] === 'object') pending.push(next[key]);
    }
  }
  return items;
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
 * gateway) is priced by the representations it is sent, contents and all (`entitiesCost`).
 * A mutation adds 10.
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

  /** A representation's list fields sized by its contents: each the longest list it requires. */
  function sizedByContents(type: GraphQLObjectType, representation: Record<string, unknown>) {
    const sized = new Map<string, number>();
    for (const field of Object.values(type.getFields())) {
      const required = directives.fields.get(`${type.name}.${field.name}`)?.requiredFields;
      if (!required || !isListType(getNullableType(field.type))) continue;
      const lengths = required.flatMap((name) => {
        const value = representation[name];
        return Array.isArray(value) ? [value.length] : [];
      });
      if (lengths.length > 0) sized.set(field.name, Math.max(...lengths));
    }
    return sized;
  }

  /** What `_entities` selects on one type: its inline fragments and fragments on that type. */
  function selectionOnType(
    type: GraphQLObjectType,
    selectionSet: SelectionSetNode,
    sized: ReadonlyMap<string, number>,
  ): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD
          ? fragments.get(selection.name.value)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? selection
            : undefined;
      const condition = fragment?.typeCondition?.name.value ?? type.name;
      if (fragment && condition === type.name) {
        total += selectionSetCost(type, fragment.selectionSet, sized);
      }
    }
    return total;
  }

  /**
   * `_entities` priced by what it is sent, not only how many: a representation costs the
   * object it resolves to, every item of the lists it carries, and what is selected on its
   * type, where a list resolved from one of its lists (a board's `rows`, from `stations`) is as
   * long as that list. A representation of 150,000 stations costs what 150,000 stations do.
   */
  function entitiesCost(selectionSet: SelectionSetNode, representations: readonly unknown[]) {
    const selectionCosts = new Map<string, number>();
    let total = 0;
    for (const representation of representations) {
      total += 1 + itemsIn(representation);
      if (!isRecord(representation)) continue;
      const type = schema.getType(String(representation.__typename));
      if (!isObjectType(type)) continue;
      const sized = sizedByContents(type, representation);
      const key = `${type.name} ${JSON.stringify([...sized])}`;
      let cost = selectionCosts.get(key);
      if (cost === undefined) {
        cost = selectionOnType(type, selectionSet, sized);
        selectionCosts.set(key, cost);
      }
      total += cost;
    }
    return total;
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
    const representations =
      name === '_entities' && variables ? representationsOf(node, variables) : undefined;
    if (representations && node.selectionSet) {
      return entitiesCost(node.selectionSet, representations);
    }
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
