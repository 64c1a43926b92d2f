import fc from 'fast-check';
import { expect } from 'vitest';
import { JSON_BODY_LIMIT_BYTES } from '../../src/server.ts';
import type { TestApi } from '../support/api-harness.ts';
import { type Fingerprint, expectNothingChanged, fingerprint } from './database-fingerprint.ts';
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

/** Whether a call's JSON body is over the server's limit (as the harness sends it). */
export function overJsonLimit(query: string, variables: Record<string, unknown>): boolean {
  return Buffer.byteLength(JSON.stringify({ query, variables })) > JSON_BODY_LIMIT_BYTES;
}

/**
 * A call whose JSON body is over the limit (a generated value can be
 * 100 kB, and a call may hold several) is refused whole by the body parser
 * before any rule is looked at: check that (413, PAYLOAD_TOO_LARGE, nothing
 * changed), then skip the rest of the property for it (fc.pre), whose
 * expectations are about the rules. Returns for any other call.
 */
export async function settleOversized(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<void> {
  if (!overJsonLimit(query, variables)) return;
  const observed = await observedCall(api, query, variables, token);
  expect(observed.reply.status).toBe(413);
  expect(observed.reply.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  expectNothingChanged(observed.before, observed.after, 'a body over the JSON limit');
  fc.pre(false);
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
