import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePublicationNotices } from '../../src/notifications/enqueue-publication-notices.ts';
import { enqueueWindowReminders } from '../../src/notifications/enqueue-window-reminders.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_CLOSES, A_PUBLISHED, SECOND_GROUP, globalId, ms } from '../documents/fixtures.ts';

const BEFORE = new Date('2024-06-20T08:00:00.000Z');

const HOLD = `mutation($id: ID!, $reason: String!) { withholdResult(candidateId: $id, reason: $reason) {
  __typename ... on Candidate { resultWithheld withholding { reason withheldAt withheldBy } }
  ... on Error { code message } } }`;
const RELEASE = `mutation($id: ID!) { releaseResult(candidateId: $id) { resultWithheld firstGroup { outcome } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Candidate {
  resultWithheld firstGroup { outcome } control { choice { tests { code } } convocations { test { code } } }
  finalResult { outcome } } } }`;
const WITHHOLDING = `query($id: ID!) { node(id: $id) { ... on Candidate { withholding { reason } } } }`;
const CHOOSE = `mutation($id: ID!) { chooseControlTests(candidateId: $id, testCodes: ["E1", "E3"]) {
  __typename ... on Error { code message } } }`;
const LIST = `query($filter: CandidateFilter) { candidates(year: 2024, filter: $filter, first: 500) {
  totalCount edges { node { id } } } }`;
const STATISTICS = `query($a: String) { statistics(year: 2024, academyCode: $a) {
  outcomes { specialtyCode originAcademyCode outcome count } choices { specialtyCode count } } }`;

interface Read {
  node: {
    resultWithheld: boolean;
    firstGroup: { outcome: string } | null;
    control: { choice: unknown; convocations: unknown[] } | null;
    finalResult: { outcome: string } | null;
  } | null;
}
interface Counted {
  specialtyCode: string;
  originAcademyCode: string;
  outcome: string;
  count: number;
}

