import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { RequestContext } from '../context.ts';

// One listener for every request: nothing in it depends on the request.
const listener: GraphQLRequestListener<RequestContext> = {
  didResolveOperation(rc) {
    // A query writes nothing of the candidate it reads (the attestation's
    // code, drawn once, is read back after its insert): its loaders may read
    // the viewer's own page once for the whole request (context.ts).
    if (rc.operation?.operation === OperationTypeNode.QUERY) rc.contextValue.loaders.readsOnly();
    return Promise.resolve();
  },
};

/** Tells a query's loaders that the request only reads (Loaders.readsOnly). */
export function readsOnly(): ApolloServerPlugin<RequestContext> {
  return { requestDidStart: () => Promise.resolve(listener) };
}
