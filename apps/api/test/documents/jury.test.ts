import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_PUBLISHED, SECOND_GROUP, addAccount, globalId, ms, prepareControl } from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

const RECORD = `mutation($id: ID!, $stage: JuryStage!, $outcome: JuryOutcome!, $reason: String!) {
  recordJuryDecision(candidateId: $id, stage: $stage, outcome: $outcome, reason: $reason) {
    __typename ... on Error { code message }
    ... on Candidate { firstGroup { outcome computedOutcome juryDecision { outcome reason decidedAt decidedBy } }
                       finalResult { outcome computedOutcome juryDecision { outcome reason } } } } }`;

interface Recorded {
  recordJuryDecision: {
    __typename: string;
    code?: string;
    message?: string;
    firstGroup?: {
      outcome: string;
      computedOutcome: string;
      juryDecision: {
        outcome: string;
        reason: string;
        decidedAt: string;
        decidedBy: string;
      } | null;
    } | null;
    finalResult?: {
      outcome: string;
      computedOutcome: string;
      juryDecision: { reason: string } | null;
    } | null;
  };
}

describe.each(backendsUnderTest())('jury decisions, on %s', (backend) => {
  let api: TestApi;
  let pilot: string;
  let failedId: string;
  let chosenId: string;

  beforeAll(async () => {
    api = await startTestApi(backend, { at: A_PUBLISHED, candidates: 400 });
    const fixture = await prepareControl(api, 1);
    failedId = fixture.failed.id;
    chosenId = fixture.chosen[0]?.id ?? '';
    await addAccount(api, 'failed.test', { role: 'CANDIDATE', candidate_id: failedId });
    pilot = await api.logIn('pilote.demo');
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['FIRST_GROUP', 'ADMITTED', '   ', 'ReasonRequired', 'REASON_REQUIRED'],
    ['FIRST_GROUP', 'ADMITTED', 'x'.repeat(2001), 'ReasonTooLong', 'REASON_TOO_LONG'],
    ['FINAL', 'CONTROL_ALLOWED', 'Motif', 'OutcomeNotForStage', 'OUTCOME_NOT_FOR_STAGE'],
  ])(
    'refuses %s %s with reason %j as %s, recording nothing',
    async (stage, outcome, reason, type, code) => {
      const r = await api.gql<Recorded>(
        RECORD,
        { id: globalId(failedId), stage, outcome, reason },
        pilot,
      );
      expect(r.data?.recordJuryDecision).toMatchObject({ __typename: type, code });
      const rows = await api.database.db.selectFrom('jury_decisions').selectAll().execute();
      expect(rows).toEqual([]);
    },
  );

  it('is for the pilot only', async () => {
    const academy = await api.logIn('academie.demo');
    const r = await api.gql<Recorded>(
      RECORD,
      { id: globalId(failedId), stage: 'FIRST_GROUP', outcome: 'ADMITTED', reason: 'Motif' },
      academy,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('overrides the computed first-group outcome, keeps it visible, audits it, and survives deliberation', async () => {
    api.clock.set(A_PUBLISHED);
    const r = await api.gql<Recorded>(
      RECORD,
      {
        id: globalId(failedId),
        stage: 'FIRST_GROUP',
        outcome: 'ADMITTED',
        reason: 'Délibération du jury : erreur de report de note en E5.',
      },
      pilot,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.recordJuryDecision.firstGroup).toMatchObject({
      outcome: 'ADMITTED',
      computedOutcome: 'FAILED',
      juryDecision: {
        outcome: 'ADMITTED',
        reason: 'Délibération du jury : erreur de report de note en E5.',
        decidedAt: A_PUBLISHED.toISOString(),
        decidedBy: 'pilote.demo',
      },
    });
    const audit = await api.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'after'])
      .where('candidate_id', '=', failedId)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ action: 'JURY_DECISION_RECORDED', actor_role: 'PILOT' }),
    ]);

    // Recomputing from marks must not undo the jury (the stored outcome feeds filters).
    await deliberateFirstGroup(api.database.db, 2024);
    const stored = await api.database.db
      .selectFrom('candidates')
      .select('first_group_outcome')
      .where('id', '=', failedId)
      .executeTakeFirstOrThrow();
    expect(stored.first_group_outcome).toBe('ADMITTED');
    const filtered = await api.gql<{ candidates: { edges: { node: { id: string } }[] } }>(
      '{ candidates(year: 2024, first: 500, filter: { firstGroupOutcome: ADMITTED, originAcademyCode: "12" }) { edges { node { id } } } }',
      {},
      pilot,
    );
    expect(filtered.data?.candidates.edges.map((e) => e.node.id)).toContain(globalId(failedId));

    const candidate = await api.logIn('failed.test');
    const transcript = await fetch(
      `${api.url}/documents/releve.pdf?candidate=${globalId(failedId)}`,
      {
        headers: { authorization: `Bearer ${candidate}` },
      },
    );
    const text = (await parsePdf(new Uint8Array(await transcript.arrayBuffer()))).text;
    expect(text).toContain('Résultat : Admis');
    expect(text).toContain('Décision du jury : Admis');
    expect(text).toMatch(/erreur de report de note\s+en E5/);
  });

  it('overrides the final outcome after the control, and the transcript says it is the jury’s', async () => {
    api.clock.set(SECOND_GROUP);
    pilot = await api.logIn('pilote.demo');
    const r = await api.gql<Recorded>(
      RECORD,
      {
        id: globalId(chosenId),
        stage: 'FINAL',
        outcome: 'FAILED',
        reason: 'Fraude constatée à l’oral.',
      },
      pilot,
    );
    expect(r.data?.recordJuryDecision.finalResult).toMatchObject({
      outcome: 'FAILED',
      computedOutcome: 'ADMITTED',
      juryDecision: { reason: 'Fraude constatée à l’oral.' },
    });
    const csv = await (
      await fetch(`${api.url}/documents/resultats.csv?year=2024&academy=12`, {
        headers: { authorization: `Bearer ${pilot}` },
      })
    ).text();
    const line = csv.split('\r\n').find((l) => l.includes('Fraude constatée'));
    expect(line).toContain(';Ajourné;');
  });

  it('hides a final jury decision before the second-group publication from everyone but the pilot', async () => {
    api.clock.set(ms(SECOND_GROUP, -1));
    const academy = await api.logIn('academie.demo');
    const r = await api.gql<{ candidate: { finalResult: unknown } }>(
      'query($id: ID!) { candidate(id: $id) { finalResult { outcome juryDecision { reason } } } }',
      { id: globalId(chosenId) },
      academy,
    );
    expect(r.data?.candidate.finalResult).toBeNull();
  });
});
