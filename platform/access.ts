import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import type { Viewer } from './auth';
import { isStationCode } from './codes';
import { isProduction } from './config';
import { codedError } from './errors';

/**
 * What `@Authorized(...)` lists: the roles granted a field besides `admin`, who may do
 * everything. `department:*` and `station:*` grant every department or station user;
 * `station:self` grants a station user the field of its own station only: the parent `Station`'s
 * key, `code`, which is the station every such resolver reads. `@Authorized()` with no grant
 * opens a field to every signed-in user.
 */
export const Grant = {
  assessor: 'assessor',
  anyDepartment: 'department:*',
  anyStation: 'station:*',
  ownStation: 'station:self',
  department: (name: string) => `department:${name}`,
} as const;

/**
 * Whether a token's role is one the platform knows, given the departments a role may name
 * (the registry's, subgraphs/departments.ts): anything else grants nothing.
 */
export function isKnownRole(role: string, departments: readonly string[]): boolean {
  if (role.startsWith('station:')) return isStationCode(role.slice('station:'.length));
  return (
    role === 'admin' ||
    role === Grant.assessor ||
    departments.some((department) => role === Grant.department(department))
  );
}

export interface ViewerContext {
  viewer: Viewer | null;
}

/**
 * The station a field of a `Station` is resolved for: its key, `code`, and nothing else a
 * representation may carry beside it (a forged `stationCode` once chose what was checked while
 * the resolver read `code`).
 */
function parentStationCode(root: unknown): string | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  const { code } = root as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

function grants(viewer: Viewer, grant: string, root: unknown): boolean {
  if (grant === Grant.ownStation) {
    const code = parentStationCode(root);
    return code !== undefined && viewer.roles.includes(`station:${code}`);
  }
  if (grant.endsWith(':*')) {
    const prefix = grant.slice(0, -1);
    return viewer.roles.some((role) => role.startsWith(prefix));
  }
  return viewer.roles.includes(grant);
}

export const authChecker: AuthCheckerFn<ViewerContext, string> = (
  { root, context, info },
  granted,
) => {
  const { viewer } = context;
  if (!viewer) throw codedError('UNAUTHENTICATED', 'this field needs a bearer token');
  if (viewer.roles.includes('admin') || granted.length === 0) return true;
  if (granted.some((grant) => grants(viewer, grant, root))) return true;
  throw codedError(
    'FORBIDDEN',
    `${info.parentType.name}.${info.fieldName} is not open to ${viewer.sub} (roles: ${viewer.roles.join(', ') || 'none'})`,
    { field: `${info.parentType.name}.${info.fieldName}` },
  );
};

const INTROSPECTION = new Set(['__schema', '__type']);

function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return rootFieldNames(selection.selectionSet, fragments);
    }
    const fragment = fragments.get(selection.name.value);
    return fragment ? rootFieldNames(fragment.selectionSet, fragments) : [];
  });
}

function anonymousMayRun(
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
): boolean {
  if (!operation) return false;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const introspectionAllowed = !isProduction() && operation.operation === OperationTypeNode.QUERY;
  return rootFieldNames(operation.selectionSet, fragments).every(
    (name) => name === '__typename' || (introspectionAllowed && INTROSPECTION.has(name)),
  );
}

/**
 * Anonymous requests see nothing but `__typename` (and introspection outside production).
 * Checked once per operation, before execution, for every root field including federation's
 * `_entities` and `_service`, so no field can be reached without a token by forgetting a
 * decorator.
 */
export function requireViewerPlugin<C extends ViewerContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.viewer === null && !anonymousMayRun(document, operation)) {
            throw codedError('UNAUTHENTICATED', 'this operation needs a bearer token');
          }
          return Promise.resolve();
        },
      });
    },
  };
}
