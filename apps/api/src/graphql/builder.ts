import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Role } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from './graphql-errors.ts';

/** The types reachable through `node(id:)`. */
const NODE_TYPES: ReadonlySet<string> = new Set(['Candidate']);

/**
 * The schema builder's configuration, and nothing else: types live in
 * schema/<type>.ts (this split avoids circular-import traps with refs).
 */
export const builder = new SchemaBuilder<{
  Context: RequestContext;
  AuthScopes: {
    authenticated: boolean;
    roles: readonly Role[];
    demo: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      roles: (roles) => context.viewer !== null && roles.includes(context.viewer.role),
      demo: context.clock.demo,
    }),
    // Failed scopes are mapped on purpose: no viewer means UNAUTHENTICATED,
    // a viewer without the right means FORBIDDEN (never INTERNAL_SERVER_ERROR).
    unauthorizedError: (_parent, context) =>
      context.viewer === null ? new UnauthenticatedError() : new ForbiddenError(),
  },
  errors: {
    defaultTypes: [],
    directResult: true,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // A malformed or foreign id is the caller's mistake, answered as such
    // (BAD_USER_INPUT), never as an internal error naming schema internals.
    decodeGlobalID: (globalID) => {
      const text = Buffer.from(globalID, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      const typename = text.slice(0, colon);
      if (colon < 1 || !NODE_TYPES.has(typename) || colon === text.length - 1)
        throw new BadUserInputError('Cet identifiant ne désigne aucun objet de l’API.');
      return { typename, id: text.slice(colon + 1) };
    },
  },
});
