import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { QueryCounter } from '../support/query-counter.ts';
import { backendsUnderTest } from '../support/test-database.ts';

// Batch B (SIO): results and window opening 1 July 2024 19:00 Paris.
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const B_PUBLISHED = new Date('2024-07-01T17:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const VIEW = `{ viewer { candidate { specialty { code } firstGroup { outcome publishedAt } finalResult { outcome } } } }`;

interface View {
  viewer: {
    candidate: {
      specialty: { code: string };
      firstGroup: { outcome: string; publishedAt: string } | null;
      finalResult: { outcome: string } | null;
    };
  };
}

/** Tables whose rows an outcome filter could reveal, were it to read them (issue 14). */
const RESULT_TABLES = [
  'candidates',
  'first_group_marks',
  'control_marks',
  'control_choices',
  'jury_decisions',
];

describe.each(backendsUnderTest())('the results embargo of batch B, on %s', (backend) => {
  let api: TestApi;
  const counter = new QueryCounter();

  beforeAll(async () => {
    api = await startTestApi(backend, {
      candidates: 120,
      instrument: (db) => db.withPlugin(counter),
    });
    // An SIO candidate with a decided outcome gets an account of their own.
    const sio = await api.database.db
      .selectFrom('candidates')
      .select('id')
      .where('specialty_code', '=', 'SIO')
      .where('first_group_outcome', 'is not', null)
      .orderBy('number')
      .executeTakeFirstOrThrow();
    await api.database.db
      .insertInto('accounts')
      .values({
        identifier: 'sio.test',
        password_hash: await hashPassword(DEMO_PASSWORD),
        role: 'CANDIDATE',
        candidate_id: sio.id,
      })
      .execute();
  });
  afterAll(async () => {
    await api.close();
  });

  it('keeps SIO results hidden one millisecond before 1 July 19:00 Paris, and shows them at that instant', async () => {
    api.clock.set(ms(B_PUBLISHED, -1));
    const before = await api.gql<View>(VIEW, {}, await api.logIn('sio.test'));
    expect(before.data?.viewer.candidate.specialty.code).toBe('SIO');
    expect(before.data?.viewer.candidate.firstGroup).toBeNull();

    api.clock.set(B_PUBLISHED);
    const at = await api.gql<View>(VIEW, {}, await api.logIn('sio.test'));
    expect(at.data?.viewer.candidate.firstGroup?.publishedAt).toBe(B_PUBLISHED.toISOString());
    expect(['ADMITTED', 'CONTROL_ALLOWED', 'FAILED']).toContain(
      at.data?.viewer.candidate.firstGroup?.outcome,
    );
  });

  it('keeps final results hidden until 10 July 16:30 Paris, then shows them', async () => {
    api.clock.set(ms(SECOND_GROUP, -1));
    const before = await api.gql<View>(VIEW, {}, await api.logIn('sio.test'));
    expect(before.data?.viewer.candidate.finalResult).toBeNull();
    api.clock.set(SECOND_GROUP);
    const at = await api.gql<View>(VIEW, {}, await api.logIn('sio.test'));
    expect(at.data?.viewer.candidate.finalResult).not.toBeNull();
  });

  it('does not count embargoed outcomes for a partner académie, and counts them for the pilot', async () => {
    api.clock.set(ms(B_PUBLISHED, -1));
    const query =
      '{ candidates(year: 2024, filter: { specialtyCode: "SIO", firstGroupOutcome: ADMITTED }) { totalCount } }';
    const pilot = await api.gql<{ candidates: { totalCount: number } }>(
      query,
      {},
      await api.logIn('pilote.demo'),
    );
    const school = await api.gql<{ candidates: { totalCount: number } }>(
      query,
      {},
      await api.logIn('etablissement.demo'),
    );
    expect(pilot.data?.candidates.totalCount).toBeGreaterThan(0);
    expect(school.data?.candidates.totalCount).toBe(0);
  });

  it.each([
    [
      'SIO before its publication',
      ms(B_PUBLISHED, -1),
      '{ specialtyCode: "SIO", firstGroupOutcome: ADMITTED }',
    ],
    [
      'any specialty before the first publication',
      ms(A_PUBLISHED, -1),
      '{ firstGroupOutcome: FAILED }',
    ],
    ['chosen, before the first publication', ms(A_PUBLISHED, -1), '{ hasChosen: true }'],
  ])(
    'answers an embargoed outcome filter (%s) from the clock alone, reading no candidate',
    async (_label, at, filter) => {
      api.clock.set(at);
      const query = `{ candidates(year: 2024, filter: ${filter}) { totalCount edges { node { id } } } }`;
      for (const who of ['academie.demo', 'etablissement.demo']) {
        const token = await api.logIn(who);
        counter.reset();
        const r = await api.gql<{ candidates: { totalCount: number; edges: unknown[] } }>(
          query,
          {},
          token,
        );
        expect(r.data?.candidates).toEqual({ totalCount: 0, edges: [] });
        expect(counter.touchingAfterAuthentication(RESULT_TABLES), who).toEqual([]);
      }
      // The pilot sees through the embargo: the same filter reads the candidates.
      const pilot = await api.logIn('pilote.demo');
      counter.reset();
      await api.gql(query, {}, pilot);
      expect(counter.touchingAfterAuthentication(RESULT_TABLES).length).toBeGreaterThan(0);
    },
  );
});
