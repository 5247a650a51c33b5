import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { flagEnv, isProduction } from '../../platform/config';
import { codedError } from '../../platform/errors';
import type { Logger } from '../../platform/log';
import { operationId, readManifest } from '../../platform/operations';
import { OPERATIONS_FILE } from '../../platform/paths';

/** What an unlisted request is swapped for: it parses and validates trivially. */
const PLACEHOLDER = '{ __typename }';

/** The listed operations' texts by id; throws on a manifest the gateway must not serve. */
function loadBodies(file: string): Map<string, string> {
  const manifest = readManifest(file);
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
    throw new Error(`${file} is not an apollo-persisted-query-manifest, version 1`);
  }
  const bodies = new Map<string, string>();
  for (const { id, name, body } of manifest.operations) {
    // A hand-edited body would otherwise be listed under the id of an operation it no longer is.
    if (operationId(body) !== id) {
      throw new Error(`${file}: operation ${name} has id ${id}, not its body's SHA-256`);
    }
    bodies.set(id, body);
  }
  return bodies;
}

/**
 * The safelist: runs listed operations, sent as their exact text or their id alone, and refuses
 * the rest with OPERATION_NOT_IN_SAFELIST (or PERSISTED_QUERY_NOT_FOUND for an id). `reload`
 * reads the manifest again (a publication added operations, or the supergraph changed): a
 * manifest that does not load throws and leaves the list as it was.
 */
export class Safelist {
  private bodies: Map<string, string>;

  constructor(readonly file: string) {
    this.bodies = loadBodies(file);
  }

  /** The number of operations listed. */
  get size(): number {
    return this.bodies.size;
  }

  /**
   * Reads the manifest again; one that does not load is logged and the list kept as it was.
   * True when the new list is in place.
   */
  reload(logger: Logger): boolean {
    try {
      this.bodies = loadBodies(this.file);
      logger.info({ file: this.file, operations: this.bodies.size }, 'safelist loaded');
      return true;
    } catch (error) {
      logger.error({ err: error, file: this.file }, 'safelist refused: the loaded one is kept');
      return false;
    }
  }

  /** Null when the request may run, with a listed id replaced by its text; else the refusal. */
  private admit(request: GraphQLRequest): GraphQLError | null {
    const { persistedQuery, ...extensions } = request.extensions ?? {};
    const id = (persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
    if (request.query === undefined && typeof id === 'string') {
      const body = this.bodies.get(id);
      if (body === undefined) {
        return codedError(
          'PERSISTED_QUERY_NOT_FOUND',
          `no operation with id ${id} is in the gateway's safelist (schema/operations.json)`,
        );
      }
      request.query = body;
    } else if (request.query !== undefined && !this.bodies.has(operationId(request.query))) {
      const name = request.operationName ? ` ${request.operationName}` : '';
      return codedError(
        'OPERATION_NOT_IN_SAFELIST',
        `operation${name} is not in the gateway's safelist: send the exact text or the id of ` +
          'an operation in schema/operations.json',
      );
    }
    // The list is the only store of operations: nothing registers as an APQ at run time.
    request.extensions = extensions;
    return null;
  }

  readonly plugin: ApolloServerPlugin = {
    requestDidStart: ({ request }) => {
      const refusal = this.admit(request);
      if (refusal) {
        // No Apollo hook may refuse a request before its document is parsed and validated, and
        // validation errors would describe the schema to whoever sent an unlisted document. So
        // the text is swapped for a trivial one and the refusal raised once a hook may raise it.
        Object.assign(request, {
          query: PLACEHOLDER,
          operationName: undefined,
          variables: undefined,
          extensions: undefined,
        });
      }
      return Promise.resolve({
        didResolveOperation() {
          if (refusal) throw refusal;
          return Promise.resolve();
        },
      });
    },
  };
}

/** SAFELIST=on|off, on by default in production: only listed operations run. */
export function safelistFromEnv(file = OPERATIONS_FILE): Safelist | null {
  return flagEnv('SAFELIST', isProduction()) ? new Safelist(file) : null;
}
