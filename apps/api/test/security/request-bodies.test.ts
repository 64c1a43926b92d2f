import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { IMPORT_FILE, uploadFile } from '../support/upload.ts';

const SCHOOLS = 'uai;name;academy_code\n0519911T;Lycée téléversé;19\n0519912U;CFA téléversé;19\n';
const UPLOAD_LIMIT = 1024 * 1024;

let down = false;

describe('request bodies: 100 kB of JSON, files only by upload, for the pilot', () => {
  let api: TestApi;
  let pilot: string;
  let academy: string;
  beforeAll(async () => {
    api = await startTestApi('pglite', {
      candidates: 10,
      mode: 'production',
      uploadLimitBytes: UPLOAD_LIMIT,
      // Every query of the server fails as with PostgreSQL out of reach while `down`.
      instrument: (db) =>
        db.withPlugin({
          transformQuery(args) {
            if (down)
              throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
            return args.node;
          },
          transformResult: (args) => Promise.resolve(args.result),
        }),
    });
    [pilot, academy] = await Promise.all([api.logIn('pilote.demo'), api.logIn('academie.demo')]);
  });
  afterAll(async () => {
    await api.close();
  });

  const codeOf = (r: { errors?: readonly { extensions?: { code?: string } }[] }) =>
    r.errors?.[0]?.extensions?.code;

  it('refuses a JSON body over 100 kB with a 413, even the pilot’s import', async () => {
    const csv = `${SCHOOLS}${'0519999Z;x;19\n'.repeat(8_000)}`;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${pilot}` },
      body: JSON.stringify({ query: IMPORT_FILE, variables: { kind: 'SCHOOLS', year: 2024, csv } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Le corps de la requête est trop volumineux.',
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  it('accepts a JSON body of just under 100 kB', async () => {
    const r = await api.gql(`{ __typename } # ${'x'.repeat(100 * 1024 - 200)}`);
    expect(r.status).toBe(200);
  });

  it('refuses an upload from an anonymous caller (401) and from a non-pilot (403), before reading it', async () => {
    const anonymous = await uploadFile(api.url, SCHOOLS);
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const other = await uploadFile(api.url, SCHOOLS, { token: academy });
    expect(other.status).toBe(403);
    expect(codeOf(other)).toBe('FORBIDDEN');
    // Even a large one is answered, not cut.
    const large = await uploadFile(api.url, new Uint8Array(3 * UPLOAD_LIMIT), { token: academy });
    expect(large.status).toBe(403);
  });

  it('refuses an upload over its own limit with a 413 JSON, and changes nothing', async () => {
    const big = `${SCHOOLS}${'x'.repeat(UPLOAD_LIMIT)}`;
    const r = await uploadFile(api.url, big, { token: pilot });
    expect(r.status).toBe(413);
    expect(codeOf(r)).toBe('PAYLOAD_TOO_LARGE');
    const rows = await api.database.db
      .selectFrom('schools')
      .select('uai')
      .where('uai', 'in', ['0519911T', '0519912U'])
      .execute();
    expect(rows).toEqual([]);
  });

  it('answers an upload 503 with Retry-After while the database is out of reach', async () => {
    down = true;
    try {
      const r = await uploadFile(api.url, SCHOOLS, { token: pilot });
      expect(r.status).toBe(503);
      expect(codeOf(r)).toBe('DATABASE_UNAVAILABLE');
    } finally {
      down = false;
    }
  });

  it('takes a file for importFile and archiveSignedMinute only', async () => {
    const r = await uploadFile(api.url, SCHOOLS, { token: pilot, query: '{ __typename }' });
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_REQUEST');
    expect(r.errors?.[0]?.message).toBe(
      'Seules les mutations importFile et archiveSignedMinute, seules dans leur requête, acceptent un fichier.',
    );
  });

  it('imports the pilot’s upload, a Windows-1252 file read as the command reads it', async () => {
    // é is one byte (0xE9) in Windows-1252 as in Latin-1.
    const windows1252 = new Uint8Array(Buffer.from(SCHOOLS, 'latin1'));
    const r = await uploadFile(api.url, windows1252, { token: pilot });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      importFile: { __typename: 'ImportReport', rows: 2, inserted: 2 },
    });
    const rows = await api.database.db
      .selectFrom('schools')
      .select(['uai', 'name'])
      .where('uai', 'in', ['0519911T', '0519912U'])
      .orderBy('uai')
      .execute();
    expect(rows).toEqual([
      { uai: '0519911T', name: 'Lycée téléversé' },
      { uai: '0519912U', name: 'CFA téléversé' },
    ]);
  });
  const post = (path: string, body: string) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${academy}` },
      body,
    });

  it('refuses a body nested past 32 levels with a 400 in French, and goes on serving', async () => {
    const deep = `{"query":"{ __typename }","variables":{"x":${'['.repeat(49_000)}${']'.repeat(49_000)}}}`;
    const refused = await post('/graphql', deep);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'La requête imbrique trop de listes ou d’objets (au plus 32 niveaux).',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    const after = await post('/graphql', JSON.stringify({ query: '{ __typename }' }));
    expect(await after.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it.each(['/graphql', '/GraphQL', '/graphql/', '/graphql?x=1'])(
    'answers POST %s as GraphQL, with the same checks before it',
    async (path) => {
      const ok = await post(path, JSON.stringify({ query: '{ viewer { identifier } }' }));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toMatch(/./);
      expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await ok.json()).toEqual({ data: { viewer: { identifier: 'academie.demo' } } });
      const unstorable = await post(
        path,
        JSON.stringify({ query: '{ __typename }', variables: { a: 'x\u0000' } }),
      );
      expect(unstorable.status).toBe(400);
      expect(codeOf((await unstorable.json()) as Parameters<typeof codeOf>[0])).toBe(
        'BAD_USER_INPUT',
      );
      const malformed = await post(path, '{"query":');
      expect(malformed.status).toBe(400);
      expect(codeOf((await malformed.json()) as Parameters<typeof codeOf>[0])).toBe('BAD_REQUEST');
    },
  );
});
