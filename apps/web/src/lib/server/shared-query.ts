import type { TadaDocumentNode } from 'gql.tada';
import { apiRequest } from '#lib/server/api-client.ts';

/** A query's answer, kept for the one request to the web that asked it. */
export type SharedAnswers = Map<object, Promise<unknown>>;

/**
 * Asks the API a query without variables once per request to the web: the
 * layout and its page, loaded side by side, share the page's query when it
 * carries the layout's fields, whichever load asks first. Only load
 * functions use it (they read; an action that writes never finds an answer
 * from before its write).
 */
export function sharedQuery<Result>(
  fetcher: typeof fetch,
  locals: App.Locals,
  document: TadaDocumentNode<Result, Record<string, never>>,
): Promise<Result> {
  let answer = locals.answers.get(document) as Promise<Result> | undefined;
  if (answer === undefined) {
    answer = apiRequest(fetcher, document, {}, locals.token);
    locals.answers.set(document, answer);
  }
  return answer;
}
