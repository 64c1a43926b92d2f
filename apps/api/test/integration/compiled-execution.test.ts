import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, postGraphqlBody, startTestApi } from '../support/api-harness.ts';
import { type Who, roleTokens } from '../support/role-tokens.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { webManifest } from '../support/web-documents.ts';

// After the publication of the first group (29 June 2024), while the choice
// window of MCO is open: every page of the web has something to show.
const NOW = new Date('2024-07-02T10:00:00.000Z');

/** The raw answer: compiled and interpreted execution must agree byte for byte, key order included. */
async function ask(
  api: TestApi,
  body: Record<string, unknown>,
  token: string | null,
): Promise<{ status: number; text: string }> {
  const response = await postGraphqlBody(api, body, token);
  return { status: response.status, text: await response.text() };
}

interface Body {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}
const bodyOf = (answer: { text: string }) => JSON.parse(answer.text) as Body;

async function compiledSoFar(api: TestApi): Promise<number> {
  const text = await (await fetch(`${api.server.metricsUrl}/metrics`)).text();
  const line = /^rattrapage_graphql_compiled_documents (\d+)$/m.exec(text);
  if (line === null) throw new Error('no rattrapage_graphql_compiled_documents in /metrics');
  return Number(line[1]);
}

/** Who asks each web query, and with what: the web's own pages, as their users. */
function askerOf(text: string): { who: Who; variables: Record<string, unknown> } {
  const name = /^query (\w+)/.exec(text)?.[1] ?? '';
  if (name.startsWith('School'))
    return {
      who: 'SCHOOL',
      variables: { year: 2024, first: 20, id: '00000000-0000-0000-0000-000000000000' },
    };
  if (name.startsWith('Candidate') && name !== 'CandidateCalendar')
    return { who: 'CANDIDATE', variables: {} };
  return {
    who: 'anonymous',
    variables: { year: 2024, specialtyCode: 'MCO', code: 'ABCD-EFGH', token: 'x'.repeat(43) },
  };
}

const WEB_QUERIES = Object.values(webManifest).filter((text) => text.startsWith('query '));

/** A partner's program: a page of its candidates with their marks (the bench's paging). */
const ACADEMY_PAGE = `query AcademyPage($after: String) {
  candidates(year: 2024, first: 5, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { number lastName firstName firstGroup {
      outcome reason
      overallAverage { hundredths display }
      professionalAverage { hundredths }
      marks { test { code name } status mark { hundredths } }
    } } }
  }
}`;

