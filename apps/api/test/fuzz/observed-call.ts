import type { TestApi } from '../support/api-harness.ts';
import { type Fingerprint, fingerprint } from './database-fingerprint.ts';
import type { Reply } from './error-hygiene.ts';

export interface Observed {
  readonly reply: Reply & { readonly data?: Record<string, unknown> | null };
  readonly before: Fingerprint;
  readonly after: Fingerprint;
}

/** One GraphQL call through HTTP, with the database's fingerprint before and after it. */
export async function observedCall(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<Observed> {
  const before = await fingerprint(api.database.db);
  const reply = await api.gql(query, variables, token);
  const after = await fingerprint(api.database.db);
  return { reply, before, after };
}

/**
 * What a call came to, as one word: the typename of the field's result
 * (a union member or the success type), `error:<code>` when it failed as
 * a GraphQL error, or the JSON of a scalar result.
 */
export function outcomeOf(reply: Observed['reply'], field: string): string {
  const code = reply.errors?.[0]?.extensions?.code;
  if (reply.errors !== undefined) return `error:${typeof code === 'string' ? code : '?'}`;
  const value = reply.data?.[field];
  if (typeof value === 'object' && value !== null && '__typename' in value)
    return String(value.__typename);
  return JSON.stringify(value);
}
