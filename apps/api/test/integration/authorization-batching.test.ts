import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { type Who, roleTokens } from '../support/role-tokens.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { expectNothingChanged, fingerprint } from '../fuzz/database-fingerprint.ts';
import { expectWellFormed } from '../fuzz/error-hygiene.ts';
import { globalIdOf, nastyString, runs } from '../fuzz/fuzz-values.ts';
import type { CandidateRow } from '../../src/repositories/candidate-rows.ts';

/**
 * The authorization matrix (authorization.test.ts) asks one field per
 * request with well-formed IDs. Here the same scopes are attacked the other
 * ways a client can shape a request: forged and malformed global IDs for
 * `node`, many aliases in one request, several operations in one HTTP body
 * (batching), mutations over GET, and credentials in a cookie. Every answer
 * must stay within the viewer's scope, and a refused request must run
 * nothing at all.
 */

// Batch A (MCO, NDRC): results published and the choice window open.
const NOW = new Date('2024-06-28T09:00:00.000Z');

const EVERYONE: readonly Who[] = [
  'anonymous',
  'CANDIDATE',
  'SCHOOL',
  'ACADEMY',
  'PILOT',
  'API_TOKEN',
];

type Row = Pick<
  CandidateRow,
  'id' | 'number' | 'origin_academy_code' | 'school_uai' | 'specialty_code'
>;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const NODE = 'query($id: ID!) { node(id: $id) { __typename id ... on Candidate { number } } }';
const CANDIDATE = 'query($id: ID!) { candidate(id: $id) { id number } }';
const CHOOSE = `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) {
  __typename ... on Error { code message } } }`;
const RECORD = `mutation($id: ID!) { recordControlMark(candidateId: $id, testCode: "E1", hundredths: 1200) {
  __typename ... on Error { code message } } }`;
const ACCOMMODATE = `mutation($id: ID!) { setAccommodation(candidateId: $id, accommodation: { accessibleRoomRequired: true }) {
  __typename ... on Error { code message } } }`;

