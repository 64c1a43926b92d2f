import fc from 'fast-check';
import { Kind, Lexer, Source, TokenKind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, LimitsWalk, documentSizeProblem } from '../../src/http/query-limits.ts';
import { createApp } from '../../src/server.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

/** `query { ...F0 }`, each fragment spreading the next one twice, the last reading the clock. */
function doublingFragments(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on Query { clock { now } }`
      : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query { ...F0 } ${fragments.join(' ')}`;
}

function tokensOf(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n += 1;
  return n;
}

/** Walks every operation of a document as the validation rule does; returns the steps taken. */
function stepsFor(text: string): number {
  const document = parse(text);
  const walk = new LimitsWalk(document);
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION)
      walk.measureOperation(definition.selectionSet);
  return walk.steps;
}

describe('the limits walk', () => {
  it('walks the 23-level doubling document in steps linear in its size, and counts 2^22 fields', () => {
    const text = doublingFragments(23);
    expect(text.length).toBeLessThanOrEqual(907);
    const document = parse(text);
    const walk = new LimitsWalk(document);
    const operation = document.definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
    const measure = walk.measureOperation(operation.selectionSet);
    expect(measure.fields).toBe(2 ** 22 * 2);
    // One step per selection written in the document: 1 + 2×22 + 2.
    expect(walk.steps).toBe(47);
  });

  // Shapes an attacker would write: nested fragments spread several times,
  // inline fragments, aliases and directives, at every depth.
  const name = fc.constantFrom('clock', 'now', 'demo', 'academies', 'code', 'name', 'x');
  const selection: fc.Memo<string> = fc.memo((n) =>
    n <= 1
      ? fc.oneof(
          name,
          fc.tuple(name, name).map(([a, f]) => `${a}: ${f}`),
          fc.integer({ min: 0, max: 7 }).map((i) => `...G${i}`),
        )
      : fc.oneof(
          name,
          fc.integer({ min: 0, max: 7 }).map((i) => `...G${i}`),
          fc
            .tuple(name, fc.array(selection(n - 1), { minLength: 1, maxLength: 4 }))
            .map(([f, inner]) => `${f} { ${inner.join(' ')} }`),
          fc
            .array(selection(n - 1), { minLength: 1, maxLength: 4 })
            .map((inner) => `... on Query @include(if: true) { ${inner.join(' ')} }`),
          fc
            .tuple(name, name, fc.array(selection(n - 1), { minLength: 1, maxLength: 3 }))
            .map(([a, f, inner]) => `${a}: ${f} @skip(if: false) { ${inner.join(' ')} }`),
        ),
  );
  const body = fc.array(selection(4), { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));
  const document = fc
    .tuple(body, fc.array(body, { minLength: 8, maxLength: 8 }), fc.integer({ min: 1, max: 3 }))
    .map(
      ([operation, fragments, operations]) =>
        Array.from({ length: operations }, (_, i) => `query Q${i} { ${operation} }`).join(' ') +
        ' ' +
        fragments.map((f, i) => `fragment G${i} on Query { ${f} }`).join(' '),
    );

  it('never takes more steps than the document has tokens, whatever its shape (cycles included)', () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(stepsFor(text)).toBeLessThanOrEqual(tokensOf(text));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses by the lexer alone a document over the token or spread bounds', () => {
    expect(documentSizeProblem(doublingFragments(23))).toBeNull();
    const longest = `{ ${'__typename '.repeat(LIMITS.maxTokens - 2)}}`;
    expect(documentSizeProblem(longest)).toBeNull();
    expect(documentSizeProblem(`{ ${'__typename '.repeat(LIMITS.maxTokens - 1)}}`)).toMatch(
      /^Requête trop longue : plus de 10000 jetons\.$/,
    );
    const spreads = (n: number) =>
      `{ ...F${' ...F'.repeat(n - 1)} } fragment F on Query { __typename }`;
    expect(documentSizeProblem(spreads(LIMITS.maxSpreads))).toBeNull();
    expect(documentSizeProblem(spreads(LIMITS.maxSpreads + 1))).toMatch(
      /^Requête trop coûteuse : plus de 500 fragments\.$/,
    );
  });
});

describe('the API against a fragment bomb', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { candidates: 0, mode: 'production' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('refuses the 907-byte anonymous doubling query as too complex, and keeps answering', async () => {
    const r = await api.gql(doublingFragments(23));
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors?.[0]?.message).toContain('plus d’un million de champs > 2000');
    const after = await api.gql('{ __typename }');
    expect(after.data).toEqual({ __typename: 'Query' });
  });

  it('bounds the parser too, for any path that skips the HTTP check', async () => {
    const { apollo } = await createApp({
      db: api.database.db,
      clock: api.clock,
      config: { mode: 'production', sessionHours: 12 },
      isMigrated: () => Promise.resolve(true),
    });
    try {
      const reply = await apollo.executeOperation({
        query: `{ ${'x '.repeat(LIMITS.maxTokens)}}`,
      });
      const errors = reply.body.kind === 'single' ? reply.body.singleResult.errors : undefined;
      expect(errors).toEqual([
        {
          message: 'Requête trop longue : plus de 10000 jetons.',
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        },
      ]);
    } finally {
      await apollo.stop();
    }
  });

  it('refuses a document past the token bound before parsing it, by POST and by GET', async () => {
    const long = `{ ${'x '.repeat(LIMITS.maxTokens)}}`;
    const posted = await api.gql(long);
    expect(posted.status).toBe(400);
    expect(posted.errors?.[0]).toEqual({
      message: 'Requête trop longue : plus de 10000 jetons.',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    const spreads = `{ ${'...F '.repeat(LIMITS.maxSpreads + 1)}} fragment F on Query { __typename }`;
    const got = await fetch(`${api.url}/graphql?query=${encodeURIComponent(spreads)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(got.status).toBe(400);
    expect(
      ((await got.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions
        .code,
    ).toBe('QUERY_TOO_COMPLEX');
  });
});
