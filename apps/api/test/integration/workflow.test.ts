import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

// 2024 batch A (MCO, NDRC): results and window opening 28 June 10:00 Paris
// (08:00Z), window closing 1 July 10:00 Paris; second group 10 July 16:30.
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const CANDIDATE_VIEW = `query { viewer { candidate { id number individual
  firstGroup { outcome reason overallAverage { hundredths display exact } marks { test { code } status mark { display } } }
  control { window { isOpen } eligibleTests { code } choice { channel enteredBy tests { code } } options { tests { code } reachable minimumMarkInBoth { hundredths } } convocations { test { code } startsAt preparationStartsAt place } }
  finalResult { outcome overallAverage { display } controlMarks { test { code } mark { hundredths } } }
} } }`;

const CHOOSE = `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) {
  __typename ... on Error { code message } ... on ControlChoice { channel enteredBy tests { code } }
  ... on InvalidControlChoice { reason testCode } ... on ChannelNotAllowed { reason } } }`;

interface Viewer {
  viewer: {
    candidate: {
      id: string;
      individual: boolean;
      firstGroup: unknown;
      control: { choice: unknown } | null;
      finalResult: unknown;
    };
  };
}

describe.each(backendsUnderTest())('the control workflow through HTTP, on %s', (backend) => {
  let api: TestApi;
  let candidateToken: string;
  let individualToken: string;
  let schoolToken: string;
  let candidateId: string;
  let individualId: string;

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -1) });
    candidateToken = await api.logIn('candidat.demo');
    individualToken = await api.logIn('individuel.demo');
    schoolToken = await api.logIn('etablissement.demo');
    candidateId =
      (await api.gql<Viewer>('{ viewer { candidate { id } } }', {}, candidateToken)).data?.viewer
        .candidate.id ?? '';
    individualId =
      (await api.gql<Viewer>('{ viewer { candidate { id } } }', {}, individualToken)).data?.viewer
        .candidate.id ?? '';
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves health, readiness and public reference data', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const r = await api.gql<{
      examSession: {
        specialties: { code: string; choiceWindow: { opensAt: string; closesAt: string } }[];
      };
    }>('{ examSession(year: 2024) { specialties { code choiceWindow { opensAt closesAt } } } }');
    const mco = r.data?.examSession.specialties.find((s) => s.code === 'MCO');
    expect(mco?.choiceWindow).toEqual({
      opensAt: '2024-06-28T08:00:00.000Z',
      closesAt: '2024-07-01T08:00:00.000Z',
    });
  });

  it('hides results one millisecond before publication, for everyone but the pilot', async () => {
    api.clock.set(ms(A_PUBLISHED, -1));
    const mine = await api.gql<Viewer>(CANDIDATE_VIEW, {}, candidateToken);
    expect(mine.data?.viewer.candidate.firstGroup).toBeNull();
    expect(mine.data?.viewer.candidate.control).toBeNull();
    const pilot = await api.logIn('pilote.demo');
    const seen = await api.gql<{ candidate: { firstGroup: { outcome: string } | null } }>(
      'query($id: ID!) { candidate(id: $id) { firstGroup { outcome } } }',
      { id: candidateId },
      pilot,
    );
    expect(seen.data?.candidate.firstGroup?.outcome).toBe('CONTROL_ALLOWED');
    const filtered = await api.gql<{ candidates: { totalCount: number; edges: unknown[] } }>(
      '{ candidates(year: 2024, filter: { firstGroupOutcome: CONTROL_ALLOWED }) { totalCount edges { cursor } } }',
      {},
      schoolToken,
    );
    expect(filtered.data?.candidates).toEqual({ totalCount: 0, edges: [] });
  });

  it('shows them at the publication instant, and refuses a choice before the window', async () => {
    api.clock.set(ms(A_PUBLISHED, -1));
    const early = await api.gql<{ chooseControlTests: { __typename: string } }>(
      CHOOSE,
      { id: candidateId, codes: ['E1', 'E3'] },
      candidateToken,
    );
    expect(early.data?.chooseControlTests.__typename).toBe('ChoiceWindowNotOpen');

    api.clock.set(A_PUBLISHED);
    const mine = await api.gql<Viewer>(CANDIDATE_VIEW, {}, candidateToken);
    expect(mine.data?.viewer.candidate.firstGroup).toMatchObject({
      outcome: 'CONTROL_ALLOWED',
      reason: 'CONTROL_THRESHOLDS_MET',
    });
    expect(mine.data?.viewer.candidate.control).toMatchObject({
      window: { isOpen: true },
      choice: null,
    });
    const filtered = await api.gql<{ candidates: { totalCount: number } }>(
      '{ candidates(year: 2024, filter: { firstGroupOutcome: CONTROL_ALLOWED }) { totalCount } }',
      {},
      schoolToken,
    );
    expect(filtered.data?.candidates.totalCount).toBeGreaterThan(0);
  });

  it.each([
    [['E1'], 'WRONG_COUNT'],
    [['E1', 'E3', 'E2'], 'WRONG_COUNT'],
    [['E1', 'E1'], 'DUPLICATE_TEST'],
    [['E1', 'E9'], 'UNKNOWN_TEST'],
    [['E1', 'E21'], 'TEST_PART'],
    [['E1', 'E4'], 'NOT_GENERAL_DOMAIN'],
    [['E1', 'EF1'], 'OPTIONAL_TEST'],
  ])('refuses %j as InvalidControlChoice %s and changes nothing', async (codes, reason) => {
    api.clock.set(A_PUBLISHED);
    const r = await api.gql<{
      chooseControlTests: { __typename: string; reason: string; code: string; message: string };
    }>(CHOOSE, { id: candidateId, codes }, candidateToken);
    expect(r.data?.chooseControlTests).toMatchObject({
      __typename: 'InvalidControlChoice',
      code: 'INVALID_CONTROL_CHOICE',
      reason,
    });
    expect(r.data?.chooseControlTests.message.length).toBeGreaterThan(10);
    const after = await api.gql<Viewer>(CANDIDATE_VIEW, {}, candidateToken);
    expect(after.data?.viewer.candidate.control?.choice).toBeNull();
  });

  it('records a choice at the window edges, by candidate and by school; the latest wins', async () => {
    api.clock.set(A_PUBLISHED);
    const first = await api.gql<{ chooseControlTests: Record<string, unknown> }>(
      CHOOSE,
      { id: candidateId, codes: ['E3', 'E1'] },
      candidateToken,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.chooseControlTests).toMatchObject({
      __typename: 'ControlChoice',
      channel: 'CANDIDATE_SPACE',
      enteredBy: 'candidat.demo',
      tests: [{ code: 'E1' }, { code: 'E3' }],
    });
    // People log in again days later (sessions follow real time, not the demo clock).
    api.clock.set(ms(A_CLOSES, -1));
    schoolToken = await api.logIn('etablissement.demo');
    candidateToken = await api.logIn('candidat.demo');
    const second = await api.gql<{ chooseControlTests: Record<string, unknown> }>(
      CHOOSE,
      { id: candidateId, codes: ['E1', 'E2'] },
      schoolToken,
    );
    expect(second.data?.chooseControlTests).toMatchObject({
      __typename: 'ControlChoice',
      channel: 'SCHOOL',
      enteredBy: 'etablissement.demo',
    });
    api.clock.set(A_CLOSES);
    const late = await api.gql<{ chooseControlTests: Record<string, unknown> }>(
      CHOOSE,
      { id: candidateId, codes: ['E2', 'E3'] },
      candidateToken,
    );
    expect(late.data?.chooseControlTests).toMatchObject({
      __typename: 'ChoiceWindowClosed',
      code: 'CHOICE_WINDOW_CLOSED',
    });
    const now = await api.gql<{ viewer: { candidate: { control: { choice: unknown } } } }>(
      CANDIDATE_VIEW,
      {},
      candidateToken,
    );
    expect(now.data?.viewer.candidate.control.choice).toMatchObject({
      channel: 'SCHOOL',
      tests: [{ code: 'E1' }, { code: 'E2' }],
    });
    const audit = await api.database.db
      .selectFrom('audit_log')
      .select(['action', 'channel', 'actor_role'])
      .where(
        'candidate_id',
        '=',
        Buffer.from(candidateId, 'base64').toString('utf8').split(':')[1] ?? '',
      )
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'CONTROL_CHOICE_ENTERED', channel: 'CANDIDATE_SPACE', actor_role: 'CANDIDATE' },
      { action: 'CONTROL_CHOICE_ENTERED', channel: 'SCHOOL', actor_role: 'SCHOOL' },
    ]);
  });

  it('lets no school choose for an individual candidate, and no candidate for another', async () => {
    api.clock.set(A_PUBLISHED);
    schoolToken = await api.logIn('etablissement.demo');
    candidateToken = await api.logIn('candidat.demo');
    const bySchool = await api.gql<{ chooseControlTests: Record<string, unknown> }>(
      CHOOSE,
      { id: individualId, codes: ['E1', 'E3'] },
      schoolToken,
    );
    expect(bySchool.data?.chooseControlTests).toMatchObject({
      __typename: 'ChannelNotAllowed',
      reason: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL',
    });
    const byOther = await api.gql(
      CHOOSE,
      { id: individualId, codes: ['E1', 'E3'] },
      candidateToken,
    );
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byThemselves = await api.gql<{ chooseControlTests: Record<string, unknown> }>(
      CHOOSE,
      { id: individualId, codes: ['E1', 'E3'] },
      individualToken,
    );
    expect(byThemselves.data?.chooseControlTests).toMatchObject({
      __typename: 'ControlChoice',
      channel: 'CANDIDATE_SPACE',
    });
  });

  it('schedules convocations after the window, records control marks, publishes the final result at its instant', async () => {
    api.clock.set(ms(A_CLOSES, 3_600_000));
    const pilot = await api.logIn('pilote.demo');
    candidateToken = await api.logIn('candidat.demo');
    const plan = await api.gql<{ scheduleConvocations: { __typename: string; issued: number } }>(
      'mutation { scheduleConvocations(year: 2024, academyCode: "19") { __typename ... on ConvocationPlan { issued alreadyIssued } } }',
      {},
      pilot,
    );
    expect(plan.errors).toBeUndefined();
    expect(plan.data?.scheduleConvocations.__typename).toBe('ConvocationPlan');
    expect(plan.data?.scheduleConvocations.issued).toBeGreaterThanOrEqual(4);
    const again = await api.gql<{ scheduleConvocations: { issued: number } }>(
      'mutation { scheduleConvocations(year: 2024, academyCode: "19") { ... on ConvocationPlan { issued alreadyIssued } } }',
      {},
      pilot,
    );
    expect(again.data?.scheduleConvocations.issued).toBe(0);

    const view = await api.gql<{
      viewer: {
        candidate: {
          control: { convocations: { preparationStartsAt: string; startsAt: string }[] };
        };
      };
    }>(CANDIDATE_VIEW, {}, candidateToken);
    const convocations = view.data?.viewer.candidate.control.convocations ?? [];
    expect(convocations).toHaveLength(2);
    const [a, b] = convocations;
    expect(
      a !== undefined && b !== undefined && new Date(b.preparationStartsAt) >= new Date(a.startsAt),
    ).toBe(true);

    const record = (code: string, hundredths: number | null, absent: boolean | null) =>
      api.gql<{ recordControlMark: { __typename: string } }>(
        'mutation($id: ID!, $c: String!, $h: Int, $a: Boolean) { recordControlMark(candidateId: $id, testCode: $c, hundredths: $h, absent: $a) { __typename } }',
        { id: candidateId, c: code, h: hundredths, a: absent },
        pilot,
      );
    expect((await record('E1', 2001, null)).data?.recordControlMark.__typename).toBe(
      'InvalidControlMark',
    );
    expect((await record('E3', 1500, null)).data?.recordControlMark.__typename).toBe(
      'TestNotChosen',
    );
    expect((await record('E1', 2000, null)).data?.recordControlMark.__typename).toBe('ControlMark');
    expect((await record('E2', 2000, null)).data?.recordControlMark.__typename).toBe('ControlMark');

    api.clock.set(ms(SECOND_GROUP, -1));
    candidateToken = await api.logIn('candidat.demo');
    const before = await api.gql<Viewer>(CANDIDATE_VIEW, {}, candidateToken);
    expect(before.data?.viewer.candidate.finalResult).toBeNull();
    api.clock.set(SECOND_GROUP);
    const after = await api.gql<{
      viewer: { candidate: { finalResult: { outcome: string; controlMarks: unknown[] } } };
    }>(CANDIDATE_VIEW, {}, candidateToken);
    expect(after.data?.viewer.candidate.finalResult.outcome).toBe('ADMITTED');
    expect(after.data?.viewer.candidate.finalResult.controlMarks).toHaveLength(2);
  });

  it('logs in with one answer for a wrong password and an unknown identifier, then locks', async () => {
    const attempt = (identifier: string, password: string) =>
      api.gql<{ logIn: { __typename: string; code?: string; message?: string } }>(
        'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename ... on Error { code message } } }',
        { i: identifier, p: password },
      );
    const wrong = await attempt('academie.demo', 'nope');
    const unknown = await attempt('personne.inconnue', 'nope');
    expect(wrong.data?.logIn).toEqual(unknown.data?.logIn);
    expect(wrong.data?.logIn.__typename).toBe('InvalidCredentials');
    let last = '';
    for (let i = 0; i < 5; i++)
      last = (await attempt('academie.demo', 'nope')).data?.logIn.__typename ?? '';
    expect(last).toBe('TooManyAttempts');
    // Even the right password is refused while locked.
    expect((await attempt('academie.demo', 'demo-rattrapage-2024')).data?.logIn.__typename).toBe(
      'TooManyAttempts',
    );
  });

  it('keeps sessions on real time: moving the demo clock days ahead does not end them', async () => {
    api.clock.set(A_PUBLISHED);
    const token = await api.logIn('pilote.demo');
    api.clock.set(SECOND_GROUP);
    const viewer = await api.gql<{ viewer: { identifier: string } | null }>(
      '{ viewer { identifier } }',
      {},
      token,
    );
    expect(viewer.data?.viewer?.identifier).toBe('pilote.demo');
  });

  it('revokes a session on logOut', async () => {
    const token = await api.logIn('pilote.demo');
    const out = await api.gql<{ logOut: boolean }>('mutation { logOut }', {}, token);
    expect(out.data?.logOut).toBe(true);
    const viewer = await api.gql<{ viewer: unknown }>('{ viewer { id } }', {}, token);
    expect(viewer.data?.viewer).toBeNull();
    const denied = await api.gql('{ candidates(year: 2024) { totalCount } }', {}, token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