describe.each(backendsUnderTest())(
  'authorization under forged IDs, aliases and batches, on %s',
  (backend) => {
    let api: TestApi;
    let tokens: Record<Who, string | null>;
    let rows: Row[];
    let own: Row;
    let otherIds: { school: string; account: string };
    let eligible: string[];

    /** Whether `who` may see the candidate: the rule of access/viewer.ts, restated from the table. */
    const inScope = (who: Who, row: Row): boolean => {
      switch (who) {
        case 'anonymous':
          return false;
        case 'CANDIDATE':
          return row.id === own.id;
        case 'SCHOOL':
          return row.school_uai === own.school_uai;
        case 'ACADEMY':
        case 'API_TOKEN':
          return row.origin_academy_code === '12';
        case 'PILOT':
          return true;
      }
    };
    const idOf = (row: Row) => globalIdOf('Candidate', row.id);
    const outOfScope = (who: Who) => rows.filter((r) => !inScope(who, r));

    async function post(body: unknown, token: string | null, headers: Record<string, string> = {}) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    }

    async function get(query: string, variables: object, headers: Record<string, string>) {
      const params = new URLSearchParams({ query, variables: JSON.stringify(variables) });
      const response = await fetch(`${api.url}/graphql?${params.toString()}`, { headers });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as GraphQLBody };
    }

    async function throttleRows() {
      return api.database.db
        .selectFrom('login_throttle')
        .select(['key', 'failures'])
        .orderBy('key')
        .execute();
    }

    beforeAll(async () => {
      api = await startTestApi(backend, { at: NOW, candidates: 80, mode: 'production' });
      tokens = await roleTokens(api, 'authorization batching test');
      rows = await api.database.db
        .selectFrom('candidates')
        .select(['id', 'number', 'origin_academy_code', 'school_uai', 'specialty_code'])
        .where('year', '=', 2024)
        .orderBy('number')
        .execute();
      const account = await api.database.db
        .selectFrom('accounts')
        .select(['id', 'candidate_id'])
        .where('identifier', '=', 'candidat.demo')
        .executeTakeFirstOrThrow();
      const me = rows.find((r) => r.id === account.candidate_id);
      if (me === undefined) throw new Error('candidat.demo has no candidate');
      own = me;
      otherIds = { school: own.school_uai ?? '', account: account.id };
      const control = await api.gql<{
        viewer: { candidate: { control: { eligibleTests: { code: string }[] } } };
      }>('{ viewer { candidate { control { eligibleTests { code } } } } }', {}, tokens.CANDIDATE);
      eligible = control.data?.viewer.candidate.control.eligibleTests.map((t) => t.code) ?? [];
      if (eligible.length < 2) throw new Error('candidat.demo cannot choose');
    });
    afterAll(async () => {
      await api.close();
    });

    describe('node(id:)', () => {
      /** IDs of every shape a client can forge, with the candidate row they name, if any. */
      const forgedIds = (who: Who) => {
        const visible = rows.filter((r) => inScope(who, r));
        // Half the candidates drawn are the viewer's, or a role seeing one would rarely meet it.
        const row =
          visible.length === 0
            ? fc.constantFrom(...rows)
            : fc.oneof(fc.constantFrom(...visible), fc.constantFrom(...rows));
        return fc.oneof(
          row.map((r) => ({ id: idOf(r), row: r })),
          // The same candidate spelled otherwise: upper-case UUID, base64url, no padding.
          row.map((r) => ({ id: globalIdOf('Candidate', r.id.toUpperCase()), row: r })),
          row.map((r) => ({ id: idOf(r).replaceAll('=', ''), row: r })),
          row.map((r) => ({ id: Buffer.from(`Candidate:${r.id}`).toString('base64url'), row: r })),
          // Another type's ID, a sequential number, a UUID of nobody, garbage.
          fc
            .constantFrom(
              `School:${otherIds.school}`,
              `Account:${otherIds.account}`,
              'Specialty:MCO',
              'Test:E1',
              'ExamSession:2024',
              'Academy:12',
              'Candidate:',
              'candidate:1',
              ':',
            )
            .map((text) => ({ id: Buffer.from(text).toString('base64'), row: null })),
          fc
            .nat({ max: 10_000 })
            .map((n) => ({ id: globalIdOf('Candidate', String(n)), row: null })),
          fc.uuid().map((uuid) => ({ id: globalIdOf('Candidate', uuid), row: null })),
          row.map((r) => ({ id: globalIdOf('Candidate', `${r.id}:x`), row: null })),
          row.map((r) => ({ id: globalIdOf('Candidate', ` ${r.id}`), row: null })),
          fc.base64String({ maxLength: 80 }).map((id) => ({ id, row: null })),
          nastyString.map((id) => ({ id, row: null })),
        );
      };

      it.each(EVERYONE)(
        'as %s: a forged ID answers null or BAD_USER_INPUT, never a candidate out of scope',
        async (who) => {
          let found = 0;
          await fc.assert(
            fc.asyncProperty(forgedIds(who), async ({ id, row }) => {
              const reply = await api.gql<{ node: { id: string; number: string } | null }>(
                NODE,
                { id },
                tokens[who],
              );
              expectWellFormed(reply, { id }, `node as ${who}`);
              const node = reply.data?.node ?? null;
              if (reply.errors !== undefined) {
                expect(reply.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
                expect(node).toBeNull();
                return;
              }
              if (node === null) {
                // Null is right for anything but a candidate of the scope, by its own ID.
                if (row !== null && id === idOf(row)) expect(inScope(who, row)).toBe(false);
                return;
              }
              found += 1;
              const shown = rows.find((r) => idOf(r) === node.id);
              expect(shown, `node as ${who} showed ${node.id}`).toBeDefined();
              expect(
                shown !== undefined && inScope(who, shown),
                `out of scope: ${node.number}`,
              ).toBe(true);
              expect(shown?.id.toLowerCase()).toBe(row?.id.toLowerCase());
            }),
            { numRuns: runs(120) },
          );
          // Every role but nobody sees someone: the property was not only about nulls.
          if (who !== 'anonymous') expect(found).toBeGreaterThan(0);
        },
      );

      it.each(EVERYONE.filter((w) => w !== 'PILOT'))(
        'as %s: a candidate out of scope answers exactly as one that does not exist',
        async (who) => {
          const hidden = outOfScope(who);
          const pairs = fc.tuple(fc.constantFrom(...hidden), fc.uuid());
          await fc.assert(
            fc.asyncProperty(pairs, async ([row, uuid]) => {
              for (const query of [NODE, CANDIDATE]) {
                const exists = await post({ query, variables: { id: idOf(row) } }, tokens[who]);
                const nobody = await post(
                  { query, variables: { id: globalIdOf('Candidate', uuid) } },
                  tokens[who],
                );
                expect(exists).toEqual(nobody);
              }
              // The pilot sees everyone: the others each have a mutation taking a candidate.
              const mutations =
                who === 'ACADEMY' || who === 'API_TOKEN'
                  ? [
                      { query: RECORD, variables: {} },
                      { query: ACCOMMODATE, variables: {} },
                    ]
                  : [{ query: CHOOSE, variables: { codes: eligible.slice(0, 2) } }];
              for (const { query, variables } of mutations) {
                const before = await fingerprint(api.database.db);
                const exists = await post(
                  { query, variables: { ...variables, id: idOf(row) } },
                  tokens[who],
                );
                const nobody = await post(
                  { query, variables: { ...variables, id: globalIdOf('Candidate', uuid) } },
                  tokens[who],
                );
                expect(exists).toEqual(nobody);
                expect(exists.body.errors?.[0]?.extensions?.code).toMatch(
                  /^(FORBIDDEN|UNAUTHENTICATED)$/,
                );
                expectNothingChanged(
                  before,
                  await fingerprint(api.database.db),
                  `${who} on ${row.number}`,
                );
              }
            }),
            { numRuns: runs(15) },
          );
        },
      );

      it('has no nodes(ids:) field: a list of IDs would need the same checks', async () => {
        // Production mode answers no introspection: the schema itself says.
        const fields = Object.keys(schema.getQueryType()?.getFields() ?? {});
        expect(fields).toContain('node');
        expect(fields).not.toContain('nodes');
        const r = await api.gql('{ nodes(ids: ["x"]) { id } }', {}, tokens.PILOT);
        expect(r.status).toBe(400);
        expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      });
    });

    describe('aliases', () => {
      it.each(EVERYONE.filter((w) => w !== 'anonymous'))(
        'as %s: each of 30 aliases answers what the field alone answers, within the scope',
        async (who) => {
          const inside = rows.filter((r) => inScope(who, r)).slice(0, 5);
          const outside = outOfScope(who).slice(0, 5);
          const targets = [...inside, ...outside];
          const filters = [
            { originAcademyCode: '12' },
            { originAcademyCode: '19' },
            { schoolUai: own.school_uai },
            { specialtyCode: 'MCO' },
            { specialtyCode: 'NDRC', originAcademyCode: '12' },
          ];
          const fields = [
            ...targets.map((r, i) => ({
              alias: `c${i}`,
              text: `c${i}: candidate(id: "${idOf(r)}") { id number }`,
              alone: `{ candidate(id: "${idOf(r)}") { id number } }`,
              field: 'candidate',
            })),
            ...targets.map((r, i) => ({
              alias: `n${i}`,
              text: `n${i}: node(id: "${idOf(r)}") { id }`,
              alone: `{ node(id: "${idOf(r)}") { id } }`,
              field: 'node',
            })),
            ...filters.map((f, i) => {
              const args = `year: 2024, first: 500, filter: ${JSON.stringify(f).replace(/"(\w+)":/g, '$1:')}`;
              return {
                alias: `l${i}`,
                text: `l${i}: candidates(${args}) { totalCount edges { node { id } } }`,
                alone: `{ candidates(${args}) { totalCount edges { node { id } } } }`,
                field: 'candidates',
              };
            }),
          ];
          expect(fields.length).toBeLessThanOrEqual(30);
          const all = await api.gql(`{ ${fields.map((f) => f.text).join(' ')} }`, {}, tokens[who]);
          expect(all.errors).toBeUndefined();
          for (const f of fields) {
            const alone = await api.gql(f.alone, {}, tokens[who]);
            expect(all.data?.[f.alias], f.alias).toEqual(alone.data?.[f.field]);
          }
          // And what they show is within the scope, by the table.
          for (const [i, r] of targets.entries()) {
            const shown = all.data?.[`c${i}`] as { number: string } | null;
            expect(shown === null ? null : shown.number).toBe(inScope(who, r) ? r.number : null);
            expect(all.data?.[`n${i}`] === null).toBe(!inScope(who, r));
          }
          for (const [i, f] of filters.entries()) {
            const page = all.data?.[`l${i}`] as { totalCount: number };
            const expected = rows.filter(
              (r) =>
                inScope(who, r) &&
                ('originAcademyCode' in f ? r.origin_academy_code === f.originAcademyCode : true) &&
                ('schoolUai' in f ? r.school_uai === f.schoolUai : true) &&
                ('specialtyCode' in f ? r.specialty_code === f.specialtyCode : true),
            ).length;
            expect(page.totalCount, `filter ${JSON.stringify(f)}`).toBe(expected);
          }
        },
      );

      it('refuses 31 aliased candidate fields whole, with no data', async () => {
        const many = Array.from(
          { length: 31 },
          (_, i) => `a${i}: candidate(id: "${idOf(own)}") { id }`,
        );
        const r = await api.gql(`{ ${many.join(' ')} }`, {}, tokens.PILOT);
        expect(r.status).toBe(400);
        expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
        expect(r.data).toBeUndefined();
      });

      const wrong = (i: number) =>
        `logIn(identifier: "academie.demo", password: "faux-${i}") { __typename }`;
      it.each([
        ['two aliases', `mutation { a: ${wrong(1)} b: ${wrong(2)} }`],
        ['an alias and the field', `mutation { ${wrong(1)} b: ${wrong(2)} }`],
        [
          'a named fragment spread twice',
          `mutation { ...A ...B } fragment A on Mutation { a: ${wrong(1)} } fragment B on Mutation { b: ${wrong(2)} }`,
        ],
        [
          'inline fragments',
          `mutation { ... on Mutation { a: ${wrong(1)} } ... on Mutation { b: ${wrong(2)} } }`,
        ],
        [
          'a skipped alias',
          `mutation { a: ${wrong(1)} b: logIn(identifier: "x", password: "y") @skip(if: true) { __typename } }`,
        ],
        [
          'a reset request beside',
          `mutation { a: ${wrong(1)} b: requestPasswordReset(identifier: "academie.demo") }`,
        ],
      ])('counts no password attempt when logIn is multiplied: %s', async (_label, query) => {
        await api.database.db.deleteFrom('login_throttle').execute();
        const r = await api.gql(query);
        expect(r.status).toBe(400);
        expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
        expect(await throttleRows()).toEqual([]);
      });

      it('counts exactly one attempt for one aliased logIn, and for one of two operations', async () => {
        await api.database.db.deleteFrom('login_throttle').execute();
        const one = await api.gql<{ a: { __typename: string } }>(`mutation { a: ${wrong(1)} }`);
        expect(one.data?.a.__typename).toBe('InvalidCredentials');
        const counted = await throttleRows();
        expect(counted.map((r) => r.failures)).toEqual([1, 1]);
        expect(counted.map((r) => r.key.split(':')[0])).toEqual(['id', 'ip']);

        await api.database.db.deleteFrom('login_throttle').execute();
        const chosen = await post(
          {
            query: `mutation A { a: ${wrong(1)} } mutation B { b: ${wrong(2)} }`,
            operationName: 'B',
          },
          null,
        );
        expect(chosen.body.data).toEqual({ b: { __typename: 'InvalidCredentials' } });
        expect((await throttleRows()).map((r) => r.failures)).toEqual([1, 1]);
        await api.database.db.deleteFrom('login_throttle').execute();
      });
    });

    describe('batches, GET and cookies', () => {
      const choose = () => ({
        query: CHOOSE,
        variables: { id: idOf(own), codes: eligible.slice(0, 2) },
      });
      const logIn = (i: number) => ({ query: `mutation { ${wrong(i)} }` });
      function wrong(i: number) {
        return `logIn(identifier: "candidat.demo", password: "faux-${i}") { __typename }`;
      }

      it('refuses a JSON array of operations with a 4xx and a stable code, and runs none of them', async () => {
        await api.database.db.deleteFrom('login_throttle').execute();
        await api.database.db
          .deleteFrom('control_choices')
          .where('candidate_id', '=', own.id)
          .execute();
        for (const batch of [[choose(), logIn(1), logIn(2)], [logIn(3)], [choose()], []]) {
          const before = await fingerprint(api.database.db);
          const r = await post(batch, tokens.CANDIDATE);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
          expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
          expect(r.body.data).toBeUndefined();
          expectNothingChanged(
            before,
            await fingerprint(api.database.db),
            `batch of ${batch.length}`,
          );
        }
        expect(await throttleRows()).toEqual([]);
        // The same choice alone is accepted: the batch, not the choice, was refused.
        const alone = await post(choose(), tokens.CANDIDATE);
        expect(alone.body.data).toEqual({ chooseControlTests: { __typename: 'ControlChoice' } });
      });

      it('refuses mutations over GET, with or without a preflight header, and runs nothing', async () => {
        await api.database.db.deleteFrom('login_throttle').execute();
        const session = await api.logIn('etablissement.demo');
        for (const [query, variables] of [
          [choose().query, choose().variables],
          ['mutation { logOut }', {}],
          [`mutation { ${wrong(1)} }`, {}],
        ] as const) {
          for (const preflight of [true, false]) {
            const before = await fingerprint(api.database.db);
            const r = await get(query, variables, {
              authorization: `Bearer ${session}`,
              ...(preflight ? { 'apollo-require-preflight': 'true' } : {}),
            });
            expect(r.status, `${query} preflight=${preflight}`).toBeGreaterThanOrEqual(400);
            expect(r.status).toBeLessThan(500);
            expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
            expect(r.body.data).toBeUndefined();
            expectNothingChanged(before, await fingerprint(api.database.db), `GET ${query}`);
          }
        }
        // The session GET tried to log out still works.
        const still = await api.gql<{ viewer: { role: string } }>(
          '{ viewer { role } }',
          {},
          session,
        );
        expect(still.data?.viewer.role).toBe('SCHOOL');
      });

      it.each(EVERYONE)('as %s: a GET query sees exactly what a POST sees', async (who) => {
        const hidden = outOfScope(who)[0];
        const query = `query($id: ID!) { viewer { role } candidates(year: 2024) { totalCount } node(id: $id) { id } }`;
        const variables = { id: hidden === undefined ? idOf(own) : idOf(hidden) };
        const headers: Record<string, string> = { 'apollo-require-preflight': 'true' };
        const token = tokens[who];
        if (token !== null) headers['authorization'] = `Bearer ${token}`;
        const viaGet = await get(query, variables, headers);
        const viaPost = await post({ query, variables }, token);
        expect(viaGet).toEqual(viaPost);
        if (who === 'anonymous') {
          expect(viaGet.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
          return;
        }
        const data = viaGet.body.data as { candidates: { totalCount: number }; node: unknown };
        expect(data.candidates.totalCount).toBe(rows.filter((r) => inScope(who, r)).length);
        if (hidden !== undefined) expect(data.node).toBeNull();
        // Without a preflight header a GET is refused outright (CSRF), whoever sends it.
        const simple = await get(
          query,
          variables,
          token === null ? {} : { authorization: `Bearer ${token}` },
        );
        expect(simple.status).toBe(400);
        expect(simple.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      });

      it('takes no credential from a cookie, and a cookie never widens a bearer token', async () => {
        const cookie = `rattrapage_session=${tokens.PILOT ?? ''}; token=${tokens.PILOT ?? ''}`;
        const query = '{ viewer { role } candidates(year: 2024) { totalCount } }';
        const anonymous = await post({ query }, null, { cookie });
        expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        const viaGet = await get(query, {}, { cookie, 'apollo-require-preflight': 'true' });
        expect(viaGet.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        const candidate = await post({ query }, tokens.CANDIDATE, { cookie });
        expect(candidate.body.data).toEqual({
          viewer: { role: 'CANDIDATE' },
          candidates: { totalCount: 1 },
        });
      });
    });
  },
);
