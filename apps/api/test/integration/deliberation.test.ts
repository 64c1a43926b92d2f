import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import {
  PREVIOUS_DEMO_YEAR,
  seedPreviousDemoSession,
} from '../../src/demo/demo-previous-session.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { loseMark } from '../support/missing-mark.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

/** Each candidate's stored outcome and the transaction that last wrote its row. */
async function snapshot(
  t: TestDatabase,
): Promise<Map<string, { outcome: string | null; xmin: string }>> {
  const rows = await sql<{ id: string; outcome: string | null; xmin: string }>`
    select id, first_group_outcome as outcome, xmin::text as xmin from candidates`.execute(t.db);
  return new Map(rows.rows.map((r) => [r.id, { outcome: r.outcome, xmin: r.xmin }]));
}

describe.each(backendsUnderTest())('deliberating a session, on %s', (backend) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    // Any string will do as a hash: nobody logs in here.
    await seedDemo(t.db, { candidates: 300, hashPassword: () => Promise.resolve('x') });
  });
  afterAll(() => t.close());

  it('writes outcomes in place: a first deliberation adds no entry to any index of the candidates', async () => {
    // A session as an import leaves it: outcomes not yet computed, no dead row versions.
    await t.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
    await sql`vacuum candidates`.execute(t.db);
    const written = await t.db.transaction().execute(async (trx) => {
      // The backend's counts, which also hold earlier transactions' until they are flushed:
      // read before and after, within one transaction (nothing is flushed during it).
      const counts = async () => {
        const { rows } = await sql<{ updated: string; inPlace: string }>`
          select n_tup_upd::text as updated, n_tup_hot_upd::text as "inPlace"
          from pg_stat_xact_user_tables where relname = 'candidates'`.execute(trx);
        return { updated: Number(rows[0]?.updated), inPlace: Number(rows[0]?.inPlace) };
      };
      const before = await counts();
      await deliberateFirstGroup(trx, 2024);
      const after = await counts();
      // A HOT update writes the new row version on its page and no index entry.
      return { updated: after.updated - before.updated, inPlace: after.inPlace - before.inPlace };
    });
    const decided = await t.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('year', '=', 2024)
      .where('first_group_outcome', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(decided.n)).toBeGreaterThan(0);
    expect(written.updated).toBe(Number(decided.n));
    expect(written.inPlace).toBe(written.updated);
  });

  it('rewrites only the rows whose outcome changed', async () => {
    await deliberateFirstGroup(t.db, 2024);
    const before = await snapshot(t);
    await deliberateFirstGroup(t.db, 2024);
    expect(await snapshot(t)).toEqual(before);

    // One candidate admitted moves to failed: every professional mark to 0.
    const admitted = [...before].find(([, v]) => v.outcome === 'ADMITTED')?.[0];
    expect(admitted).toBeDefined();
    await t.db
      .updateTable('first_group_marks')
      .set({ hundredths: 0 })
      .where('candidate_id', '=', admitted as string)
      .where('status', '=', 'MARK')
      .execute();
    await deliberateFirstGroup(t.db, 2024);
    const after = await snapshot(t);
    const rewritten = [...after]
      .filter(([id, v]) => v.xmin !== before.get(id)?.xmin)
      .map(([id]) => id);
    expect(rewritten).toEqual([admitted]);
    expect(after.get(admitted as string)?.outcome).toBe('FAILED');
  });

  it('pages through the key whatever the other sessions: small pages store what one page does', async () => {
    await seedPreviousDemoSession(t.db, { candidates: 40 });
    await deliberateFirstGroup(t.db, 2024);
    const whole = await snapshot(t);
    await t.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
    // Pages of 7 ids: 2023's candidates sit between 2024's, and some pages hold none of 2024.
    const counts = await deliberateFirstGroup(t.db, 2024, 7);
    const paged = await snapshot(t);
    const outcomes = (m: Map<string, { outcome: string | null }>) =>
      new Map([...m].map(([id, v]) => [id, v.outcome]));
    const of2023 = await t.db
      .selectFrom('candidates')
      .select('id')
      .where('year', '=', PREVIOUS_DEMO_YEAR)
      .execute();
    expect(of2023).toHaveLength(40);
    // 2024 as one page decided it; 2023 left alone (it was never deliberated here).
    for (const { id } of of2023) expect(paged.get(id)?.outcome).toBeNull();
    const expected = outcomes(whole);
    for (const { id } of of2023) expected.set(id, null);
    expect(outcomes(paged)).toEqual(expected);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('is one transaction: a failure part-way leaves every stored outcome as it was', async () => {
    await t.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
    const failed = await deliberateFirstGroup(t.db, 2024).then(() => snapshot(t));
    const victim = [...failed].find(([, v]) => v.outcome === 'FAILED')?.[0] as string;
    await t.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
    // FAILED outcomes are stored after ADMITTED ones: refuse one of them.
    await sql`create function refuse_victim() returns trigger language plpgsql as $$
      begin
        if new.id = ${sql.lit(victim)}::uuid then raise exception 'injected failure'; end if;
        return new;
      end $$`.execute(t.db);
    await sql`create trigger refuse_victim before update on candidates
      for each row execute function refuse_victim()`.execute(t.db);
    try {
      await expect(deliberateFirstGroup(t.db, 2024)).rejects.toThrow(/injected failure/);
    } finally {
      await sql`drop trigger refuse_victim on candidates`.execute(t.db);
      await sql`drop function refuse_victim()`.execute(t.db);
    }
    const outcomes = [...(await snapshot(t)).values()].map((v) => v.outcome);
    expect(outcomes.every((o) => o === null)).toBe(true);
  });
});

