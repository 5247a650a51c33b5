import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { codedError } from '../../platform/errors';

/**
 * Refuses a document whose operation cannot be told: several operations and no operationName,
 * or a name none of them has. @apollo/server leaves that to the executor, and the gateway's
 * fails it as a 500; this answers 400 OPERATION_RESOLUTION_FAILURE, Apollo's code for it,
 * before anything is planned.
 */
export function resolveOperationPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, operation, request }) {
          if (operation) return Promise.resolve();
          const count = document.definitions.filter(
            (d) => d.kind === Kind.OPERATION_DEFINITION,
          ).length;
          const name = request.operationName;
          throw codedError(
            'OPERATION_RESOLUTION_FAILURE',
            name
              ? `the document has no operation named ${JSON.stringify(name)}`
              : `the document holds ${count} operations: send operationName to say which to run`,
          );
        },
      });
    },
  };
}
