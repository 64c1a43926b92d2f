import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

const INTROSPECTION = '{ __schema { queryType { name } } }';

async function htmlPage(api: TestApi) {
  return fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
}

describe('GraphiQL, introspection and suggestions', () => {
  let production: TestApi;
  let opened: TestApi;
  beforeAll(async () => {
    [production, opened] = await Promise.all([
      startTestApi('pglite', { candidates: 0, mode: 'production' }),
      startTestApi('pglite', { candidates: 0, mode: 'production', exploration: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([production.close(), opened.close()]);
  });

  it('serves no GraphiQL in production by default: a browser gets a French JSON refusal', async () => {
    const page = await htmlPage(production);
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect(await page.text()).not.toMatch(/ruru|graphiql/i);
    const asset = await fetch(`${production.url}/graphiql-static/ruru.js`);
    expect(asset.status).toBe(404);
  });

  it('refuses introspection in production by default, in French, without a suggestion', async () => {
    for (const query of [INTROSPECTION, '{ __type(name: "Query") { name } }']) {
      const r = await production.gql(query);
      expect(r.status).toBe(400);
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors?.[0]?.message).toBe(
        'L’introspection du schéma est désactivée sur ce serveur (voir docs/graphql.md).',
      );
    }
  });

  it('never suggests a field, argument or value name, in any mode', async () => {
    for (const api of [production, opened]) {
      for (const query of [
        '{ clok { now } }',
        '{ academies(yaer: 2024) { code } }',
        'mutation { importFile(kind: CANDIDATE, year: 2024, csv: "") { __typename } }',
        '{ clock { nw } }',
      ]) {
        const r = await api.gql(query);
        const text = JSON.stringify(r);
        expect(text, query).not.toMatch(/Did you mean|clock|academyCode|CANDIDATES|"now"/);
        expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    }
  });

  it('opens GraphiQL and introspection when told (RATTRAPAGE_GRAPHIQL), under a CSP hashing its inline scripts', async () => {
    const r = await opened.gql<{ __schema: { queryType: { name: string } } }>(INTROSPECTION);
    expect(r.data?.__schema.queryType.name).toBe('Query');
    const page = await htmlPage(opened);
    expect(page.status).toBe(200);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    const inline = [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(inline.length).toBeGreaterThan(0);
    for (const body of inline) {
      const hash = createHash('sha256').update(body).digest('base64');
      expect(csp).toContain(`'sha256-${hash}'`);
    }
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