// Batch A (MCO, NDRC): results and choice window at 08:00Z on 28 June; window closed 1 July 08:00Z.
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');

const RECORD_JURY = `mutation($id: ID!, $stage: JuryStage!, $outcome: JuryOutcome!) {
  recordJuryDecision(candidateId: $id, stage: $stage, outcome: $outcome, reason: "Délibération du jury") {
    __typename } }`;
const CHOOSE = `mutation($id: ID!) { chooseControlTests(candidateId: $id, testCodes: ["E1", "E3"]) {
  __typename ... on Error { code } } }`;
const VIEW = `{ viewer { candidate {
  firstGroup { outcome computedOutcome overallAverage { display } professionalAverage { display } }
  control { choice { tests { code } } convocations { test { code } } }
  finalResult { outcome computedOutcome overallAverage { display } controlMarks { mark { hundredths } } } } } }`;

interface View {
  viewer: {
    candidate: {
      firstGroup: {
        outcome: string;
        computedOutcome: string | null;
        overallAverage: { display: string } | null;
        professionalAverage: { display: string } | null;
      } | null;
      control: {
        choice: { tests: { code: string }[] } | null;
        convocations: { test: { code: string } }[];
      } | null;
      finalResult: {
        outcome: string;
        computedOutcome: string | null;
        overallAverage: { display: string } | null;
        controlMarks: { mark: { hundredths: number } | null }[];
      } | null;
    };
  };
}

