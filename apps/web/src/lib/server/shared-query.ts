import type { TadaDocumentNode } from 'gql.tada';
import { apiRequest } from '#lib/server/api-client.ts';

/** The API's answers asked so far in one request to the web, by document, then by variables. */
export type SharedAnswers = Map<object, Map<string, Promise<unknown>>>;

/**
 * Asks the API a query once per request to the web: the layout and its
 * page, loaded side by side, share the page's query when it carries the
 * layout's fields, whichever load asks first. The same document with other
 * variables is another question. Only load functions use it (they read;
 * an action that writes never finds an answer from before its write).
 */
export function sharedQuery<Result>(
  locals: App.Locals,
  document: TadaDocumentNode<Result, Record<string, never>>,
): Promise<Result>;
export function sharedQuery<Result, Variables extends Record<string, unknown>>(
  locals: App.Locals,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result>;
export function sharedQuery<Result, Variables extends Record<string, unknown>>(
  locals: App.Locals,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables = {} as Variables,
): Promise<Result> {
  let byVariables = locals.answers.get(document);
  if (byVariables === undefined) {
    byVariables = new Map();
    locals.answers.set(document, byVariables);
  }
  const key = JSON.stringify(variables);
  let answer = byVariables.get(key) as Promise<Result> | undefined;
  if (answer === undefined) {
    answer = apiRequest(locals.api, document, variables, locals.token);
    byVariables.set(key, answer);
  }
  return answer;
}