describe.each(backendsUnderTest())(
  'documents executed through a compiled plan, on %s',
  (backend) => {
    let api: TestApi;
    let tokens: Record<Who, string | null>;

    beforeAll(async () => {
      // Production's rule: the first execution of a document is graphql-js's, the second the plan's.
      api = await startTestApi(backend, { at: NOW, compileDocumentsAfter: 2, exploration: true });
      tokens = await roleTokens(api, 'compiled-execution');
    });
    afterAll(async () => {
      await api.close();
    });

    it('answers every web query as graphql-js does, byte for byte', async () => {
      expect(WEB_QUERIES.length).toBeGreaterThanOrEqual(10);
      for (const query of WEB_QUERIES) {
        const { who, variables } = askerOf(query);
        const before = await compiledSoFar(api);
        const interpreted = await ask(api, { query, variables }, tokens[who]);
        expect(await compiledSoFar(api), query).toBe(before);
        const compiled = await ask(api, { query, variables }, tokens[who]);
        expect(await compiledSoFar(api), query).toBe(before + 1);
        expect(compiled, query).toEqual(interpreted);
        // A third time runs the same plan, compiled once.
        expect(await ask(api, { query, variables }, tokens[who]), query).toEqual(interpreted);
        expect(await compiledSoFar(api), query).toBe(before + 1);
      }
    });

    it('pages an académie’s candidates, errors and nulls included, as graphql-js does', async () => {
      let after: string | null = null;
      let pages = 0;
      do {
        const interpreted = await ask(
          api,
          { query: ACADEMY_PAGE, variables: { after } },
          tokens.API_TOKEN,
        );
        const compiled = await ask(
          api,
          { query: ACADEMY_PAGE, variables: { after } },
          tokens.API_TOKEN,
        );
        expect(compiled).toEqual(interpreted);
        const body = JSON.parse(compiled.text) as {
          data: { candidates: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        };
        expect(body.data.candidates).toBeTruthy();
        after = body.data.candidates.pageInfo.hasNextPage
          ? body.data.candidates.pageInfo.endCursor
          : null;
        pages += 1;
      } while (after !== null);
      expect(pages).toBeGreaterThan(1);
      // Denied fields and refused arguments: the same errors, at the same paths.
      const refused = `{ candidates(year: 2024, first: 100000) { totalCount } viewer { role } }`;
      const once = await ask(api, { query: refused }, tokens.SCHOOL);
      expect(await ask(api, { query: refused }, tokens.SCHOOL)).toEqual(once);
      expect(bodyOf(once).errors?.length).toBeGreaterThan(0);
    });

    it('answers introspection as graphql-js does', async () => {
      const query = `query Introspect { __schema { queryType { name } types { name kind fields { name args { name defaultValue } } } } __type(name: "Candidate") { name } }`;
      const interpreted = await ask(api, { query }, null);
      expect(interpreted.status).toBe(200);
      expect(await ask(api, { query }, null)).toEqual(interpreted);
    });

    it('keeps hostile names and literals as data, never as code', async () => {
      // JavaScript's reserved words and an object's special keys as aliases,
      // quotes, backslashes and template syntax in a literal.
      const query = `query Hostile {
      constructor: clock { demo }
      import: __typename
      prototype: __typename
      hasOwnProperty: __typename
      verifyAttestation(code: "\\"); globalThis.compiledPwned = 1; //\\u2028\${globalThis}\`") { year }
    }`;
      const before = await compiledSoFar(api);
      const interpreted = await ask(api, { query }, null);
      const compiled = await ask(api, { query }, null);
      expect(await compiledSoFar(api)).toBe(before + 1);
      expect(compiled).toEqual(interpreted);
      expect((globalThis as { compiledPwned?: number }).compiledPwned).toBeUndefined();
      const data = bodyOf(compiled).data ?? {};
      expect(Object.keys(data)).toEqual([
        'constructor',
        'import',
        'prototype',
        'hasOwnProperty',
        'verifyAttestation',
      ]);
      expect(data['import']).toBe('Query');
    });

    it('never compiles a literal that graphql-jit would splice into its code as a date', async () => {
      // graphql-jit writes literal arguments into the generated function with
      // JSON.stringify, then turns its own date marker back into `new Date(…)`
      // with whatever follows the marker: a literal carrying the marker would
      // be code. Such a document is left to graphql-js.
      const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
      const query = `query Marker { verifyAttestation(code: "${marker}0), [globalThis.markerPwned = 1]: (0") { year } }`;
      const before = await compiledSoFar(api);
      const first = await ask(api, { query }, null);
      expect(await ask(api, { query }, null)).toEqual(first);
      expect(await ask(api, { query }, null)).toEqual(first);
      expect((globalThis as { markerPwned?: number }).markerPwned).toBeUndefined();
      expect(await compiledSoFar(api)).toBe(before);
      expect(JSON.parse(first.text)).toEqual({ data: { verifyAttestation: null } });
    });

    it('leaves a document naming __proto__ to graphql-js, which keeps the order asked', async () => {
      const query = 'query Proto { clock { now } __proto__: clock { demo } last: __typename }';
      const before = await compiledSoFar(api);
      const first = await ask(api, { query }, null);
      expect(await ask(api, { query }, null)).toEqual(first);
      expect(await compiledSoFar(api)).toBe(before);
      expect(first.text).toMatch(
        /^\{"data":\{"clock":\{[^}]*\},"__proto__":\{"demo":true\},"last":"Query"\}\}/,
      );
    });

    it('refuses variables that do not coerce as the client’s fault, compiled or not', async () => {
      const query = 'query Years($year: Int!) { examSession(year: $year) { year } }';
      const good = await ask(api, { query, variables: { year: 2024 } }, null);
      const compiledBefore = await compiledSoFar(api);
      expect(await ask(api, { query, variables: { year: 2024 } }, null)).toEqual(good);
      expect(await compiledSoFar(api)).toBe(compiledBefore + 1);
      for (const variables of [{ year: 'deux mille' }, {}, { year: 2 ** 40 }, { year: null }]) {
        const refused = await ask(api, { query, variables }, null);
        expect(refused.status, JSON.stringify(variables)).toBe(400);
        const error = bodyOf(refused).errors?.[0];
        expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error?.message).toMatch(/^La variable (obligatoire )?« \$year »/);
      }
    });

    it('keeps one plan per operation of a document, chosen by name', async () => {
      const query = 'query A { clock { demo } } query B { examSessions { year } }';
      const before = await compiledSoFar(api);
      const a = await ask(api, { query, operationName: 'A' }, null);
      const b = await ask(api, { query, operationName: 'B' }, null);
      expect(await compiledSoFar(api)).toBe(before);
      expect(await ask(api, { query, operationName: 'A' }, null)).toEqual(a);
      expect(await ask(api, { query, operationName: 'B' }, null)).toEqual(b);
      expect(await compiledSoFar(api)).toBe(before + 2);
      expect(JSON.parse(a.text)).toEqual({ data: { clock: { demo: true } } });
      expect(bodyOf(b).data?.['examSessions']).toContainEqual({ year: 2024 });
    });
  },
);
