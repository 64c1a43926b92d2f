import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.ts';
import { LIMITS } from '../../src/http/query-limits.ts';
import {
  TrustedDocuments,
  UNKNOWN_DOCUMENT,
  UNTRUSTED_DOCUMENT,
  documentIdOf,
} from '../../src/http/trusted-documents.ts';
import { type TestApi, postGraphqlBody, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { webDocument, webManifest } from '../support/web-documents.ts';

const NOW = new Date('2024-06-28T09:00:00.000Z');

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(api: TestApi, body: unknown, token: string | null): Promise<Answer> {
  const response = await postGraphqlBody(api, body, token);
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

const AD_HOC_QUERY = '{ viewer { identifier role } }';

describe('the trusted-documents manifest', () => {
  it('holds every document the web sends, each valid against the schema', () => {
    const documents = Object.entries(webManifest);
    expect(documents.length).toBeGreaterThanOrEqual(16);
    for (const [id, text] of documents) {
      expect(documentIdOf(text)).toBe(id);
      expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
    }
  });

  it('is refused when an id is not the hash of its text', () => {
    const [id] = Object.keys(webManifest);
    expect(() =>
      TrustedDocuments.fromManifest({ [id as string]: 'query Other { clock { now } }' }),
    ).toThrow(/not the SHA-256/);
    expect(() => TrustedDocuments.fromManifest(['query { clock { now } }'])).toThrow();
  });

  it('is refused when a document is past the limits every request is held to', () => {
    // Requests skip the lexer's check for the manifest's texts: it is made here.
    const tooLong = `{ ${'__typename '.repeat(LIMITS.maxTokens)}}`;
    expect(() => TrustedDocuments.fromManifest({ [documentIdOf(tooLong)]: tooLong })).toThrow(
      /Requête trop longue/,
    );
    const spreads = `{ ...F${' ...F'.repeat(LIMITS.maxSpreads)} } fragment F on Query { __typename }`;
    expect(() => TrustedDocuments.fromManifest({ [documentIdOf(spreads)]: spreads })).toThrow(
      /Requête trop coûteuse/,
    );
  });

  it('allows a text equal to one of its documents, and no other', () => {
    const trusted = TrustedDocuments.fromManifest(webManifest);
    for (const text of Object.values(webManifest)) {
      // Another string with the same characters, as a request's body gives it.
      expect(trusted.allows(JSON.parse(JSON.stringify(text)) as string)).toBe(true);
      expect(trusted.allows(`${text} `)).toBe(false);
      expect(trusted.allows(text.replace('{', '{ '))).toBe(false);
      expect(trusted.allows(text.slice(0, -1))).toBe(false);
    }
    expect(trusted.allows(AD_HOC_QUERY)).toBe(false);
    expect(trusted.allows('')).toBe(false);
  });
});

describe.each(backendsUnderTest())('trusted documents, on %s', (backend) => {
  let api: TestApi;
  let open: TestApi;
  const tokens: Record<'candidate' | 'school' | 'academy', string> = {
    candidate: '',
    school: '',
    academy: '',
  };

  beforeAll(async () => {
    [api, open] = await Promise.all([
      startTestApi(backend, { at: NOW, config: { enforceTrustedDocuments: true } }),
      startTestApi(backend, { at: NOW }),
    ]);
    tokens.candidate = await api.logIn('candidat.demo');
    tokens.school = await api.logIn('etablissement.demo');
    tokens.academy = await api.logIn('academie.demo');
  });
  afterAll(async () => {
    await Promise.all([api.close(), open.close()]);
  });

  it.each(['candidate', 'school'] as const)(
    'refuses a document of its own from a %s session, before execution',
    async (who) => {
      const r = await post(api, { query: AD_HOC_QUERY }, tokens[who]);
      expect(r.status).toBe(403);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]?.extensions?.code).toBe(UNTRUSTED_DOCUMENT);
      expect(r.errors?.[0]?.message).toMatch(/requêtes du site/);
    },
  );

  it('runs nothing of a refused mutation: an ad-hoc log-out leaves the session open', async () => {
    const refused = await post(api, { query: 'mutation Out { logOut }' }, tokens.candidate);
    expect(refused.errors?.[0]?.extensions?.code).toBe(UNTRUSTED_DOCUMENT);
    const still = await post(api, { documentId: webDocument('Layout').id }, tokens.candidate);
    expect(still.errors).toBeUndefined();
    expect((still.data?.['viewer'] as { role: string } | null)?.role).toBe('CANDIDATE');
  });

  it('runs the web’s documents by id for candidates and schools', async () => {
    const space = await post(
      api,
      { documentId: webDocument('CandidateSpace').id, variables: {} },
      tokens.candidate,
    );
    expect(space.status).toBe(200);
    expect(space.errors).toBeUndefined();
    const viewer = space.data?.['viewer'] as { candidate: { number: string } | null };
    expect(viewer.candidate?.number).toMatch(/^\d+$/);

    const school = await post(
      api,
      { documentId: webDocument('SchoolViewer').id, variables: {} },
      tokens.school,
    );
    expect(school.errors).toBeUndefined();
    expect((school.data?.['viewer'] as { role: string }).role).toBe('SCHOOL');
  });

  it('accepts a trusted document sent as text, byte for byte, and nothing else', async () => {
    const { text } = webDocument('Layout');
    const exact = await post(api, { query: text }, tokens.candidate);
    expect(exact.errors).toBeUndefined();
    const reformatted = await post(api, { query: `${text}\n` }, tokens.candidate);
    expect(reformatted.errors?.[0]?.extensions?.code).toBe(UNTRUSTED_DOCUMENT);
  });

  it('leaves académies and anonymous visitors free to write their own documents', async () => {
    const academy = await post(api, { query: AD_HOC_QUERY }, tokens.academy);
    expect(academy.errors).toBeUndefined();
    expect((academy.data?.['viewer'] as { role: string }).role).toBe('ACADEMY');
    const anonymous = await post(api, { query: '{ clock { now } }' }, null);
    expect(anonymous.errors).toBeUndefined();
  });

  it('answers an unknown id, or an id with a text, with a typed 400', async () => {
    const unknown = await post(api, { documentId: documentIdOf('{ clock { now } }') }, null);
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0]?.extensions?.code).toBe(UNKNOWN_DOCUMENT);
    const garbage = await post(api, { documentId: 42 }, null);
    expect(garbage.errors?.[0]?.extensions?.code).toBe(UNKNOWN_DOCUMENT);
    const both = await post(
      api,
      { documentId: webDocument('Layout').id, query: AD_HOC_QUERY },
      tokens.candidate,
    );
    expect(both.status).toBe(400);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('is what refuses: with enforcement off the same session may send its own', async () => {
    const token = await open.logIn('candidat.demo');
    const r = await post(open, { query: AD_HOC_QUERY }, token);
    expect(r.errors).toBeUndefined();
    expect((r.data?.['viewer'] as { role: string }).role).toBe('CANDIDATE');
  });
});
