import { describe, expect, it, vi } from 'vitest';

vi.mock('$app/env/private', () => ({
  API_URL: 'http://127.0.0.1:4000/graphql',
  RATTRAPAGE_WEB_SECRET: 'un-secret-de-test-d-au-moins-32-caracteres',
}));
const { withClientAddress } = await import('./client-address.ts');

describe('withClientAddress', () => {
  it('gives a request to the API the person’s address and the shared secret', () => {
    const sent = withClientAddress(
      new Request('http://127.0.0.1:4000/graphql', {
        method: 'POST',
        headers: { 'x-rattrapage-client-address': '10.0.0.1', authorization: 'Bearer rs_x' },
        body: '{}',
      }),
      '203.0.113.7',
    );
    expect(sent.headers.get('x-rattrapage-client-address')).toBe('203.0.113.7');
    expect(sent.headers.get('x-rattrapage-web-secret')).toBe(
      'un-secret-de-test-d-au-moins-32-caracteres',
    );
    expect(sent.headers.get('authorization')).toBe('Bearer rs_x');
    expect(sent.method).toBe('POST');
  });

  it('sends neither to any other origin', () => {
    const elsewhere = new Request('https://example.org/');
    expect(withClientAddress(elsewhere, '203.0.113.7')).toBe(elsewhere);
  });
});

describe('apiRequestHeaders', () => {
  it('names the person, the secret and the session of a GraphQL request', async () => {
    const { apiRequestHeaders } = await import('./client-address.ts');
    expect(apiRequestHeaders('203.0.113.7', 'rs_x')).toEqual({
      'content-type': 'application/json',
      'x-rattrapage-client-address': '203.0.113.7',
      'x-rattrapage-web-secret': 'un-secret-de-test-d-au-moins-32-caracteres',
      authorization: 'Bearer rs_x',
    });
    expect(apiRequestHeaders('203.0.113.7', null)).not.toHaveProperty('authorization');
  });

  it('sends no secret when the server has none', async () => {
    vi.resetModules();
    vi.doMock('$app/env/private', () => ({
      API_URL: 'http://127.0.0.1:4000/graphql',
      RATTRAPAGE_WEB_SECRET: null,
    }));
    const { apiRequestHeaders } = await import('./client-address.ts');
    expect(apiRequestHeaders('203.0.113.7', null)).toEqual({
      'content-type': 'application/json',
      'x-rattrapage-client-address': '203.0.113.7',
    });
  });
});
