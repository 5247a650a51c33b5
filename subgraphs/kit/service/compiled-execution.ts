import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getNamedType,
  GraphQLError,
  isAbstractType,
  isLeafType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { tracing } from '../../../platform/tracing';
import { byteString, dataInBytes } from './byte-answer';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** An operation that asks `_entities` only: a router's fetch of entities, the big lists' way in. */
function isEntityFetch(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === OperationTypeNode.QUERY &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
    )
  );
}

/**
 * The executor of a subgraph whose entity fetches carry the largest answers: the gateway's
 * `rows` fetch of a province board is 1,178 rows of ~270 fields, and graphql-js spends ~0.2 µs
 * and three objects on each field however plain (its resolve info, path and arguments): ~70 ms
 * a request, more than the scoring itself. graphql-jit compiles an operation, once per parsed
 * document (Apollo Server keeps one per query text), into code that reads a plain field as a
 * property, and answers the same data and errors ~5 times as fast.
 *
 * Every other operation, and every operation while tracing is on (its resolver spans come from
 * patching graphql-js), runs on graphql-js as before. ApolloServer takes an executor of one's
 * own only from a gateway, so this is one: a fixed schema, never updated. `checkedTypes` are
 * the types whose resolvers check their scalars' values themselves (operationTraits).
 */
export function compiledEntityFetches(
  schema: GraphQLSchema,
  checkedTypes: ReadonlySet<string> = new Set(),
): Gateway {
  const compiled = new WeakMap<DocumentNode, Compiled | null>();
  const customSerializers = byteSerializers(schema);
  function compiledFor(document: DocumentNode, operationName: string | undefined) {
    let query = compiled.get(document);
    if (query === undefined) {
      const { reachesTypeResolver, leavesChecked, builtInLeaves } = operationTraits(
        schema,
        document,
        checkedTypes,
      );
      // Leaves read as they are are not serialised, so not made bytes either.
      const inBytes = builtInLeaves && !leavesChecked;
      const made = reachesTypeResolver
        ? null
        : compileQuery(
            schema,
            document,
            operationName,
            leavesChecked
              ? { disableLeafSerialization: true }
              : inBytes
                ? { customSerializers }
                : {},
          );
      // An operation the compiler refuses (it answers an ExecutionResult) runs on graphql-js.
      query = made && isCompiledQuery(made) ? { query: made, inBytes } : null;
      compiled.set(document, query);
    }
    return query;
  }
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: () =>
      Promise.resolve({
        async executor(request): Promise<ExecutionResult> {
          const operationName = request.operationName ?? undefined;
          const variables = request.request.variables;
          const query =
            isEntityFetch(request.operation) && !tracing()
              ? compiledFor(request.document, operationName)
              : null;
          if (query) {
            const result = await query.query.query(undefined, request.context, variables);
            if (query.inBytes && result.data) dataInBytes(result.data);
            return withExtensions(result);
          }
          return execute({
            schema,
            document: request.document,
            contextValue: request.context,
            variableValues: variables,
            operationName,
          });
        },
      }),
    stop: () => Promise.resolve(),
  };
}

/** A compiled operation, and whether its data's strings are byte strings (byte-answer.ts). */
interface Compiled {
  query: CompiledQuery;
  inBytes: boolean;
}

/**
 * String and ID serialised as graphql-js does, then made byte strings: the rest of an answer
 * is numbers, booleans, enum values and type names, all ASCII.
 */
function byteSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  return Object.fromEntries(
    ['String', 'ID'].flatMap((name) => {
      const type = schema.getType(name);
      if (!isScalarType(type)) return [];
      const serialize = (value: unknown) => {
        const serialized = type.serialize(value);
        return typeof serialized === 'string' ? byteString(serialized) : serialized;
      };
      return [[name, serialize]];
    }),
  );
}

/**
 * What decides how an operation is run. `reachesTypeResolver`: it selects a field of an
 * interface or a union other than `_Entity` (whose type @apollo/subgraph resolves at once):
 * type-graphql makes every such type's resolveType async, and graphql-jit uses what resolveType
 * returns without awaiting it, so a record listing's `node` came out "must resolve to an Object
 * type". Such an operation runs on graphql-js.
 *
 * `leavesChecked`: every scalar it selects is a built-in scalar (String, ID, Int, Float,
 * Boolean) of one of `checkedTypes`, whose values their resolvers check as the scalar would
 * (board-contract.ts). Its leaves are then read as they are: graphql-jit passes each leaf
 * through the scalar's serializer with its error's location and path built beforehand, three
 * arrays and an object per value, most of a province board fetch's garbage. Null where a
 * field cannot be null is still an error.
 *
 * `builtInLeaves`: every scalar it selects is a built-in one, so its answer can be made as bytes
 * (byte-answer.ts): a custom scalar may serialise to anything, whose strings the bytes would not
 * cover.
 */
function operationTraits(
  schema: GraphQLSchema,
  document: DocumentNode,
  checkedTypes: ReadonlySet<string>,
): { reachesTypeResolver: boolean; leavesChecked: boolean; builtInLeaves: boolean } {
  const types = new TypeInfo(schema);
  let reachesTypeResolver = false;
  let leavesChecked = true;
  let builtInLeaves = true;
  visit(
    document,
    visitWithTypeInfo(types, {
      Field(field) {
        const type = types.getType();
        const named = type ? getNamedType(type) : undefined;
        if (named && isAbstractType(named) && named.name !== '_Entity') reachesTypeResolver = true;
        if (field.name.value === '__typename' || !(named && isLeafType(named))) return;
        if (isScalarType(named) && !isSpecifiedScalarType(named)) builtInLeaves = false;
        const parent = types.getParentType();
        if (!(isSpecifiedScalarType(named) && parent && checkedTypes.has(parent.name))) {
          leavesChecked = false;
        }
      },
    }),
  );
  return { reachesTypeResolver, leavesChecked, builtInLeaves };
}

/**
 * graphql-jit's errors carry no `extensions` where the error a resolver threw had none (a
 * database's, say), and Apollo Server reads `extensions.code` of every error before the
 * subgraph's formatter runs: such an error would end the request in a TypeError. Each is made
 * a graphql-js error over the same cause, which the formatter then codes as it does on
 * graphql-js (a value PostgreSQL refused is BAD_USER_INPUT).
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => error.extensions === undefined)) return result;
  return {
    ...result,
    errors: result.errors.map((error) =>
      error.extensions === undefined
        ? new GraphQLError(error.message, {
            path: error.path,
            originalError: error.originalError ?? undefined,
          })
        : error,
    ),
  };
}
