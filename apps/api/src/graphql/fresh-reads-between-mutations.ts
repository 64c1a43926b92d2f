import { type GraphQLSchema, defaultFieldResolver } from 'graphql';
import type { RequestContext } from '../context.ts';

/**
 * The root fields of a mutation run one after the other and share the
 * request's loaders: a field after the first must read what the fields
 * before it wrote (a late choice, then a candidate's history; an
 * accommodation, then the candidate). Each tells the loaders it starts
 * (Loaders.mutationFieldStarts). Done once, on the built schema, so that no
 * mutation added later can forget it.
 */
export function freshReadsBetweenMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (mutation === null || mutation === undefined) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: RequestContext, info) => {
      context.loaders.mutationFieldStarts();
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
