import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const NOW = new Date(A_PUBLISHED.getTime() + 3_600_000);

interface ErrorWithDetails {
  message: string;
  extensions?: { code?: string; stacktrace?: unknown };
}

const codeOf = (r: { errors?: readonly { extensions?: { code?: string } }[] }) =>
  r.errors?.[0]?.extensions?.code;

/** `__schema { types { fields { type { ofType … { name } } } } }`: the depth is 4 + ofTypes + 1. */
/**
 * Refused by the limits rule during validation, before execution. The rule
 * sets extensions.code QUERY_TOO_COMPLEX, but Apollo's ValidationError
 * currently overwrites it with GRAPHQL_VALIDATION_FAILED, so the code is not
 * asserted here (reported as a bug); the rule's own message is.
 */
function expectTooComplex(r: {
  status: number;
  data?: unknown;
  errors?: readonly { message: string; extensions?: { code?: string } }[];
}): void {
  expect(r.status).toBe(400);
  expect(r.data).toBeUndefined();
  expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(r.errors?.[0]?.message).toMatch(/^Requête trop coûteuse : /);
}

function schemaQueryOfDepth(depth: number): string {
  const ofTypes = depth - 5;
  return `{ __schema { types { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } } }`;
}

describe.each(backendsUnderTest())('query limits and error hygiene, on %s', (backend) => {
  let api: TestApi;
  let production: TestApi;

  beforeAll(async () => {
    [api, production] = await Promise.all([
      startTestApi(backend, { at: NOW, candidates: 80 }),
      startTestApi(backend, { at: NOW, candidates: 80, mode: 'production' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([api.close(), production.close()]);
  });

  it('accepts a query exactly 12 levels deep', async () => {
    const r = await api.gql(schemaQueryOfDepth(12));
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });

  it('refuses a query 13 levels deep before execution, with HTTP 400', async () => {
    const r = await api.gql(schemaQueryOfDepth(13));
    expectTooComplex(r);
    expect(r.errors?.[0]?.message).toContain('profondeur 13 > 12');
  });

  it('counts depth through named and inline fragments', async () => {
    const token = await api.logIn('candidat.demo');
    // viewer(1) candidate(2) specialty(3) tests(4) … through fragments: 13 levels in all.
    const deep = `
      fragment Deep on __Type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } }
      query { __schema { ... on __Schema { types { fields { type { ...Deep } } } } } }`;
    // __schema(1) types(2) fields(3) type(4) ofType×6(10) name(11): within bounds.
    const fine = await api.gql(deep, {}, token);
    expect(fine.errors).toBeUndefined();
    const tooDeep = `
      fragment Deeper on __Type { ofType { ...Deep } }
      fragment Deep on __Type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } }
      query { __schema { ... on __Schema { types { fields { type { ...Deeper } } } } } }`;
    // __schema(1) types(2) fields(3) type(4) ofType×8(12) name(13).
    const refused = await api.gql(tooDeep, {}, token);
    expectTooComplex(refused);
    expect(refused.errors?.[0]?.message).toContain('profondeur 13 > 12');
  });

  it('accepts 30 aliases and refuses 31', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `c${i}: clock { demo }`).join(' ')} }`;
    const thirty = await api.gql(aliases(30));
    expect(thirty.errors).toBeUndefined();
    const thirtyOne = await api.gql(aliases(31));
    expectTooComplex(thirtyOne);
    expect(thirtyOne.errors?.[0]?.message).toContain('31 alias > 30');
  });

  it('refuses 31 aliased logIn attempts before any of them is counted', async () => {
    const attempts = Array.from(
      { length: 31 },
      (_, i) => `a${i}: logIn(identifier: "academie.demo", password: "wrong-${i}") { __typename }`,
    ).join(' ');
    const r = await api.gql(`mutation { ${attempts} }`);
    expectTooComplex(r);
    expect(r.errors?.[0]?.message).toContain('31 alias > 30');
    const throttle = await api.database.db.selectFrom('login_throttle').selectAll().execute();
    expect(throttle).toEqual([]);
    // And the account still logs in at once.
    await expect(api.logIn('academie.demo')).resolves.toEqual(expect.any(String));
  });

  it('refuses a page larger than 500 and accepts exactly 500', async () => {
    const pilot = await api.logIn('pilote.demo');
    const tooMany = await api.gql(
      '{ candidates(year: 2024, first: 501) { totalCount } }',
      {},
      pilot,
    );
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    const negative = await api.gql(
      '{ candidates(year: 2024, first: -1) { totalCount } }',
      {},
      pilot,
    );
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    const max = await api.gql<{ candidates: { totalCount: number } }>(
      '{ candidates(year: 2024, first: 500) { totalCount } }',
      {},
      pilot,
    );
    expect(max.errors).toBeUndefined();
    expect(max.data?.candidates.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['base64 of something else', Buffer.from('Candidate:1', 'utf8').toString('base64url')],
    ['empty', ''],
  ])('refuses a malformed after cursor (%s) as BAD_USER_INPUT', async (_label, after) => {
    const pilot = await api.logIn('pilote.demo');
    const r = await api.gql(
      'query($after: String) { candidates(year: 2024, first: 5, after: $after) { totalCount } }',
      { after },
      pilot,
    );
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  it('pages with a cursor it issued', async () => {
    const pilot = await api.logIn('pilote.demo');
    const first = await api.gql<{
      candidates: { pageInfo: { endCursor: string; hasNextPage: boolean } };
    }>('{ candidates(year: 2024, first: 2) { pageInfo { endCursor hasNextPage } } }', {}, pilot);
    expect(first.data?.candidates.pageInfo.hasNextPage).toBe(true);
    const next = await api.gql(
      'query($after: String) { candidates(year: 2024, first: 2, after: $after) { totalCount } }',
      { after: first.data?.candidates.pageInfo.endCursor },
      pilot,
    );
    expect(next.errors).toBeUndefined();
  });

  it.each([
    ['garbage', 'garbage'],
    ['another type', Buffer.from('School:0123456A', 'utf8').toString('base64')],
  ])('refuses candidate(id: %s) as BAD_USER_INPUT', async (_label, id) => {
    const pilot = await api.logIn('pilote.demo');
    const r = await api.gql('query($id: ID!) { candidate(id: $id) { id } }', { id }, pilot);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  it('shows no stack trace, in demo mode as in production', async () => {
    const query = 'mutation { scheduleConvocations(year: 2024, academyCode: "19") { __typename } }';
    const demoToken = await api.logIn('candidat.demo');
    const demo = await api.gql(query, {}, demoToken);
    expect(codeOf(demo)).toBe('FORBIDDEN');
    expect((demo.errors?.[0] as ErrorWithDetails).extensions?.stacktrace).toBeUndefined();

    const productionToken = await production.logIn('candidat.demo');
    const r = await production.gql(query, {}, productionToken);
    expect(codeOf(r)).toBe('FORBIDDEN');
    const error = r.errors?.[0] as ErrorWithDetails;
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/\.ts:\d+|node_modules|at [A-Za-z]+ \(/);
  });

  it('refuses setDemoClock in production, and leaves the clock where it was', async () => {
    const r = await production.gql('mutation($at: DateTime!) { setDemoClock(at: $at) { now } }', {
      at: '2024-07-10T14:30:00.000Z',
    });
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect((r.errors?.[0] as ErrorWithDetails).extensions?.stacktrace).toBeUndefined();
    expect(production.clock.now().toISOString()).toBe(NOW.toISOString());
    const pilot = await production.logIn('pilote.demo');
    const again = await production.gql(
      'mutation($at: DateTime!) { setDemoClock(at: $at) { now } }',
      { at: '2024-07-10T14:30:00.000Z' },
      pilot,
    );
    expect(codeOf(again)).toBe('FORBIDDEN');
    expect(production.clock.now().toISOString()).toBe(NOW.toISOString());
  });

  it('serves GraphiQL to a browser, with its static assets', async () => {
    const page = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('ruru');
    const assets = [...html.matchAll(/(?:href|src)="(\/graphiql-static\/[^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fetch(`${api.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
  });
});
