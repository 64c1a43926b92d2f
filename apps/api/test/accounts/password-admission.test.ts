import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

const LOG_IN =
  'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename ... on Session { token } } }';

interface Attempt {
  status: number;
  retryAfter: string | null;
  body: {
    data?: { logIn: { __typename: string } } | null;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
}

async function attempt(api: TestApi, identifier: string, password: string): Promise<Attempt> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOG_IN, variables: { i: identifier, p: password } }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Attempt['body'],
  };
}

describe.each(backendsUnderTest())('the admission queue in front of log-in, on %s', (backend) => {
  let api: TestApi;

  beforeAll(async () => {
    // One check at a time and no waiting room: any overlap is refused.
    api = await startTestApi(backend, {
      candidates: 10,
      mode: 'production',
      passwordAdmission: { concurrency: 1, queue: 0, maxWaitMs: 0 },
    });
  });
  afterAll(() => api.close());

  it('refuses the excess of a storm with a fast 503 and Retry-After, serves the rest', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () => attempt(api, 'pilote.demo', DEMO_PASSWORD)),
    );
    const served = attempts.filter((a) => a.status === 200);
    const refused = attempts.filter((a) => a.status !== 200);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const a of served) expect(a.body.data?.logIn.__typename).toBe('Session');
    for (const a of refused) {
      expect(a.status).toBe(503);
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      const error = a.body.errors?.[0];
      expect(error?.extensions?.code).toBe('SERVICE_OVERLOADED');
      expect(error?.extensions?.retryAfterSeconds).toBe(Number(a.retryAfter));
      expect(error?.message).toMatch(/^Le service est très sollicité\. Réessayez dans \d+ seconde/);
      expect(a.body.data ?? null).toBeNull();
    }
    const metrics = await (await fetch(`${api.server.metricsUrl ?? ''}/metrics`)).text();
    expect(metrics).toContain(`rattrapage_password_checks_refused_total ${refused.length}`);
    expect(metrics).toMatch(/rattrapage_password_checks\{state="waiting"\} 0/);
  });

  it('does not count a refused attempt against anyone: no failure recorded, no lock', async () => {
    // Distinct unknown identifiers: one attempt each, so no growing delay blurs the count.
    const wrong = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(api, `inconnu.${i}`, 'pas-le-bon-mot-de-passe')),
    );
    const checked = wrong.filter((a) => a.status === 200);
    expect(wrong.some((a) => a.status === 503)).toBe(true);
    for (const a of checked) expect(a.body.data?.logIn.__typename).toBe('InvalidCredentials');
    const rows = await api.database.db
      .selectFrom('login_throttle')
      .select(['key', 'failures'])
      .execute();
    expect(rows.filter((r) => r.key.startsWith('id:inconnu.'))).toHaveLength(checked.length);
    expect(rows.find((r) => r.key.startsWith('ip:'))?.failures).toBe(checked.length);
    const after = await attempt(api, 'academie.demo', DEMO_PASSWORD);
    expect(after.body.data?.logIn.__typename).toBe('Session');
  });
});