describe.each(backendsUnderTest())(
  'the sovereign jury through the whole control, on %s',
  (backend) => {
    let api: TestApi;
    let pilot: string;
    /** Académie 12 batch-A candidates, by what the rules computed and what the jury decides. */
    const cases: Record<string, { id: string; identifier: string }> = {};

    const view = async (name: string) => {
      const r = await api.gql<View>(VIEW, {}, await api.logIn(cases[name]?.identifier ?? ''));
      expect(r.errors).toBeUndefined();
      return r.data?.viewer.candidate;
    };

    beforeAll(async () => {
      api = await startTestApi(backend, { at: A_PUBLISHED, candidates: 400 });
      const db = api.database.db;
      const rows = await db
        .selectFrom('candidates')
        .select(['id', 'first_group_outcome'])
        .where('origin_academy_code', '=', '12')
        .where('specialty_code', 'in', ['MCO', 'NDRC'])
        .orderBy('number')
        .execute();
      const pick = (outcome: string, skip = 0) => {
        const row = rows.filter((r) => r.first_group_outcome === outcome)[skip];
        if (row === undefined) throw new Error(`demo data: no académie 12 ${outcome} candidate`);
        return row.id;
      };
      const chosen = {
        failedAllowed: pick('FAILED'),
        admittedAllowed: pick('ADMITTED'),
        missingAllowed: pick('FAILED', 1),
        allowedAdmitted: pick('CONTROL_ALLOWED'),
      };
      // A mark goes missing: no outcome can be computed for this candidate any more.
      await loseMark(db, [chosen.missingAllowed]);
      for (const [name, id] of Object.entries(chosen)) {
        const identifier = `${name}.test`;
        await db
          .insertInto('accounts')
          .values({
            identifier,
            password_hash: await hashPassword(DEMO_PASSWORD),
            role: 'CANDIDATE',
            candidate_id: id,
          })
          .execute();
        cases[name] = { id, identifier };
      }
      pilot = await api.logIn('pilote.demo');
      for (const [name, outcome] of [
        ['failedAllowed', 'CONTROL_ALLOWED'],
        ['admittedAllowed', 'CONTROL_ALLOWED'],
        ['missingAllowed', 'CONTROL_ALLOWED'],
        ['allowedAdmitted', 'ADMITTED'],
      ] as const) {
        const r = await api.gql<{ recordJuryDecision: { __typename: string } }>(
          RECORD_JURY,
          { id: candidateGlobalId(cases[name]?.id ?? ''), stage: 'FIRST_GROUP', outcome },
          pilot,
        );
        expect(r.data?.recordJuryDecision.__typename).toBe('Candidate');
      }
    });
    afterAll(async () => {
      await api.close();
    });

    it('shows the jury’s outcome, with the averages « non calculable » where a mark is missing', async () => {
      api.clock.set(A_PUBLISHED);
      expect((await view('failedAllowed'))?.firstGroup).toMatchObject({
        outcome: 'CONTROL_ALLOWED',
        computedOutcome: 'FAILED',
      });
      expect((await view('missingAllowed'))?.firstGroup).toEqual({
        outcome: 'CONTROL_ALLOWED',
        computedOutcome: null,
        overallAverage: null,
        professionalAverage: null,
      });
      expect((await view('allowedAdmitted'))?.firstGroup).toMatchObject({
        outcome: 'ADMITTED',
        computedOutcome: 'CONTROL_ALLOWED',
      });
      expect((await view('allowedAdmitted'))?.control).toBeNull();
    });

    it('filters and stores the jury’s outcome, a missing mark or not', async () => {
      const filtered = await api.gql<{ candidates: { edges: { node: { id: string } }[] } }>(
        `{ candidates(year: 2024, first: 500, filter: { firstGroupOutcome: CONTROL_ALLOWED, originAcademyCode: "12" }) {
        edges { node { id } } } }`,
        {},
        await api.logIn('academie.demo'),
      );
      const ids = filtered.data?.candidates.edges.map((e) => e.node.id) ?? [];
      for (const name of ['failedAllowed', 'admittedAllowed', 'missingAllowed'])
        expect(ids).toContain(candidateGlobalId(cases[name]?.id ?? ''));
      expect(ids).not.toContain(candidateGlobalId(cases['allowedAdmitted']?.id ?? ''));
    });

    it('lets the jury’s CONTROL_ALLOWED candidates choose, and not the one the jury admitted', async () => {
      api.clock.set(A_PUBLISHED);
      for (const name of ['failedAllowed', 'admittedAllowed', 'missingAllowed']) {
        const token = await api.logIn(cases[name]?.identifier ?? '');
        const r = await api.gql<{ chooseControlTests: { __typename: string } }>(
          CHOOSE,
          { id: candidateGlobalId(cases[name]?.id ?? '') },
          token,
        );
        expect(r.data?.chooseControlTests.__typename, name).toBe('ControlChoice');
      }
      const admitted = await api.gql<{ chooseControlTests: { __typename: string } }>(
        CHOOSE,
        { id: candidateGlobalId(cases['allowedAdmitted']?.id ?? '') },
        await api.logIn(cases['allowedAdmitted']?.identifier ?? ''),
      );
      expect(admitted.data?.chooseControlTests.__typename).toBe('NotEligibleForControl');
    });

    it('plans and summons them once the window has closed', async () => {
      api.clock.set(A_CLOSES);
      const planned = await api.gql<{ scheduleConvocations: { issued: number } }>(
        'mutation { scheduleConvocations(year: 2024, academyCode: "12") { ... on ConvocationPlan { issued } } }',
        {},
        await api.logIn('pilote.demo'),
      );
      expect(planned.data?.scheduleConvocations.issued).toBe(6);
      for (const name of ['failedAllowed', 'admittedAllowed', 'missingAllowed']) {
        const codes = (await view(name))?.control?.convocations.map((c) => c.test.code).sort();
        expect(codes, name).toEqual(['E1', 'E3']);
        const pdf = await fetch(
          `${api.url}/documents/convocation.pdf?candidate=${candidateGlobalId(cases[name]?.id ?? '')}`,
          { headers: { authorization: `Bearer ${await api.logIn('pilote.demo')}` } },
        );
        expect(pdf.status, name).toBe(200);
      }
    });

    it('deliberates them on their orals; with a mark missing, only the jury can decide', async () => {
      api.clock.set(A_CLOSES);
      const token = await api.logIn('pilote.demo');
      for (const name of ['failedAllowed', 'admittedAllowed', 'missingAllowed'])
        for (const test of ['E1', 'E3']) {
          const r = await api.gql<{ recordControlMark: { __typename: string } }>(
            `mutation($id: ID!, $t: String!) { recordControlMark(candidateId: $id, testCode: $t, hundredths: 2000) { __typename } }`,
            { id: candidateGlobalId(cases[name]?.id ?? ''), t: test },
            token,
          );
          expect(r.data?.recordControlMark.__typename).toBe('ControlMark');
        }
      api.clock.set(SECOND_GROUP);
      for (const name of ['failedAllowed', 'admittedAllowed']) {
        const final = (await view(name))?.finalResult;
        expect(final?.controlMarks.map((m) => m.mark?.hundredths)).toEqual([2000, 2000]);
        expect(final?.outcome).toBe(final?.computedOutcome);
        expect(final?.overallAverage).not.toBeNull();
      }
      // Best-of never lowers: admitted before, admitted after the orals.
      expect((await view('admittedAllowed'))?.finalResult?.outcome).toBe('ADMITTED');
      // The rules cannot compute a final average with a mark missing: no outcome until the jury's.
      expect((await view('missingAllowed'))?.finalResult).toBeNull();
      await api.gql(
        RECORD_JURY,
        {
          id: candidateGlobalId(cases['missingAllowed']?.id ?? ''),
          stage: 'FINAL',
          outcome: 'ADMITTED',
        },
        await api.logIn('pilote.demo'),
      );
      expect((await view('missingAllowed'))?.finalResult).toMatchObject({
        outcome: 'ADMITTED',
        computedOutcome: null,
        overallAverage: null,
      });
      expect((await view('allowedAdmitted'))?.finalResult).toMatchObject({
        outcome: 'ADMITTED',
        controlMarks: [],
      });
    });

    it('leaves a choice without effect once the jury admits the candidate after it', async () => {
      api.clock.set(A_CLOSES);
      const token = await api.logIn('pilote.demo');
      const id = candidateGlobalId(cases['admittedAllowed']?.id ?? '');
      await api.gql(RECORD_JURY, { id, stage: 'FIRST_GROUP', outcome: 'ADMITTED' }, token);
      const mark = await api.gql<{ recordControlMark: { __typename: string } }>(
        `mutation($id: ID!) { recordControlMark(candidateId: $id, testCode: "E1", hundredths: 1500) { __typename } }`,
        { id },
        token,
      );
      expect(mark.data?.recordControlMark.__typename).toBe('TestNotChosen');
      const chosen = await api.gql<{ candidates: { edges: { node: { id: string } }[] } }>(
        '{ candidates(year: 2024, first: 500, filter: { hasChosen: true, originAcademyCode: "12" }) { edges { node { id } } } }',
        {},
        token,
      );
      expect(chosen.data?.candidates.edges.map((e) => e.node.id)).not.toContain(id);
      // Its convocation, issued before, is no longer served either.
      const pdf = await fetch(`${api.url}/documents/convocation.pdf?candidate=${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(pdf.status).toBe(404);
      api.clock.set(SECOND_GROUP);
      expect((await view('admittedAllowed'))?.control).toBeNull();
      expect((await view('admittedAllowed'))?.finalResult).toMatchObject({
        outcome: 'ADMITTED',
        controlMarks: [],
      });
    });
  },
);
