import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

// 2024 batch A (MCO): window closing 1 July 10:00 Paris (08:00Z); second group 10 July 16:30.
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const LATE = `mutation($id: ID!, $codes: [String!]!, $reason: String!, $channel: Channel!) {
  recordLateControlChoice(candidateId: $id, testCodes: $codes, reason: $reason, channel: $channel) {
    __typename
    ... on Error { code message }
    ... on LateChoiceRefused { cause at }
    ... on ChannelNotAllowed { reason }
    ... on ControlChoice { channel enteredBy recordedLate lateReason tests { code } }
  } }`;
const OWN_CHOICE = `{ viewer { candidate { control { choice { channel enteredBy recordedLate lateReason tests { code } } } } } }`;
const REASON = 'Hospitalisé du 28 juin au 2 juillet (justificatif reçu).';

interface Late {
  recordLateControlChoice: {
    __typename: string;
    code?: string;
    message?: string;
    cause?: string;
    at?: string | null;
    channel?: string;
    reason?: string;
    recordedLate?: boolean;
    enteredBy?: string;
    lateReason?: string | null;
    tests?: { code: string }[];
  };
}

describe.each(backendsUnderTest())('a choice recorded late, by exception, on %s', (backend) => {
  let api: TestApi;
  let pilot: string;
  let candidateId: string;
  let failedId: string;

  const stored = () =>
    api.database.db
      .selectFrom('control_choices')
      .select(['channel', 'late_reason', 'test_code_1', 'test_code_2'])
      .where('candidate_id', '=', candidateId)
      .execute();
  const audited = () =>
    api.database.db
      .selectFrom('audit_log')
      .select(['action', 'channel', 'actor_role', 'before', 'after'])
      .where('candidate_id', '=', candidateId)
      .where('action', 'like', 'CONTROL_CHOICE%')
      .orderBy('id')
      .execute();
  const late = (
    codes: string[],
    reason: string,
    token = pilot,
    id = candidateId,
    channel = 'SCHOOL',
  ) => api.gql<Late>(LATE, { id: candidateGlobalId(id), codes, reason, channel }, token);

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_CLOSES, -1) });
    pilot = await api.logIn('pilote.demo');
    const db = api.database.db;
    const account = await db
      .selectFrom('accounts')
      .select('candidate_id')
      .where('identifier', '=', 'candidat.demo')
      .executeTakeFirstOrThrow();
    candidateId = account.candidate_id ?? '';
    // An address to send the receipt to.
    await db
      .updateTable('candidates')
      .set({ email: 'candidat.demo@example.test' })
      .where('id', '=', candidateId)
      .execute();
    const failed = await db
      .selectFrom('candidates')
      .select('id')
      .where('specialty_code', '=', 'MCO')
      .where('first_group_outcome', '=', 'FAILED')
      .orderBy('number')
      .executeTakeFirstOrThrow();
    failedId = failed.id;
  });
  afterAll(async () => {
    await api.close();
  });

  it('is refused while the window is open: the candidate or the school enters the choice', async () => {
    const refused = await late(['E1', 'E3'], REASON);
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.recordLateControlChoice).toMatchObject({
      __typename: 'LateChoiceRefused',
      code: 'LATE_CHOICE_REFUSED',
      cause: 'WINDOW_NOT_CLOSED',
      at: A_CLOSES.toISOString(),
    });
    expect(refused.data?.recordLateControlChoice.message).toContain(
      'lundi 1er juillet 2024 à 10 h 00',
    );
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);
  });

  it('is for the pilot only', async () => {
    api.clock.set(A_CLOSES);
    for (const identifier of ['academie.demo', 'etablissement.demo', 'candidat.demo']) {
      const refused = await late(['E1', 'E3'], REASON, await api.logIn(identifier));
      expect(refused.errors?.[0]?.extensions?.code, identifier).toBe('FORBIDDEN');
    }
    expect(await stored()).toEqual([]);
  });

  it.each([
    ['no reason', '', 'REASON_REQUIRED'],
    ['a blank reason', '  \n ', 'REASON_REQUIRED'],
    ['a reason of 501 characters', 'x'.repeat(501), 'REASON_TOO_LONG'],
  ])('refuses %s and changes nothing', async (_label, reason, cause) => {
    api.clock.set(A_CLOSES);
    const refused = await late(['E1', 'E3'], reason);
    expect(refused.data?.recordLateControlChoice).toMatchObject({
      __typename: 'LateChoiceRefused',
      cause,
      at: null,
    });
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);
  });

  it('applies the rules of any choice: channels, allowed candidates, eligible tests', async () => {
    api.clock.set(A_CLOSES);
    const individual = await api.database.db
      .selectFrom('accounts')
      .select('candidate_id')
      .where('identifier', '=', 'individuel.demo')
      .executeTakeFirstOrThrow();
    const throughSchool = await late(['E1', 'E3'], REASON, pilot, individual.candidate_id ?? '');
    expect(throughSchool.data?.recordLateControlChoice).toMatchObject({
      __typename: 'ChannelNotAllowed',
      reason: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL',
    });
    const notAllowed = await late(['E1', 'E3'], REASON, pilot, failedId);
    expect(notAllowed.data?.recordLateControlChoice.__typename).toBe('NotEligibleForControl');
    const invalid = await late(['E1', 'E5'], REASON);
    expect(invalid.data?.recordLateControlChoice.__typename).toBe('InvalidControlChoice');
    expect(await stored()).toEqual([]);
  });

  it('records it at the window’s end, audited with its reason, and tells the candidate', async () => {
    api.clock.set(A_CLOSES);
    const recorded = await late(['E3', 'E1'], `  ${REASON} `);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordLateControlChoice).toEqual({
      __typename: 'ControlChoice',
      channel: 'SCHOOL',
      enteredBy: 'pilote.demo',
      recordedLate: true,
      lateReason: REASON,
      tests: [{ code: 'E1' }, { code: 'E3' }],
    });
    expect(await stored()).toEqual([
      { channel: 'SCHOOL', late_reason: REASON, test_code_1: 'E1', test_code_2: 'E3' },
    ]);
    const audit = await audited();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'CONTROL_CHOICE_LATE_ENTERED',
      channel: 'SCHOOL',
      actor_role: 'PILOT',
      before: null,
      after: { testCodes: ['E1', 'E3'], channel: 'SCHOOL', lateReason: REASON },
    });
    const receipts = await api.database.db
      .selectFrom('outbox')
      .select('body')
      .where('candidate_id', '=', candidateId)
      .where('kind', '=', 'CHOICE_RECEIPT')
      .execute();
    expect(receipts.map((r) => r.body)).toEqual([
      expect.stringContaining('hors délai, à titre exceptionnel, par le service des examens'),
    ]);
  });

  it('reads as a late choice for the candidate and for their school', async () => {
    const own = await api.gql<{
      viewer: { candidate: { control: { choice: Record<string, unknown> } } };
    }>(OWN_CHOICE, {}, await api.logIn('candidat.demo'));
    expect(own.data?.viewer.candidate.control.choice).toMatchObject({
      channel: 'SCHOOL',
      recordedLate: true,
      lateReason: REASON,
    });
    const school = await api.gql<{
      candidates: { edges: { node: { id: string; control: { choice: unknown } } }[] };
    }>(
      `{ candidates(year: 2024, filter: { hasChosen: true }, first: 500) { edges { node { id control { choice { channel recordedLate lateReason } } } } } }`,
      {},
      await api.logIn('etablissement.demo'),
    );
    const row = school.data?.candidates.edges.find(
      (e) => e.node.id === candidateGlobalId(candidateId),
    );
    expect(row?.node.control.choice).toEqual({
      channel: 'SCHOOL',
      recordedLate: true,
      lateReason: REASON,
    });
  });

  it('can be corrected until the final results, never at or after them', async () => {
    api.clock.set(ms(SECOND_GROUP, -1));
    const corrected = await late(
      ['E1', 'E2'],
      'Erreur de saisie corrigée.',
      pilot,
      candidateId,
      'CANDIDATE_SPACE',
    );
    expect(corrected.data?.recordLateControlChoice).toMatchObject({
      channel: 'CANDIDATE_SPACE',
      lateReason: 'Erreur de saisie corrigée.',
    });
    const audit = await audited();
    expect(audit.at(-1)?.before).toMatchObject({ testCodes: ['E1', 'E3'], lateReason: REASON });

    api.clock.set(SECOND_GROUP);
    const tooLate = await late(['E1', 'E3'], REASON);
    expect(tooLate.data?.recordLateControlChoice).toMatchObject({
      cause: 'RESULTS_PUBLISHED',
      at: SECOND_GROUP.toISOString(),
    });
    expect(await stored()).toEqual([
      {
        channel: 'CANDIDATE_SPACE',
        late_reason: 'Erreur de saisie corrigée.',
        test_code_1: 'E1',
        test_code_2: 'E2',
      },
    ]);
    expect(await audited()).toHaveLength(2);
  });
});
