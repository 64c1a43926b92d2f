import { GraphQLError, type GraphQLSchema, defaultFieldResolver } from 'graphql';
import type { RequestContext } from '../context.ts';

/** What an account that must change its initial password may still do. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'viewer',
  'logOut',
  'changePassword',
  // Public and personal to no one: the web shows the (demo) clock on every page.
  'clock',
]);

export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/**
 * Refuses every root field but the allowed ones while the viewer must
 * change an imported initial password: that password was printed on a
 * sheet and travelled by hand, so it is not a secret for long. Done once,
 * on the root fields of the built schema, so no resolver can forget it.
 */
export function gatePasswordChange(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (type === null || type === undefined) continue;
    for (const field of Object.values(type.getFields())) {
      if (ALLOWED_BEFORE_PASSWORD_CHANGE.has(field.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: RequestContext, info) => {
        if (context.passwordChangeRequired) throw passwordChangeRequired();
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/** A FORBIDDEN-kind refusal whose code tells the client what to do. */
function passwordChangeRequired(): GraphQLError {
  return new GraphQLError('Vous devez changer votre mot de passe initial avant de continuer.', {
    extensions: { code: PASSWORD_CHANGE_REQUIRED },
  });
}
