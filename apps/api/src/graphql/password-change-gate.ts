import {
  GraphQLError,
  type GraphQLObjectType,
  type GraphQLSchema,
  defaultFieldResolver,
  isObjectType,
} from 'graphql';
import type { RequestContext } from '../context.ts';

/** What an account that must change its initial password may still do. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'viewer',
  'logOut',
  'changePassword',
  // Public and personal to no one: the web shows the (demo) clock on every page.
  'clock',
]);

/**
 * `viewer` answers before the change (the site needs the role and the name
 * for its header), but of the candidate behind it only who they are: their
 * results, choices and convocations wait for the change like every other
 * root field. An allowlist, so that a field added later is held back too.
 */
export const CANDIDATE_FIELDS_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'id',
  'number',
  'firstName',
  'lastName',
]);

export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/**
 * Refuses every root field but the allowed ones while the viewer must
 * change an imported initial password: that password was printed on a
 * sheet and travelled by hand, so it is not a secret for long. Done once,
 * on the root fields of the built schema, so no resolver can forget it.
 */
export function gatePasswordChange(schema: GraphQLSchema): GraphQLSchema {
  const candidate = schema.getType('Candidate');
  const gated: [GraphQLObjectType | null | undefined, ReadonlySet<string>][] = [
    [schema.getQueryType(), ALLOWED_BEFORE_PASSWORD_CHANGE],
    [schema.getMutationType(), ALLOWED_BEFORE_PASSWORD_CHANGE],
    [isObjectType(candidate) ? candidate : null, CANDIDATE_FIELDS_BEFORE_PASSWORD_CHANGE],
  ];
  for (const [type, allowed] of gated) {
    if (type === null || type === undefined) continue;
    for (const field of Object.values(type.getFields())) {
      if (allowed.has(field.name)) continue;
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
