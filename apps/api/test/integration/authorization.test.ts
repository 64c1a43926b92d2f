import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import {
  DEMO_PASSWORD,
  type GraphQLResponse,
  type TestApi,
  startTestApi,
} from '../support/api-harness.ts';
import { type Who, roleTokens } from '../support/role-tokens.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import type { CandidateRow } from '../../src/repositories/candidate-rows.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

// 2024 batch A (MCO, NDRC): results and choice window open at 08:00Z on
// 28 June; one hour later the window is open and results are public.
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const NOW = new Date(A_PUBLISHED.getTime() + 3_600_000);

type Row = Pick<
  CandidateRow,
  'id' | 'number' | 'origin_academy_code' | 'school_uai' | 'individual' | 'specialty_code'
>;

/** What `candidates(year: 2024)` is expected to return for one scope, computed from the table. */
interface ScopeSummary {
  totalCount: number;
  origins: string[];
  schools: (string | null)[];
  firstId: string | null;
}

interface Fixture {
  own: string;
  individual: string;
  otherSchool: string;
  origin12: string;
  schoolUai: string;
  scopes: Record<'all' | 'origin12' | 'school' | 'self', ScopeSummary>;
}

const unique = <T>(values: T[]): T[] =>
  [...new Set(values)].sort((a, b) => String(a).localeCompare(String(b)));

function summarize(rows: Row[]): ScopeSummary {
  const sorted = [...rows].sort((a, b) => a.number.localeCompare(b.number));
  return {
    totalCount: rows.length,
    origins: unique(rows.map((r) => r.origin_academy_code)),
    schools: unique(rows.map((r) => r.school_uai)),
    firstId: sorted[0] === undefined ? null : candidateGlobalId(sorted[0].id),
  };
}

interface Operation {
  readonly query: string;
  readonly variables?: (f: Fixture) => Record<string, unknown>;
  /** Reduces `data` to what the expectation compares. */
  readonly pick: (data: Record<string, unknown>) => unknown;
}

const CANDIDATE_BY_ID = 'query($id: ID!) { candidate(id: $id) { id } }';
const NODE_BY_ID = 'query($id: ID!) { node(id: $id) { id ... on Candidate { number } } }';
const CHOOSE = `mutation($id: ID!) { chooseControlTests(candidateId: $id, testCodes: ["E1"]) {
  __typename ... on InvalidControlChoice { reason } ... on ChannelNotAllowed { reason } } }`;
const SCHEDULE = `mutation($a: String!) { scheduleConvocations(year: 2024, academyCode: $a) { __typename } }`;
const RECORD = `mutation($id: ID!) { recordControlMark(candidateId: $id, testCode: "E1", hundredths: 1200) { __typename } }`;

const typename = (field: string) => (data: Record<string, unknown>) =>
  (data[field] as { __typename: string } | null)?.__typename ?? null;

