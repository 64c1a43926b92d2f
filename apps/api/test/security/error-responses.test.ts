import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

/**
 * Every way a request can fail before or around GraphQL execution, in every
 * layer (Express, body-parser, Apollo, graphql-js, ours): a JSON answer with
 * a stable code and a French message, no stack, no path, no suggestion, the
 * hardening headers — with NODE_ENV unset (Express would then default to
 * development) and set to development, in production and demo mode.
 */

interface Case {
  readonly label: string;
  readonly path: string;
  readonly init?: RequestInit;
  readonly status: number;
  readonly code: string;
  /** The response's Allow header, for 405s. */
  readonly allow?: string;
  /** A demo account to send the request as (its Bearer token). */
  readonly as?: string;
}

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const query = (q: string, variables?: unknown, operationName?: string) =>
  json(JSON.stringify({ query: q, variables, operationName }));
const preflight = { headers: { 'apollo-require-preflight': 'true' } };

const CASES: readonly Case[] = [
  {
    label: 'malformed JSON',
    path: '/graphql',
    init: json('{"query": '),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'JSON that is not an object',
    path: '/graphql',
    init: json('"{ __typename }"'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'a body over 100 kB',
    path: '/graphql',
    init: query(`{ __typename } # ${'x'.repeat(110_000)}`),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    label: 'text/plain',
    path: '/graphql',
    init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    label: 'no content type',
    path: '/graphql',
    init: { method: 'POST', body: new Uint8Array([123, 125]) },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    label: 'an unknown content encoding',
    path: '/graphql',
    init: json('{}', { 'content-encoding': 'compress' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    label: 'a charset other than UTF',
    path: '/graphql',
    init: json('{}', { 'content-type': 'application/json; charset=koi8-r' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  { label: 'an unknown route (GET)', path: '/wp-admin/setup.php', status: 404, code: 'NOT_FOUND' },
  {
    label: 'an unknown route (POST)',
    path: '/api/graphql',
    init: query('{ __typename }'),
    status: 404,
    code: 'NOT_FOUND',
  },
  { label: '/metrics on the public port', path: '/metrics', status: 404, code: 'NOT_FOUND' },
  {
    label: 'PUT /graphql',
    path: '/graphql',
    init: { ...query('{ __typename }'), method: 'PUT' },
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    allow: 'GET, POST',
  },
  {
    label: 'DELETE /healthz',
    path: '/healthz',
    init: { method: 'DELETE' },
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    allow: 'GET, HEAD',
  },
  {
    label: 'POST /readyz',
    path: '/readyz',
    init: query('{ __typename }'),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    allow: 'GET, HEAD',
  },
  {
    label: 'GET without query',
    path: '/graphql',
    init: { headers: { accept: 'application/json', ...preflight.headers } },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'GET without CSRF preflight header',
    path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'a mutation by GET',
    path: `/graphql?query=${encodeURIComponent('mutation { logOut }')}`,
    init: preflight,
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    label: 'an empty JSON object',
    path: '/graphql',
    init: json('{}'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'a query that is not a string',
    path: '/graphql',
    init: json('{"query": 1}'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'a batch',
    path: '/graphql',
    init: json('[{"query": "{ __typename }"}]'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'variables as a string',
    path: '/graphql',
    init: json('{"query": "{ __typename }", "variables": "{}"}'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'a syntax error',
    path: '/graphql',
    init: query('{ clock { now }'),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    label: 'an unknown field close to a real one',
    path: '/graphql',
    init: query('{ clok { now } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    label: 'an unknown argument close to a real one',
    path: '/graphql',
    init: query('{ academies(yaer: 2024) { code } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    label: 'an enum value close to a real one',
    path: '/graphql',
    init: query('mutation { importFile(kind: CANDIDATE, year: 2024, csv: "") { __typename } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    label: 'a variable of the wrong type',
    path: '/graphql',
    init: query('query($y: Int!) { candidates(year: $y, first: 1) { totalCount } }', {
      y: 'deux mille',
    }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    label: 'a missing required variable',
    path: '/graphql',
    init: query('query($y: Int!) { candidates(year: $y, first: 1) { totalCount } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    label: 'an unknown operation name',
    path: '/graphql',
    init: query('query A { __typename }', {}, 'B'),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    label: 'an Accept the API cannot serve',
    path: '/graphql',
    init: json(JSON.stringify({ query: '{ __typename }' }), { accept: 'text/csv' }),
    status: 406,
    code: 'BAD_REQUEST',
  },
  {
    label: 'a document without a token',
    path: '/documents/convocation.pdf?candidate=Q2FuZGlkYXRlOng=',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    label: 'a document of an unknown candidate',
    path: `/documents/releve.pdf?candidate=${btoa('Candidate:00000000-0000-4000-8000-000000000000')}`,
    as: 'pilote.demo',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    label: 'a document with a malformed parameter',
    path: '/documents/resultats.csv?year=deux&academy=12',
    as: 'pilote.demo',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    label: 'an unknown document',
    path: '/documents/inconnu.pdf',
    as: 'pilote.demo',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    label: 'POST to a document',
    path: '/documents/releve.pdf?candidate=Q2FuZGlkYXRlOng=',
    init: query('{ __typename }'),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    allow: 'GET, HEAD',
  },
];

// A French message: French words, none of the English ones graphql-js, Apollo and Express use.
function expectFrench(message: string, where: string): void {
  expect(message, where).toMatch(/[éèàçêôûî’«]|\b(le|la|les|des|du|une|un|est|pas|en|ici)\b/i);
  expect(message, where).not.toMatch(
    /\b(the|is|must|cannot|was|are|did you mean|not allowed|missing|invalid|unexpected|found|expected)\b/i,
  );
}

function expectNoInternals(text: string, where: string): void {
  expect(text, where).not.toMatch(
    /stack|\bat \S+ \(|\.[jt]s:\d+|node_modules|\/work\/|\/home\/|\/usr\//i,
  );
  expect(text, where).not.toMatch(/Cannot (GET|POST|PUT|DELETE)|<html|<pre/i);
}

function expectHardened(response: Response, where: string): void {
  expect(response.headers.get('content-security-policy'), where).toContain(
    "frame-ancestors 'none'",
  );
  expect(response.headers.get('content-security-policy'), where).toContain("default-src 'none'");
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(response.headers.get('x-powered-by'), where).toBeNull();
}

async function startWithNodeEnv(
  nodeEnv: string | undefined,
  mode: 'production' | 'demo',
): Promise<TestApi> {
  const saved = process.env['NODE_ENV'];
  if (nodeEnv === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = nodeEnv;
  try {
    // The smallest seed has the demo accounts the documents cases ask as.
    return await startTestApi('pglite', { candidates: 3, mode });
  } finally {
    process.env['NODE_ENV'] = saved;
  }
}

describe.each([
  ['NODE_ENV unset, production mode', undefined, 'production'],
  ['NODE_ENV=development, demo mode', 'development', 'demo'],
] as const)('every error answers JSON in French (%s)', (_label, nodeEnv, mode) => {
  let api: TestApi;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    api = await startWithNodeEnv(nodeEnv, mode);
    for (const account of new Set(CASES.flatMap((c) => (c.as === undefined ? [] : [c.as]))))
      tokens.set(account, await api.logIn(account));
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(CASES)(
    '$label → $status $code',
    async ({ label, path, init, status, code, allow, as }) => {
      const token = as === undefined ? undefined : tokens.get(as);
      const headers = new Headers(init?.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      const response = await fetch(`${api.url}${path}`, { ...init, headers });
      const text = await response.text();
      expect(response.status, `${label}: ${text}`).toBe(status);
      expect(response.headers.get('content-type'), label).toMatch(
        /^application\/(graphql-response\+)?json/,
      );
      const body = JSON.parse(text) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(body.errors.length, label).toBeGreaterThan(0);
      expect(body.errors[0]?.extensions.code, label).toBe(code);
      for (const error of body.errors) expectFrench(error.message, `${label}: ${error.message}`);
      expectNoInternals(text, label);
      expectHardened(response, label);
      if (allow !== undefined) expect(response.headers.get('allow')).toBe(allow);
    },
  );

  it('answers a request Node’s HTTP parser refuses (headers too long) in JSON too', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      ...query('{ __typename }'),
      headers: { 'content-type': 'application/json', 'x-long': 'a'.repeat(20_000) },
    });
    const text = await response.text();
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = JSON.parse(text) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe('REQUEST_HEADER_FIELDS_TOO_LARGE');
    expectFrench(body.errors[0]?.message ?? '', text);
    expectNoInternals(text, '431');
    expectHardened(response, '431');
  });

  it('answers a successful request with the same hardening headers', async () => {
    const response = await fetch(`${api.url}/graphql`, query('{ __typename }'));
    expect(response.status).toBe(200);
    expectHardened(response, 'success');
    expectHardened(await fetch(`${api.url}/healthz`), '/healthz');
  });
});
