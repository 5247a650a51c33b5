import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { Kind, parse, type DocumentNode, type GraphQLError } from 'graphql';
import { flagEnv, isProduction } from '../../platform/config';
import { codedError } from '../../platform/errors';
import type { Logger } from '../../platform/log';
import { canonicalText, operationId, readManifest } from '../../platform/operations';
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

interface SafelistOptions {
  /** The most tokens a text is parsed to (MAX_TOKENS): an unlisted text is never parsed whole. */
  maxTokens: number;
  /**
   * Whether a document asking only the schema about itself (`__schema`, `__type`) may run: where
   * introspection is on (outside production), GraphiQL's docs pane asks it.
   */
  introspection: boolean;
}

/** A parsed text, or null when it does not parse within the token limit. */
function parsed(text: string, maxTokens: number): DocumentNode | null {
  try {
    return parse(text, { maxTokens, noLocation: true });
  } catch {
    return null;
  }
}

/** True when every root field of every operation is an introspection field. */
function onlyIntrospection(document: DocumentNode): boolean {
  return document.definitions.every(
    (d) =>
      d.kind === Kind.OPERATION_DEFINITION &&
      d.selectionSet.selections.every(
        (s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'),
      ),
  );
}

/**
 * The safelist: runs listed operations, sent as their listed text, as the same document in
 * another layout (comments, spacing, fragment order: platform/operations.ts's canonicalText), or
 * as their id alone, and refuses the rest with OPERATION_NOT_IN_SAFELIST (or
 * PERSISTED_QUERY_NOT_FOUND for an id). `reload` reads the manifest again (a publication added
 * operations, or the supergraph changed): a manifest that does not load throws and leaves the
 * list as it was.
 */
export class Safelist {
  private bodies: Map<string, string>;

  constructor(
    readonly file: string,
    private readonly options: SafelistOptions,
  ) {
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
      // Not the listed text itself: the same document laid out otherwise (a file with its
      // comments, as GraphiQL's tabs send them) is the listed operation all the same.
      const document = parsed(request.query, this.options.maxTokens);
      const listed = document && this.bodies.get(operationId(canonicalText(document.definitions)));
      if (listed) request.query = listed;
      else if (!(document && this.options.introspection && onlyIntrospection(document))) {
        return this.refusal(request.operationName);
      }
    }
    // The list is the only store of operations: nothing registers as an APQ at run time.
    request.extensions = extensions;
    return null;
  }

  private refusal(operationName: string | undefined): GraphQLError {
    const name = operationName ? ` ${operationName}` : '';
    return codedError(
      'OPERATION_NOT_IN_SAFELIST',
      `operation${name} is not in the gateway's safelist: send the text (in any layout) or ` +
        'the id of an operation in schema/operations.json',
    );
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
export function safelistFromEnv(options: SafelistOptions, file = OPERATIONS_FILE): Safelist | null {
  return flagEnv('SAFELIST', isProduction()) ? new Safelist(file, options) : null;
}
