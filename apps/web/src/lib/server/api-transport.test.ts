import { type IncomingHttpHeaders, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isHttpError } from '@sveltejs/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogOut } from '#lib/documents/account.ts';
import type * as Client from './api-client.ts';
import type * as Transport from './api-transport.ts';

const SECRET = 'un-secret-de-test-d-au-moins-32-caracteres';

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A stand-in for the API on a real socket: records what arrives, answers what it is told. */
const received: Received[] = [];
let connections = 0;
let answer = { status: 200, body: '{"data":{"logOut":true}}' };
/** When set, answers in its own way instead (chunks, interim answers, a dropped connection). */
let answerBy: ((response: ServerResponse) => void) | undefined;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    });
    if (answerBy !== undefined) {
      answerBy(response);
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.body);
  });
});
server.on('connection', () => {
  connections += 1;
});

let transport: typeof Transport;
let client: typeof Client;

beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  vi.doMock('$app/env/private', () => ({
    API_URL: `http://127.0.0.1:${port}/graphql?source=web`,
    RATTRAPAGE_WEB_SECRET: SECRET,
  }));
  transport = await import('./api-transport.ts');
  client = await import('./api-client.ts');
});
afterEach(() => {
  answerBy = undefined;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

/** A log-out asked through the real transport: what apiRequest made of the answer, or threw. */
const logOut = () =>
  client
    .apiRequest(
      transport.apiPostFor(() => '203.0.113.7'),
      LogOut,
      {},
      'rs_token',
    )
    .catch((e: unknown) => e);

describe('the web’s requests to the API', () => {
  it('sends the body with the person’s address, the secret and the session, and reads the answer', async () => {
    received.length = 0;
    const api = transport.apiPostFor(() => '203.0.113.7');
    expect(await api('{"documentId":"a"}', 'rs_token')).toBe('{"data":{"logOut":true}}');
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first?.method).toBe('POST');
    expect(first?.url).toBe('/graphql?source=web');
    expect(first?.body).toBe('{"documentId":"a"}');
    expect(first?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-rattrapage-client-address': '203.0.113.7',
      'x-rattrapage-web-secret': SECRET,
      authorization: 'Bearer rs_token',
    });
  });

  it('keeps its connection for the next request, and sends no session without one', async () => {
    received.length = 0;
    const before = connections;
    const api = transport.apiPostFor(() => '198.51.100.4');
    for (let i = 0; i < 3; i += 1) await api('{}', null);
    expect(received.map((r) => r.headers['x-rattrapage-client-address'])).toEqual([
      '198.51.100.4',
      '198.51.100.4',
      '198.51.100.4',
    ]);
    expect(received.some((r) => 'authorization' in r.headers)).toBe(false);
    // One connection at most (the test before may have left one open), not one a request.
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('reads an answer that comes in pieces, a character split between two of them', async () => {
    const text = '{"data":{"message":"Délibéré : épreuves de contrôle"}}';
    const bytes = Buffer.from(text);
    const split = bytes.indexOf(Buffer.from('é')) + 1; // inside the two bytes of « é »
    answerBy = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(bytes.subarray(0, split));
      // A pause, so the two halves leave in two packets, not one.
      setTimeout(() => response.end(bytes.subarray(split)), 20);
    };
    expect(await transport.apiPostFor(() => '203.0.113.7')('{}', null)).toBe(text);
  });

  it('keeps the final answer, not an interim one before it', async () => {
    answerBy = (response) => {
      response.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data":{"logOut":true}}');
    };
    expect(await transport.apiPostFor(() => '203.0.113.7')('{}', null)).toBe(
      '{"data":{"logOut":true}}',
    );
  });

  it('says the service is unavailable when the API drops its answer half-way', async () => {
    answerBy = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"data":{"log', () => response.destroy());
    };
    const dropped = await logOut();
    expect(isHttpError(dropped) && [dropped.status, dropped.body.message]).toEqual([
      503,
      'Le service est momentanément indisponible. Réessayez dans quelques instants.',
    ]);
  });

  it('turns the API’s refusal into the page’s error, whatever its status', async () => {
    answer = {
      status: 503,
      body: JSON.stringify({
        errors: [{ message: 'Réessayez dans 2 s.', extensions: { code: 'SERVICE_OVERLOADED' } }],
      }),
    };
    const refused = await logOut();
    expect(isHttpError(refused) && [refused.status, refused.body.message]).toEqual([
      503,
      'Réessayez dans 2 s.',
    ]);

    answer = { status: 502, body: '<html>passerelle</html>' };
    const garbled = await logOut();
    expect(isHttpError(garbled) && garbled.status).toBe(502);
  });

  it('says the service is unavailable when the API cannot be reached', async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    const unreachable = await logOut();
    expect(isHttpError(unreachable) && [unreachable.status, unreachable.body.message]).toEqual([
      503,
      'Le service est momentanément indisponible. Réessayez dans quelques instants.',
    ]);
  });
});
