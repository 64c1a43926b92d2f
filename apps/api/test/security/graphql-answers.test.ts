import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

// How every /graphql answer is framed, whoever asks and whatever went
// wrong: the length in bytes of what is sent, a type with its charset, the
// security headers, and no ETag (personal answers nothing revalidates).
describe('the framing of /graphql answers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { candidates: 3, mode: 'production' });
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  async function framed(response: Response, status: number): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(response.headers.get('content-type')).toMatch(
      /^application\/(graphql-response\+)?json; charset=utf-8$/,
    );
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  }

  it('an answer with accented French text: its length counts bytes, not characters', async () => {
    const body = await framed(await post('{"query":"{ clock { now } }"}', {}), 200);
    expect(body).toHaveProperty('data.clock.now');
    // A French message from GraphQL's own pipeline (accents: more bytes than characters).
    const refused = await framed(
      await post('{"query":"query A { clock { now } } query B { clock { now } }"}'),
      400,
    );
    const message = (refused['errors'] as { message: string }[])[0]?.message ?? '';
    expect(message).toMatch(/opérations/);
    expect(Buffer.byteLength(message)).toBeGreaterThan(message.length);
  });

  it('the media type the client asked for, with its charset', async () => {
    const response = await post('{"query":"{ __typename }"}', {
      accept: 'application/graphql-response+json',
    });
    expect(response.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(await framed(response, 200)).toEqual({ data: { __typename: 'Query' } });
  });

  it('GraphQL over GET reads the query string', async () => {
    const response = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      { headers: { 'apollo-require-preflight': 'true', accept: 'application/json' } },
    );
    expect(await framed(response, 200)).toEqual({ data: { __typename: 'Query' } });
  });

  it('a JSON request without a body is a typed 400, not a server error', async () => {
    const body = await framed(await post(''), 400);
    expect(body).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });
});
