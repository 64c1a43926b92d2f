import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, WEB_SECRET_HEADER } from '../../src/http/client-address.ts';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

const SECRET = 'un-secret-partage-entre-le-web-et-l-api-0123456789';
const LOG_IN = `mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename } }`;

describe.each(backendsUnderTest())('the client address behind the web server, on %s', (backend) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 10, config: { webSecret: SECRET } });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.database.db.deleteFrom('login_throttle').execute();
  });

  const logIn = async (
    identifier: string,
    password: string,
    headers: Record<string, string>,
  ): Promise<string> => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: LOG_IN, variables: { i: identifier, p: password } }),
    });
    const body = (await response.json()) as { data?: { logIn: { __typename: string } } };
    return body.data?.logIn.__typename ?? `HTTP ${response.status}`;
  };
  const viaTheWeb = (address: string) => ({
    [CLIENT_ADDRESS_HEADER]: address,
    [WEB_SECRET_HEADER]: SECRET,
  });
  const addressKeys = async () =>
    (
      await api.database.db
        .selectFrom('login_throttle')
        .select(['key', 'failures'])
        .where('key', 'like', 'ip:%')
        .orderBy('key')
        .execute()
    ).map((r) => [r.key, r.failures]);

  it('throttles two clients of the web separately: one locked out, the other not', async () => {
    const answers: string[] = [];
    // Distinct unknown identifiers: only the address counts up to its limit (30).
    for (let i = 0; i < 30; i += 1)
      answers.push(await logIn(`inconnu.${i}`, 'faux', viaTheWeb('203.0.113.7')));
    expect(answers.slice(0, 29).every((a) => a === 'InvalidCredentials')).toBe(true);
    expect(answers[29]).toBe('TooManyAttempts');
    expect(await logIn('pilote.demo', DEMO_PASSWORD, viaTheWeb('203.0.113.7'))).toBe(
      'TooManyAttempts',
    );
    expect(await logIn('pilote.demo', DEMO_PASSWORD, viaTheWeb('2001:db8::9'))).toBe('Session');
    expect(await addressKeys()).toEqual([['ip:203.0.113.7', 30]]);
  });

  it.each([
    ['without the secret', { [CLIENT_ADDRESS_HEADER]: '203.0.113.7' }],
    [
      'with a wrong secret',
      { [CLIENT_ADDRESS_HEADER]: '203.0.113.7', [WEB_SECRET_HEADER]: `${SECRET}x` },
    ],
    ['as X-Forwarded-For', { 'x-forwarded-for': '203.0.113.7' }],
  ])('ignores an address a direct client claims %s', async (_label, forged) => {
    expect(await logIn('inconnu.forge', 'faux', forged)).toBe('InvalidCredentials');
    // Counted against the connection's own address, not the one claimed.
    expect(await addressKeys()).toEqual([['ip:127.0.0.1', 1]]);
  });

  it('ignores a forwarded value that is not an address', async () => {
    await logIn('inconnu.forge', 'faux', viaTheWeb('203.0.113.7, 10.0.0.1'));
    expect(await addressKeys()).toEqual([['ip:127.0.0.1', 1]]);
  });
});

describe.each(backendsUnderTest())('X-Forwarded-For from a trusted proxy, on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    // The test's own requests come from the loopback: here, the trusted proxy.
    api = await startTestApi(backend, { candidates: 10, config: { trustedProxies: ['loopback'] } });
  });
  afterAll(() => api.close());

  it('counts against the address the trusted proxy names, and ignores the unsigned web header', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '198.51.100.20',
        [CLIENT_ADDRESS_HEADER]: '203.0.113.7',
        [WEB_SECRET_HEADER]: SECRET,
      },
      body: JSON.stringify({ query: LOG_IN, variables: { i: 'inconnu.proxy', p: 'faux' } }),
    });
    expect(response.status).toBe(200);
    const keys = await api.database.db
      .selectFrom('login_throttle')
      .select(['key', 'failures'])
      .where('key', 'like', 'ip:%')
      .execute();
    expect(keys).toEqual([{ key: 'ip:198.51.100.20', failures: 1 }]);
  });
});
