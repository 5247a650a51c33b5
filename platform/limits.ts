import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { limitsEnv } from './config';
import { estimateCost, type CostDirectives } from './cost';
import { codedError } from './errors';

/**
 * How large an operation the gateway accepts before planning it. An assessment board is about
 * 6 levels deep with some 40 fields; the defaults leave it room to double and refuse the shapes
 * only abuse needs: deep nesting, alias fan-out, many root fields, huge or exploding documents.
 * Shape alone does not bound the work: lists multiply, so `cost` bounds the estimated number of
 * objects an answer may hold (platform/cost.ts). The costliest listed operation, a province's
 * board, is estimated at 93,602 (a list of 1,200 rows, each with its scores, and the fields
 * they require); the default leaves it room to grow to two and a half times that.
 */
export interface Limits {
  depth: number;
  aliases: number;
  rootFields: number;
  tokens: number;
  selections: number;
  cost: number;
}

export const DEFAULT_LIMITS: Limits = {
  depth: 12,
  aliases: 50,
  rootFields: 20,
  tokens: 5000,
  selections: 2000,
  cost: 250_000,
};

/** The environment variable that sets each limit. */
const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  depth: 'MAX_QUERY_DEPTH',
  aliases: 'MAX_ALIASES',
  rootFields: 'MAX_ROOT_FIELDS',
  tokens: 'MAX_TOKENS',
  selections: 'MAX_SELECTIONS',
  cost: 'MAX_COST',
};

export function limitsFromEnv(): Limits {
  return limitsEnv(DEFAULT_LIMITS, LIMIT_VARIABLES);
}

/** What an operation looks like once its fragments are expanded. */
interface Shape {
  /** Levels of nested fields: `{ a { b } }` is 2. */
  depth: number;
  /** Aliased fields anywhere below, a fragment counted as often as it is spread. */
  aliases: number;
  /** Fields at this level (the root fields, for an operation). */
  fields: number;
}

const FLAT: Shape = { depth: 0, aliases: 0, fields: 0 };

function measurer(context: ValidationContext) {
  // Each fragment is measured once, so a fragment spread many times costs nothing more to check.
  // `null` marks one being measured: a cycle, which NoFragmentCyclesRule reports, counts as flat.
  const fragments = new Map<string, Shape | null>();

  function fragmentShape(name: string): Shape {
    const known = fragments.get(name);
    if (known !== undefined) return known ?? FLAT;
    const fragment = context.getFragment(name);
    if (!fragment) return FLAT;
    fragments.set(name, null);
    const shape = measure(fragment.selectionSet);
    fragments.set(name, shape);
    return shape;
  }

  function measure(selectionSet: SelectionSetNode): Shape {
    const shape = { ...FLAT };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? measure(selection.selectionSet) : FLAT;
        shape.fields += 1;
        shape.aliases += below.aliases + (selection.alias ? 1 : 0);
        // Introspection is refused in production; elsewhere GraphiQL's deeply nested type
        // query must pass, so `__schema`/`__type` count as one level.
        const introspection = selection.name.value.startsWith('__');
        shape.depth = Math.max(shape.depth, introspection ? 1 : 1 + below.depth);
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet)
            : fragmentShape(selection.name.value);
        shape.fields += inner.fields;
        shape.aliases += inner.aliases;
        shape.depth = Math.max(shape.depth, inner.depth);
      }
    }
    return shape;
  }

  return measure;
}

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation ${operation.name.value}` : 'The operation';
}

/** The shape limits a rule checks. */
type ShapeLimit = 'depth' | 'aliases' | 'rootFields';

/**
 * Refuses an operation deeper, wider at its root or with more aliases than the limits. `who`
 * names the service in the message; a subgraph checks depth alone, since the gateway's query
 * plans may alias and group fields of their own.
 */
export function shapeLimitRule(
  limits: Limits,
  who = 'the gateway',
  checked: readonly ShapeLimit[] = ['depth', 'aliases', 'rootFields'],
) {
  return (context: ValidationContext): ASTVisitor => {
    const measure = measurer(context);
    return {
      OperationDefinition(operation) {
        const shape = measure(operation.selectionSet);
        const checks: [ShapeLimit, number, string][] = [
          ['depth', shape.depth, `is ${shape.depth} levels deep`],
          ['aliases', shape.aliases, `has ${shape.aliases} aliases`],
          ['rootFields', shape.fields, `has ${shape.fields} root fields`],
        ];
        for (const [limit, found, what] of checks) {
          if (!checked.includes(limit)) continue;
          const max = limits[limit];
          if (found <= max) continue;
          const variable = LIMIT_VARIABLES[limit];
          context.reportError(
            new GraphQLError(
              `${operationLabel(operation)} ${what}; ${who} allows at most ${max} (${variable})`,
              { nodes: [operation], extensions: { limit: variable, max, found } },
            ),
          );
        }
      },
    };
  };
}

/**
 * Refuses, before any query plan is made or any resolver runs, an operation whose estimated cost
 * (platform/cost.ts, with the request's variables) is over the limit: COST_ESTIMATED_TOO_EXPENSIVE
 * with status 400, `extensions.limit` MAX_COST, `max` and the estimate as `found`. `directives`
 * may be a function: the gateway's change with the supergraph it serves.
 */
export function costLimitPlugin(
  limits: Pick<Limits, 'cost'>,
  directives: CostDirectives | (() => CostDirectives),
  who = 'the gateway',
): ApolloServerPlugin {
  const current = typeof directives === 'function' ? directives : () => directives;
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return Promise.resolve();
          const found = estimateCost({
            schema,
            directives: current(),
            document,
            operation,
            variables: request.variables ?? {},
          });
          if (found > limits.cost) {
            // A walk of cyclic lists can overflow to Infinity, which JSON cannot say.
            const shown = Math.min(Math.round(found), Number.MAX_SAFE_INTEGER);
            throw codedError(
              'COST_ESTIMATED_TOO_EXPENSIVE',
              `${operationLabel(operation)} is estimated to cost ${shown}; ${who} ` +
                `allows at most ${limits.cost} (${LIMIT_VARIABLES.cost}): ask for fewer or ` +
                'smaller lists, and do not walk the same list twice',
              { limit: LIMIT_VARIABLES.cost, max: limits.cost, found: shown },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * The ApolloServer options that enforce the limits. Apollo codes their refusals
 * GRAPHQL_PARSE_FAILED (tokens) and GRAPHQL_VALIDATION_FAILED (the rest, `extensions.limit`
 * naming the variable), both with status 400, before any query plan is made.
 */
export function limitOptions(limits: Limits) {
  return {
    parseOptions: { maxTokens: limits.tokens },
    // Counts selections with every fragment spread expanded: stops a few lines of nested
    // fragments from exploding into millions of fields in validation and planning.
    maxRecursiveSelections: limits.selections,
    validationRules: [shapeLimitRule(limits)],
  };
}