describe.each(backendsUnderTest())('a result held back by the pilot, on %s', (backend) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let held: { id: string; specialty_code: string; school_uai: string | null };
  let other: { id: string };

  const token = (who: string) => tokens[who] ?? null;
  const read = async (who: string, id = held.id) => {
    const answer = await api.gql<Read>(READ, { id: globalId(id) }, token(who));
    expect(answer.errors).toBeUndefined();
    return answer.data?.node ?? null;
  };
  const hold = (reason: string, who = 'pilote.demo') =>
    api.gql<{ withholdResult: Record<string, unknown> }>(
      HOLD,
      { id: globalId(held.id), reason },
      token(who),
    );
  const audit = () =>
    api.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'candidate_id', 'before', 'after'])
      .where('action', 'like', 'RESULT_%')
      .orderBy('id')
      .execute();
  const ids = async (who: string, filter: Record<string, unknown>) => {
    const answer = await api.gql<{
      candidates: { totalCount: number; edges: { node: { id: string } }[] };
    }>(LIST, { filter }, token(who));
    expect(answer.errors).toBeUndefined();
    const page = answer.data?.candidates;
    expect(page?.totalCount).toBe(page?.edges.length);
    return (page?.edges ?? []).map((e) => Buffer.from(e.node.id, 'base64').toString().slice(10));
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { at: BEFORE, candidates: 400 });
    const db = api.database.db;
    const allowed = await db
      .selectFrom('candidates')
      .select(['id', 'specialty_code', 'school_uai'])
      .where('origin_academy_code', '=', '12')
      .where('specialty_code', 'in', ['MCO', 'NDRC'])
      .where('first_group_outcome', '=', 'CONTROL_ALLOWED')
      .where('individual', '=', false)
      .where('school_uai', 'is not', null)
      .orderBy('number')
      .execute();
    const [first, second] = allowed;
    if (first === undefined || second === undefined) throw new Error('demo draw too small');
    held = first;
    other = second;
    const hash = await hashPassword(DEMO_PASSWORD);
    await db
      .insertInto('accounts')
      .values([
        { identifier: 'held.test', password_hash: hash, role: 'CANDIDATE', candidate_id: held.id },
        {
          identifier: 'other.test',
          password_hash: hash,
          role: 'CANDIDATE',
          candidate_id: other.id,
        },
        {
          identifier: 'school.test',
          password_hash: hash,
          role: 'SCHOOL',
          school_uai: held.school_uai,
        },
        { identifier: 'academie12.test', password_hash: hash, role: 'ACADEMY', academy_code: '12' },
      ])
      .execute();
    for (const who of ['held.test', 'other.test', 'school.test', 'academie12.test', 'pilote.demo'])
      tokens[who] = await api.logIn(who);
  });
  afterAll(async () => {
    await api.close();
  });

  it('is the pilot’s alone, with a reason; anything else is refused and changes nothing', async () => {
    for (const who of ['held.test', 'school.test', 'academie12.test']) {
      const refused = await hold('Enquête', who);
      expect(refused.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      const release = await api.gql(RELEASE, { id: globalId(held.id) }, token(who));
      expect(release.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    expect(
      (await api.gql(HOLD, { id: globalId(held.id), reason: 'x' })).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await hold('   ')).data?.withholdResult).toEqual({
      __typename: 'ReasonRequired',
      code: 'REASON_REQUIRED',
      message: 'Indiquez le motif pour lequel le résultat est réservé.',
    });
    expect((await hold('m'.repeat(501))).data?.withholdResult).toMatchObject({
      __typename: 'ReasonTooLong',
      code: 'REASON_TOO_LONG',
      message: 'Le motif ne peut pas dépasser 500 caractères.',
    });
    // A candidate nobody has: the same refusal as a role that may not.
    const unknown = await api.gql(
      HOLD,
      { id: globalId('00000000-0000-4000-8000-000000000000'), reason: 'Enquête' },
      token('pilote.demo'),
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await api.database.db.selectFrom('withheld_results').selectAll().execute()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('is held with its reason, audited once per change', async () => {
    api.clock.set(BEFORE);
    expect((await hold('  Enquête pour fraude  ')).data?.withholdResult).toEqual({
      __typename: 'Candidate',
      resultWithheld: true,
      withholding: {
        reason: 'Enquête pour fraude',
        withheldAt: BEFORE.toISOString(),
        withheldBy: 'pilote.demo',
      },
    });
    await hold('Enquête pour fraude');
    api.clock.set(ms(BEFORE, 60_000));
    await hold('Pièce manquante');
    expect(await audit()).toEqual([
      {
        action: 'RESULT_WITHHELD',
        actor_role: 'PILOT',
        candidate_id: held.id,
        before: null,
        after: { reason: 'Enquête pour fraude' },
      },
      {
        action: 'RESULT_WITHHELD',
        actor_role: 'PILOT',
        candidate_id: held.id,
        before: { reason: 'Enquête pour fraude', withheldAt: BEFORE.toISOString() },
        after: { reason: 'Pièce manquante' },
      },
    ]);
    // The reason is the pilot's: nobody else reads it.
    for (const who of ['held.test', 'school.test', 'academie12.test']) {
      const answer = await api.gql(WITHHOLDING, { id: globalId(held.id) }, token(who));
      expect(answer.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
  });

  it('is not announced before the publication instant; from it, the outcome shows to the pilot only', async () => {
    api.clock.set(ms(A_PUBLISHED, -1));
    for (const who of ['held.test', 'school.test', 'academie12.test'])
      expect(await read(who), who).toMatchObject({ resultWithheld: false, firstGroup: null });
    expect(await read('pilote.demo')).toMatchObject({
      resultWithheld: true,
      firstGroup: { outcome: 'CONTROL_ALLOWED' },
    });

    api.clock.set(A_PUBLISHED);
    for (const who of ['held.test', 'school.test', 'academie12.test'])
      expect(await read(who), who).toEqual({
        resultWithheld: true,
        firstGroup: null,
        control: null,
        finalResult: null,
      });
    // Nor does the transcript exist for them; the pilot still prints it.
    const transcript = (who: string) =>
      fetch(`${api.url}/documents/releve.pdf?candidate=${globalId(held.id)}`, {
        headers: { authorization: `Bearer ${token(who) ?? ''}` },
      });
    expect((await transcript('held.test')).status).toBe(404);
    expect((await transcript('school.test')).status).toBe(404);
    expect((await transcript('pilote.demo')).status).toBe(200);
    // Another candidate's result is published as usual.
    expect(await read('other.test', other.id)).toMatchObject({
      resultWithheld: false,
      firstGroup: { outcome: 'CONTROL_ALLOWED' },
    });
  });

  it('allows no choice while held, whoever enters it, and records nothing', async () => {
    api.clock.set(ms(A_PUBLISHED, 60_000));
    for (const who of ['held.test', 'school.test']) {
      const refused = await api.gql<{ chooseControlTests: unknown }>(
        CHOOSE,
        { id: globalId(held.id) },
        token(who),
      );
      expect(refused.data?.chooseControlTests, who).toMatchObject({
        __typename: 'ResultWithheld',
        code: 'RESULT_WITHHELD',
      });
    }
    const chosen = await api.gql<{ chooseControlTests: unknown }>(
      CHOOSE,
      { id: globalId(other.id) },
      token('other.test'),
    );
    expect(chosen.data?.chooseControlTests).toMatchObject({ __typename: 'ControlChoice' });
    const choices = await api.database.db
      .selectFrom('control_choices')
      .select('candidate_id')
      .where('candidate_id', 'in', [held.id, other.id])
      .execute();
    expect(choices.map((c) => c.candidate_id)).toEqual([other.id]);
  });

  it('matches no outcome filter but the pilot’s, and is counted as WITHHELD, never named', async () => {
    const allowed = { firstGroupOutcome: 'CONTROL_ALLOWED' };
    expect(await ids('academie12.test', allowed)).not.toContain(held.id);
    expect(await ids('academie12.test', allowed)).toContain(other.id);
    expect(await ids('school.test', allowed)).not.toContain(held.id);
    expect(await ids('pilote.demo', allowed)).toContain(held.id);
    expect(await ids('academie12.test', { hasChosen: false })).toContain(held.id);
    expect(await ids('academie12.test', { hasChosen: true })).toEqual([other.id]);

    const all = await api.database.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('origin_academy_code', '=', '12')
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    for (const [who, academy] of [
      ['academie12.test', '12'],
      ['pilote.demo', '12'],
    ] as const) {
      const answer = await api.gql<{ statistics: { outcomes: Counted[] } }>(
        STATISTICS,
        { a: academy },
        token(who),
      );
      expect(answer.errors, who).toBeUndefined();
      const outcomes = answer.data?.statistics.outcomes ?? [];
      expect(
        outcomes.filter((o) => o.outcome === 'WITHHELD'),
        who,
      ).toEqual([{ specialtyCode: 'MCO', originAcademyCode: '12', outcome: 'WITHHELD', count: 1 }]);
      // Every candidate is counted once.
      expect(
        outcomes.reduce((n, o) => n + o.count, 0),
        who,
      ).toBe(Number(all.n));
    }
  });

  it('sends no reminder to choose while held', async () => {
    const db = api.database.db;
    // Not vacuous: the held candidate has an address, and would be reminded.
    const { email } = await db
      .selectFrom('candidates')
      .select('email')
      .where('id', '=', held.id)
      .executeTakeFirstOrThrow();
    expect(email).not.toBeNull();
    const added = await enqueueWindowReminders(db, ms(A_CLOSES, -3_600_000));
    const reminded = await db
      .selectFrom('outbox')
      .select('candidate_id')
      .where('kind', '=', 'WINDOW_REMINDER')
      .execute();
    expect(added).toBeGreaterThan(0);
    expect(reminded).toHaveLength(added);
    expect(reminded.map((r) => r.candidate_id)).not.toContain(held.id);
  });

  it('sends no publication notice while held; the release publishes at once and the notice follows', async () => {
    const db = api.database.db;
    await enqueuePublicationNotices(db, A_PUBLISHED);
    const noticed = async () =>
      (
        await db
          .selectFrom('outbox')
          .select('candidate_id')
          .where('kind', '=', 'FIRST_GROUP_PUBLISHED')
          .where('candidate_id', 'in', [held.id, other.id])
          .execute()
      ).map((r) => r.candidate_id);
    expect(await noticed()).toEqual([other.id]);

    api.clock.set(ms(A_PUBLISHED, 120_000));
    const released = await api.gql(RELEASE, { id: globalId(held.id) }, token('pilote.demo'));
    expect(released.data).toEqual({
      releaseResult: { resultWithheld: false, firstGroup: { outcome: 'CONTROL_ALLOWED' } },
    });
    expect(await read('held.test')).toMatchObject({
      resultWithheld: false,
      firstGroup: { outcome: 'CONTROL_ALLOWED' },
    });
    const entries = await audit();
    expect(entries.at(-1)).toEqual({
      action: 'RESULT_RELEASED',
      actor_role: 'PILOT',
      candidate_id: held.id,
      before: { reason: 'Pièce manquante', withheldAt: ms(BEFORE, 60_000).toISOString() },
      after: null,
    });
    // Releasing what is not held changes nothing.
    await api.gql(RELEASE, { id: globalId(held.id) }, token('pilote.demo'));
    expect(await audit()).toHaveLength(entries.length);
    expect(await db.selectFrom('withheld_results').selectAll().execute()).toEqual([]);

    await enqueuePublicationNotices(db, ms(A_PUBLISHED, 120_000));
    expect((await noticed()).sort()).toEqual([held.id, other.id].sort());
    // And now the candidate may choose.
    const chosen = await api.gql<{ chooseControlTests: unknown }>(
      CHOOSE,
      { id: globalId(held.id) },
      token('held.test'),
    );
    expect(chosen.data?.chooseControlTests).toMatchObject({ __typename: 'ControlChoice' });
  });

  it('sends the convocation of a held result on its release, and hides a final result held after publication', async () => {
    const db = api.database.db;
    const convocationNotices = async () =>
      (
        await db
          .selectFrom('outbox')
          .select('candidate_id')
          .where('kind', '=', 'CONVOCATION')
          .where('candidate_id', 'in', [held.id, other.id])
          .execute()
      ).map((r) => r.candidate_id);
    api.clock.set(A_CLOSES);
    await hold('Enquête pour fraude');
    const planned = await api.gql<{ scheduleConvocations: { issued: number } }>(
      'mutation { scheduleConvocations(year: 2024, academyCode: "12") { ... on ConvocationPlan { issued } } }',
      {},
      token('pilote.demo'),
    );
    expect(planned.data?.scheduleConvocations.issued).toBe(4);
    expect(await read('held.test')).toMatchObject({ resultWithheld: true, control: null });
    expect(await read('pilote.demo')).toMatchObject({ control: { convocations: [{}, {}] } });
    expect(await convocationNotices()).toEqual([other.id]);

    api.clock.set(ms(A_CLOSES, 60_000));
    await api.gql(RELEASE, { id: globalId(held.id) }, token('pilote.demo'));
    expect((await read('held.test'))?.control?.convocations).toHaveLength(2);
    expect((await convocationNotices()).sort()).toEqual([held.id, other.id].sort());

    for (const testCode of ['E1', 'E3']) {
      const recorded = await api.gql(
        'mutation($id: ID!, $t: String!) { recordControlMark(candidateId: $id, testCode: $t, hundredths: 2000) { __typename } }',
        { id: globalId(held.id), t: testCode },
        token('pilote.demo'),
      );
      expect(recorded.errors).toBeUndefined();
    }
    await db
      .insertInto('admission_list_consents')
      .values({ candidate_id: held.id, given_at: A_CLOSES })
      .execute();
    const [named] = await db
      .selectFrom('candidates')
      .select(['last_name', 'first_name'])
      .where('id', '=', held.id)
      .execute();
    const listed = async () => {
      const answer = await api.gql<{
        admissionList: { names: { lastName: string; firstName: string }[] };
      }>(
        `query($code: String!) { admissionList(year: 2024, specialtyCode: $code) { names { lastName firstName } } }`,
        { code: held.specialty_code },
      );
      return (answer.data?.admissionList.names ?? []).some(
        (n) => n.lastName === named?.last_name && n.firstName === named.first_name,
      );
    };

    // Held again once the final results are out: they disappear, for the candidate only.
    api.clock.set(SECOND_GROUP);
    expect(await listed()).toBe(true);
    expect(await read('held.test')).toMatchObject({ finalResult: { outcome: 'ADMITTED' } });
    await hold('Enquête pour fraude');
    expect(await read('held.test')).toEqual({
      resultWithheld: true,
      firstGroup: null,
      control: null,
      finalResult: null,
    });
    expect(await read('pilote.demo')).toMatchObject({ finalResult: { outcome: 'ADMITTED' } });
    // Nor is the candidate named on the public list of admitted candidates.
    expect(await listed()).toBe(false);
    await api.gql(RELEASE, { id: globalId(held.id) }, token('pilote.demo'));
    expect(await read('held.test')).toMatchObject({ finalResult: { outcome: 'ADMITTED' } });
    expect(await listed()).toBe(true);
    // Released after the orals: no convocation is sent again.
    expect(await convocationNotices()).toHaveLength(2);
  });
});