const operations = {
  viewer: {
    query: '{ viewer { identifier role } }',
    pick: (d) => d['viewer'],
  },
  'candidate(own)': {
    query: CANDIDATE_BY_ID,
    variables: (f) => ({ id: f.own }),
    pick: (d) => (d['candidate'] as { id: string } | null)?.id ?? null,
  },
  'candidate(other school, origin 19)': {
    query: CANDIDATE_BY_ID,
    variables: (f) => ({ id: f.otherSchool }),
    pick: (d) => (d['candidate'] as { id: string } | null)?.id ?? null,
  },
  'candidate(origin 12)': {
    query: CANDIDATE_BY_ID,
    variables: (f) => ({ id: f.origin12 }),
    pick: (d) => (d['candidate'] as { id: string } | null)?.id ?? null,
  },
  'node(own)': {
    query: NODE_BY_ID,
    variables: (f) => ({ id: f.own }),
    pick: (d) => (d['node'] as { id: string } | null)?.id ?? null,
  },
  'node(other school, origin 19)': {
    query: NODE_BY_ID,
    variables: (f) => ({ id: f.otherSchool }),
    pick: (d) => (d['node'] as { id: string } | null)?.id ?? null,
  },
  'node(origin 12)': {
    query: NODE_BY_ID,
    variables: (f) => ({ id: f.origin12 }),
    pick: (d) => (d['node'] as { id: string } | null)?.id ?? null,
  },
  candidates: {
    query: `{ candidates(year: 2024, first: 500) { totalCount
      edges { node { id originAcademy { code } school { uai } } } } }`,
    pick: (d) => {
      const c = d['candidates'] as {
        totalCount: number;
        edges: {
          node: { id: string; originAcademy: { code: string }; school: { uai: string } | null };
        }[];
      };
      return {
        totalCount: c.totalCount,
        origins: unique(c.edges.map((e) => e.node.originAcademy.code)),
        schools: unique(c.edges.map((e) => e.node.school?.uai ?? null)),
        firstId: c.edges[0]?.node.id ?? null,
      } satisfies ScopeSummary;
    },
  },
  'chooseControlTests(own)': {
    query: CHOOSE,
    variables: (f) => ({ id: f.own }),
    pick: (d) => d['chooseControlTests'],
  },
  'chooseControlTests(individual of the school)': {
    query: CHOOSE,
    variables: (f) => ({ id: f.individual }),
    pick: (d) => d['chooseControlTests'],
  },
  'chooseControlTests(other school)': {
    query: CHOOSE,
    variables: (f) => ({ id: f.otherSchool }),
    pick: (d) => d['chooseControlTests'],
  },
  'scheduleConvocations(12)': {
    query: SCHEDULE,
    variables: () => ({ a: '12' }),
    pick: typename('scheduleConvocations'),
  },
  'scheduleConvocations(19)': {
    query: SCHEDULE,
    variables: () => ({ a: '19' }),
    pick: typename('scheduleConvocations'),
  },
  'recordControlMark(origin 12)': {
    query: RECORD,
    variables: (f) => ({ id: f.origin12 }),
    pick: typename('recordControlMark'),
  },
  'recordControlMark(origin 19)': {
    query: RECORD,
    variables: (f) => ({ id: f.own }),
    pick: typename('recordControlMark'),
  },
  setDemoClock: {
    query: 'mutation($at: DateTime!) { setDemoClock(at: $at) { now demo } }',
    variables: () => ({ at: NOW.toISOString() }),
    pick: (d) => d['setDemoClock'],
  },
} satisfies Record<string, Operation>;

type OperationName = keyof typeof operations;
type Expected =
  { readonly error: 'UNAUTHENTICATED' | 'FORBIDDEN' } | { readonly data: (f: Fixture) => unknown };

const UNAUTHENTICATED: Expected = { error: 'UNAUTHENTICATED' };
const FORBIDDEN: Expected = { error: 'FORBIDDEN' };
const data = (value: (f: Fixture) => unknown): Expected => ({ data: value });
const constant = (value: unknown): Expected => ({ data: () => value });
const CLOCK = constant({ now: NOW.toISOString(), demo: true });
const PLAN = constant('ConvocationPlan');
// Allowed, refused by the domain (window still open): nothing is recorded.
const TOO_EARLY = constant('MarkRecordingNotOpen');
const INVALID_CHOICE = constant({ __typename: 'InvalidControlChoice', reason: 'WRONG_COUNT' });

