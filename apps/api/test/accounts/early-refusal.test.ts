import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

// Past capacity, a password request is refused by the HTTP layer before
// GraphQL runs (http/refuse-saturated-secrets.ts): the same 503, the same
// body, but no field error (no `path`), and the queue counts it.
const LOG_IN =
  'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename ... on Session { token } } }';

async function post(api: TestApi, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    headers: response.headers,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
    },
  };
}

describe.each(backendsUnderTest())('password requests refused before GraphQL, on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend, {
      candidates: 5,
      mode: 'production',
      passwordAdmission: { concurrency: 1, queue: 0, maxWaitMs: 0 },
    });
  });
  afterAll(() => api.close());

  it('answers 503 with Retry-After at once while every slot is busy, and serves once one frees', async () => {
    let free = () => {};
    const held = api.server.passwordAdmission.run(
      () => new Promise<void>((resolve) => (free = resolve)),
    );
    const refusedBefore = api.server.passwordAdmission.refused;
    for (const [query, variables] of [
      [LOG_IN, { i: 'pilote.demo', p: DEMO_PASSWORD }],
      [
        'mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) { __typename } }',
        { t: 'x', n: 'y' },
      ],
    ] as const) {
      const refused = await post(api, query, variables);
      expect(refused.status).toBe(503);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      // Answered before GraphQL, yet typed as JSON and with the headers every answer carries.
      expect(refused.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
      expect(refused.body.data).toBeUndefined();
      const error = refused.body.errors?.[0];
      expect(error?.extensions).toEqual({
        code: 'SERVICE_OVERLOADED',
        retryAfterSeconds: Number(refused.retryAfter),
      });
      expect(error?.message).toMatch(/^Le service est très sollicité\. Réessayez dans \d+ seconde/);
      // Not a field error: GraphQL never ran.
      expect(error?.path).toBeUndefined();
    }
    expect(api.server.passwordAdmission.refused).toBe(refusedBefore + 2);

    // Other requests are not held back by a busy queue.
    const clock = await post(api, '{ clock { now } }', {});
    expect(clock.status).toBe(200);

    free();
    await held;
    const served = await post(api, LOG_IN, { i: 'pilote.demo', p: DEMO_PASSWORD });
    expect(served.status).toBe(200);
    const session = served.body.data as { logIn: { __typename: string; token?: string } };
    expect(session.logIn.__typename).toBe('Session');
    expect(session.logIn.token).toMatch(/\S{20,}/);
  });
});
