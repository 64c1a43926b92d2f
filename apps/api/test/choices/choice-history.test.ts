import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

// 2024 batch A (MCO): window 28 June 10:00 → 1 July 10:00 Paris.
const A_OPENS = new Date('2024-06-28T08:00:00.000Z');
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const MINUTE = 60_000;
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const HISTORY = `query($id: ID!) { candidate(id: $id) { control { choiceHistory {
  tests { code } channel enteredAt authorRole recordedLate lateReason } } } }`;
const CHOOSE = `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) { __typename } }`;
const LATE = `mutation($id: ID!, $codes: [String!]!) { recordLateControlChoice(candidateId: $id, testCodes: $codes,
  reason: "Erreur de l’établissement signalée le 1er juillet.", channel: SCHOOL) { __typename } }`;

interface History {
  candidate: { control: { choiceHistory: Record<string, unknown>[] } | null } | null;
}

describe.each(backendsUnderTest())('a candidate’s choice history, on %s', (backend) => {
  let api: TestApi;
  let id: string;

  beforeAll(async () => {
    api = await startTestApi(backend, { at: A_OPENS });
    const account = await api.database.db
      .selectFrom('accounts')
      .select('candidate_id')
      .where('identifier', '=', 'candidat.demo')
      .executeTakeFirstOrThrow();
    id = candidateGlobalId(account.candidate_id ?? '');
  });
  afterAll(async () => {
    await api.close();
  });

  it('is empty before any choice', async () => {
    const read = await api.gql<History>(HISTORY, { id }, await api.logIn('candidat.demo'));
    expect(read.errors).toBeUndefined();
    expect(read.data?.candidate?.control?.choiceHistory).toEqual([]);
  });

  it('lists every entry, oldest first, with who made it and through which channel', async () => {
    const candidate = await api.logIn('candidat.demo');
    const school = await api.logIn('etablissement.demo');
    api.clock.set(ms(A_OPENS, MINUTE));
    expect((await api.gql(CHOOSE, { id, codes: ['E1', 'E3'] }, candidate)).errors).toBeUndefined();
    api.clock.set(ms(A_OPENS, 2 * MINUTE));
    expect((await api.gql(CHOOSE, { id, codes: ['E1', 'E2'] }, school)).errors).toBeUndefined();
    api.clock.set(ms(A_CLOSES, MINUTE));
    const late = await api.gql(LATE, { id, codes: ['E2', 'E3'] }, await api.logIn('pilote.demo'));
    expect(late.errors).toBeUndefined();

    const expected = [
      {
        tests: [{ code: 'E1' }, { code: 'E3' }],
        channel: 'CANDIDATE_SPACE',
        enteredAt: ms(A_OPENS, MINUTE).toISOString(),
        authorRole: 'CANDIDATE',
        recordedLate: false,
        lateReason: null,
      },
      {
        tests: [{ code: 'E1' }, { code: 'E2' }],
        channel: 'SCHOOL',
        enteredAt: ms(A_OPENS, 2 * MINUTE).toISOString(),
        authorRole: 'SCHOOL',
        recordedLate: false,
        lateReason: null,
      },
      {
        tests: [{ code: 'E2' }, { code: 'E3' }],
        channel: 'SCHOOL',
        enteredAt: ms(A_CLOSES, MINUTE).toISOString(),
        authorRole: 'PILOT',
        recordedLate: true,
        lateReason: 'Erreur de l’établissement signalée le 1er juillet.',
      },
    ];
    // The candidate (their own), their school, the pilot: the same history.
    for (const identifier of ['candidat.demo', 'etablissement.demo', 'pilote.demo']) {
      const read = await api.gql<History>(HISTORY, { id }, await api.logIn(identifier));
      expect(read.errors, identifier).toBeUndefined();
      expect(read.data?.candidate?.control?.choiceHistory, identifier).toEqual(expected);
    }
  });

  it('shows, later in one operation, the entry a mutation recorded earlier in it', async () => {
    // Mutation fields run one after the other, with the request's loaders
    // shared: the second read must not be the first one's, cached.
    const SEQUENCE = `mutation($id: ID!) {
      before: releaseResult(candidateId: $id) { control { choiceHistory { tests { code } } } }
      late: recordLateControlChoice(candidateId: $id, testCodes: ["E1", "E3"],
        reason: "Courrier du candidat reçu le 2 juillet.", channel: SCHOOL) { __typename }
      after: releaseResult(candidateId: $id) {
        control { choice { tests { code } } choiceHistory { tests { code } lateReason } } }
    }`;
    api.clock.set(ms(A_CLOSES, 2 * MINUTE));
    const codes = (entry: { tests: { code: string }[] }) => entry.tests.map((t) => t.code);
    const sequence = await api.gql<{
      before: { control: { choiceHistory: { tests: { code: string }[] }[] } };
      after: {
        control: {
          choice: { tests: { code: string }[] };
          choiceHistory: { tests: { code: string }[]; lateReason: string | null }[];
        };
      };
    }>(SEQUENCE, { id }, await api.logIn('pilote.demo'));
    expect(sequence.errors).toBeUndefined();
    const before = sequence.data?.before.control.choiceHistory ?? [];
    const after = sequence.data?.after.control;
    expect(before.map(codes)).toEqual([
      ['E1', 'E3'],
      ['E1', 'E2'],
      ['E2', 'E3'],
    ]);
    expect(after?.choiceHistory.map(codes)).toEqual([...before.map(codes), ['E1', 'E3']]);
    expect(after?.choiceHistory.at(-1)?.lateReason).toBe('Courrier du candidat reçu le 2 juillet.');
    expect(after && codes(after.choice)).toEqual(['E1', 'E3']);
  });

  it('is not seen by anyone who does not see the candidate', async () => {
    for (const identifier of ['individuel.demo', 'academie.demo']) {
      const read = await api.gql<History>(HISTORY, { id }, await api.logIn(identifier));
      expect(read.errors, identifier).toBeUndefined();
      expect(read.data?.candidate, identifier).toBeNull();
    }
  });
});