const matrix: [Who, OperationName, Expected][] = [
  ['anonymous', 'viewer', constant(null)],
  ['anonymous', 'candidate(own)', UNAUTHENTICATED],
  ['anonymous', 'candidate(origin 12)', UNAUTHENTICATED],
  ['anonymous', 'candidates', UNAUTHENTICATED],
  ['anonymous', 'node(own)', constant(null)],
  ['anonymous', 'node(origin 12)', constant(null)],
  ['anonymous', 'chooseControlTests(own)', UNAUTHENTICATED],
  ['anonymous', 'scheduleConvocations(12)', UNAUTHENTICATED],
  ['anonymous', 'recordControlMark(origin 12)', UNAUTHENTICATED],
  // Demo mode: anyone may move the simulated clock (production refuses, see limits.test.ts).
  ['anonymous', 'setDemoClock', CLOCK],

  ['CANDIDATE', 'viewer', constant({ identifier: 'candidat.demo', role: 'CANDIDATE' })],
  ['CANDIDATE', 'candidate(own)', data((f) => f.own)],
  ['CANDIDATE', 'candidate(other school, origin 19)', constant(null)],
  ['CANDIDATE', 'candidate(origin 12)', constant(null)],
  ['CANDIDATE', 'node(own)', data((f) => f.own)],
  ['CANDIDATE', 'node(other school, origin 19)', constant(null)],
  ['CANDIDATE', 'candidates', data((f) => f.scopes.self)],
  ['CANDIDATE', 'chooseControlTests(own)', INVALID_CHOICE],
  ['CANDIDATE', 'chooseControlTests(individual of the school)', FORBIDDEN],
  ['CANDIDATE', 'chooseControlTests(other school)', FORBIDDEN],
  ['CANDIDATE', 'scheduleConvocations(19)', FORBIDDEN],
  ['CANDIDATE', 'recordControlMark(origin 19)', FORBIDDEN],
  ['CANDIDATE', 'setDemoClock', CLOCK],

  ['SCHOOL', 'viewer', constant({ identifier: 'etablissement.demo', role: 'SCHOOL' })],
  ['SCHOOL', 'candidate(own)', data((f) => f.own)],
  ['SCHOOL', 'candidate(other school, origin 19)', constant(null)],
  ['SCHOOL', 'candidate(origin 12)', constant(null)],
  ['SCHOOL', 'node(own)', data((f) => f.own)],
  ['SCHOOL', 'node(other school, origin 19)', constant(null)],
  ['SCHOOL', 'candidates', data((f) => f.scopes.school)],
  ['SCHOOL', 'chooseControlTests(own)', INVALID_CHOICE],
  [
    'SCHOOL',
    'chooseControlTests(individual of the school)',
    constant({ __typename: 'ChannelNotAllowed', reason: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' }),
  ],
  ['SCHOOL', 'chooseControlTests(other school)', FORBIDDEN],
  ['SCHOOL', 'scheduleConvocations(19)', FORBIDDEN],
  ['SCHOOL', 'recordControlMark(origin 19)', FORBIDDEN],
  ['SCHOOL', 'setDemoClock', CLOCK],

  ['ACADEMY', 'viewer', constant({ identifier: 'academie.demo', role: 'ACADEMY' })],
  ['ACADEMY', 'candidate(own)', constant(null)],
  ['ACADEMY', 'candidate(origin 12)', data((f) => f.origin12)],
  ['ACADEMY', 'node(own)', constant(null)],
  ['ACADEMY', 'node(origin 12)', data((f) => f.origin12)],
  ['ACADEMY', 'candidates', data((f) => f.scopes.origin12)],
  ['ACADEMY', 'chooseControlTests(own)', FORBIDDEN],
  ['ACADEMY', 'scheduleConvocations(12)', PLAN],
  ['ACADEMY', 'scheduleConvocations(19)', FORBIDDEN],
  ['ACADEMY', 'recordControlMark(origin 12)', TOO_EARLY],
  ['ACADEMY', 'recordControlMark(origin 19)', FORBIDDEN],
  ['ACADEMY', 'setDemoClock', CLOCK],

  ['API_TOKEN', 'viewer', constant({ identifier: 'academie.demo', role: 'ACADEMY' })],
  ['API_TOKEN', 'candidate(own)', constant(null)],
  ['API_TOKEN', 'candidate(origin 12)', data((f) => f.origin12)],
  ['API_TOKEN', 'node(own)', constant(null)],
  ['API_TOKEN', 'node(origin 12)', data((f) => f.origin12)],
  ['API_TOKEN', 'candidates', data((f) => f.scopes.origin12)],
  ['API_TOKEN', 'chooseControlTests(own)', FORBIDDEN],
  ['API_TOKEN', 'scheduleConvocations(12)', PLAN],
  ['API_TOKEN', 'scheduleConvocations(19)', FORBIDDEN],
  ['API_TOKEN', 'recordControlMark(origin 12)', TOO_EARLY],
  ['API_TOKEN', 'recordControlMark(origin 19)', FORBIDDEN],

  ['PILOT', 'viewer', constant({ identifier: 'pilote.demo', role: 'PILOT' })],
  ['PILOT', 'candidate(own)', data((f) => f.own)],
  ['PILOT', 'candidate(other school, origin 19)', data((f) => f.otherSchool)],
  ['PILOT', 'candidate(origin 12)', data((f) => f.origin12)],
  ['PILOT', 'node(other school, origin 19)', data((f) => f.otherSchool)],
  ['PILOT', 'node(origin 12)', data((f) => f.origin12)],
  ['PILOT', 'candidates', data((f) => f.scopes.all)],
  ['PILOT', 'chooseControlTests(own)', FORBIDDEN],
  ['PILOT', 'scheduleConvocations(12)', PLAN],
  ['PILOT', 'scheduleConvocations(19)', PLAN],
  ['PILOT', 'recordControlMark(origin 12)', TOO_EARLY],
  ['PILOT', 'recordControlMark(origin 19)', TOO_EARLY],
  ['PILOT', 'setDemoClock', CLOCK],
];

describe.each(backendsUnderTest())('the authorization matrix, on %s', (backend) => {
  let api: TestApi;
  let tokens: Record<Who, string | null>;
  let fixture: Fixture;

  beforeAll(async () => {
    api = await startTestApi(backend, { at: NOW, candidates: 80 });
    tokens = await roleTokens(api, 'authorization test');

    const own = await api.gql<{ viewer: { candidate: { id: string } } }>(
      '{ viewer { candidate { id } } }',
      {},
      tokens.CANDIDATE,
    );
    const ownId = own.data?.viewer.candidate.id ?? '';
    const ownUuid = Buffer.from(ownId, 'base64').toString('utf8').split(':')[1] ?? '';
    const rows: Row[] = await api.database.db
      .selectFrom('candidates')
      .select(['id', 'number', 'origin_academy_code', 'school_uai', 'individual', 'specialty_code'])
      .where('year', '=', 2024)
      .execute();
    const me = rows.find((r) => r.id === ownUuid);
    if (me?.school_uai == null) throw new Error('candidat.demo has no school');
    const schoolUai = me.school_uai;
    const individual = rows.find(
      (r) => r.individual && r.school_uai === schoolUai && r.id !== ownUuid,
    );
    const otherSchool = rows.find(
      (r) => r.school_uai !== null && r.school_uai !== schoolUai && r.origin_academy_code === '19',
    );
    // Batch A, so that its choice window is open at NOW and no mark may be recorded yet.
    const origin12 = rows.find(
      (r) => r.origin_academy_code === '12' && ['MCO', 'NDRC'].includes(r.specialty_code),
    );
    if (individual === undefined || otherSchool === undefined || origin12 === undefined)
      throw new Error('the seed lacks a candidate this matrix needs');
    fixture = {
      own: ownId,
      individual: candidateGlobalId(individual.id),
      otherSchool: candidateGlobalId(otherSchool.id),
      origin12: candidateGlobalId(origin12.id),
      schoolUai,
      scopes: {
        all: summarize(rows),
        origin12: summarize(rows.filter((r) => r.origin_academy_code === '12')),
        school: summarize(rows.filter((r) => r.school_uai === schoolUai)),
        self: summarize([me]),
      },
    };
  });
  afterAll(async () => {
    await api.close();
  });

  it('has scopes that actually differ, so the matrix means something', () => {
    const { all, origin12, school, self } = fixture.scopes;
    expect(all.totalCount).toBeGreaterThanOrEqual(80);
    expect(all.origins.length).toBeGreaterThan(1);
    expect(origin12.origins).toEqual(['12']);
    expect(origin12.totalCount).toBeGreaterThan(0);
    expect(origin12.totalCount).toBeLessThan(all.totalCount);
    expect(school.schools).toEqual([fixture.schoolUai]);
    expect(school.totalCount).toBeGreaterThan(1);
    expect(school.totalCount).toBeLessThan(all.totalCount);
    expect(self.totalCount).toBe(1);
  });

  it.each(matrix)('%s → %s', async (who, name, expected) => {
    api.clock.set(NOW);
    const operation: Operation = operations[name];
    const response: GraphQLResponse = await api.gql(
      operation.query,
      operation.variables?.(fixture) ?? {},
      tokens[who],
    );
    if ('error' in expected) {
      expect(response.errors?.[0]?.extensions?.code).toBe(expected.error);
      // No partial answer slips through with the error.
      expect(Object.values(response.data ?? {}).every((v) => v === null)).toBe(true);
    } else {
      expect(response.errors).toBeUndefined();
      expect(operation.pick(response.data ?? {})).toEqual(expected.data(fixture));
    }
  });

  it('accepts the API token as a Bearer token but never revokes anything with it on logOut', async () => {
    api.clock.set(NOW);
    const token = tokens.API_TOKEN;
    const out = await api.gql<{ logOut: boolean }>('mutation { logOut }', {}, token);
    expect(out.errors).toBeUndefined();
    expect(out.data?.logOut).toBe(false);
    const still = await api.gql<{ candidates: { totalCount: number } }>(
      '{ candidates(year: 2024) { totalCount } }',
      {},
      token,
    );
    expect(still.data?.candidates.totalCount).toBe(fixture.scopes.origin12.totalCount);
    // The académie's own session is untouched as well.
    const session = await api.gql<{ viewer: { role: string } | null }>(
      '{ viewer { role } }',
      {},
      tokens.ACADEMY,
    );
    expect(session.data?.viewer?.role).toBe('ACADEMY');
  });

  it('treats a made-up bearer token as anonymous', async () => {
    api.clock.set(NOW);
    const forged = await api.gql(
      '{ candidates(year: 2024) { totalCount } }',
      {},
      'rat_not-a-real-token',
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  /** The whole account, as the contract gives it: each role's own link must come through. */
  const ACCOUNT = `id identifier role candidate { id number firstGroup { outcome } }
    school { uai name } academy { code name }`;
  const LOG_IN = `mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) {
    __typename ... on Session { token account { ${ACCOUNT} } } } }`;
  const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) {
    __typename ... on Session { token account { ${ACCOUNT} } } } }`;
  const VIEWER = `{ viewer { ${ACCOUNT} } }`;

  interface AccountView {
    role: string;
    candidate: { id: string } | null;
    school: { uai: string } | null;
    academy: { code: string } | null;
  }
  interface SessionAnswer {
    __typename: string;
    token: string;
    account: AccountView;
  }

  /** What each role's account must link to (contract: candidate for CANDIDATE, school for SCHOOL…). */
  const expectLinks = (account: AccountView | undefined, role: string) => {
    expect(account?.role).toBe(role);
    expect(account?.candidate !== null).toBe(role === 'CANDIDATE');
    expect(account?.school !== null).toBe(role === 'SCHOOL');
    expect(account?.academy !== null).toBe(role === 'ACADEMY' || role === 'PILOT');
  };

  it.each([
    ['candidat.demo', 'CANDIDATE'],
    ['etablissement.demo', 'SCHOOL'],
    ['academie.demo', 'ACADEMY'],
    ['pilote.demo', 'PILOT'],
  ])(
    'logIn as %s answers the new session’s whole account, as viewer does',
    async (identifier, role) => {
      api.clock.set(NOW);
      const r = await api.gql<{ logIn: SessionAnswer }>(LOG_IN, {
        i: identifier,
        p: DEMO_PASSWORD,
      });
      expect(r.errors).toBeUndefined();
      expectLinks(r.data?.logIn.account, role);
      const viewer = await api.gql<{ viewer: AccountView }>(VIEWER, {}, r.data?.logIn.token ?? '');
      expect(r.data?.logIn.account).toEqual(viewer.data?.viewer);
      if (role === 'CANDIDATE') expect(r.data?.logIn.account.candidate?.id).toBe(fixture.own);
    },
  );

  it.each(['CANDIDATE', 'SCHOOL', 'ACADEMY', 'PILOT'] as const)(
    'changePassword as %s answers the new session’s whole account, as viewer does',
    async (role) => {
      api.clock.set(NOW);
      // An account of its own, linked like the demo one (a candidate has one
      // account: another candidate): changing its password revokes its sessions.
      const db = api.database.db;
      const demo =
        role === 'CANDIDATE'
          ? {
              candidate_id: (
                await db
                  .selectFrom('candidates as c')
                  .select('c.id')
                  .where((eb) =>
                    eb.not(
                      eb.exists(
                        eb
                          .selectFrom('accounts as a')
                          .select('a.id')
                          .whereRef('a.candidate_id', '=', 'c.id'),
                      ),
                    ),
                  )
                  .orderBy('c.number')
                  .executeTakeFirstOrThrow()
              ).id,
            }
          : await db
              .selectFrom('accounts')
              .select(['school_uai', 'academy_code'])
              .where('role', '=', role)
              .orderBy('identifier')
              .executeTakeFirstOrThrow();
      const identifier = `change.${role.toLowerCase()}`;
      await db
        .insertInto('accounts')
        .values({ identifier, role, password_hash: await hashPassword(DEMO_PASSWORD), ...demo })
        .execute();
      const token = await api.logIn(identifier);
      const r = await api.gql<{ changePassword: SessionAnswer }>(
        CHANGE,
        { c: DEMO_PASSWORD, n: 'Un tout nouveau mot de passe, 2024 !' },
        token,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.changePassword.__typename).toBe('Session');
      expectLinks(r.data?.changePassword.account, role);
      const viewer = await api.gql<{ viewer: AccountView }>(
        VIEWER,
        {},
        r.data?.changePassword.token ?? '',
      );
      expect(r.data?.changePassword.account).toEqual(viewer.data?.viewer);
    },
  );
});
