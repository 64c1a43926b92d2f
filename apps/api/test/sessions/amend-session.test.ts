import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueWindowReminders } from '../../src/notifications/enqueue-window-reminders.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

// 2024 batch A (MCO, NDRC): results 28 June 10:00 Paris (08:00Z), window closing 1 July 10:00
// (08:00Z); MCO orals 3 July, 4 July for Paris (01), Créteil (24), Versailles (25); second-group
// results 10 July 16:30 (14:30Z).
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REASON = 'Report décidé par le recteur (grève des transports).';

const AMEND = `mutation($year: Int!, $change: CalendarChangeInput!, $reason: String!) {
  amendExamSession(year: $year, change: $change, reason: $reason) {
    __typename
    ... on Error { code message }
    ... on CalendarAmendmentRefused { cause passedAt problems }
    ... on CalendarAmendment { what from to reason notifiedCandidates
      session { year secondGroupResultsAt } } } }`;
const SESSION = `{ examSession(year: 2024) { secondGroupResultsAt
  specialties { code choiceWindow { opensAt closesAt } oralDays { academy { code } date } } } }`;

interface Amended {
  amendExamSession: {
    __typename: string;
    code?: string;
    message?: string;
    cause?: string;
    passedAt?: string | null;
    problems?: string[];
    what?: string;
    from?: string;
    to?: string;
    reason?: string;
    notifiedCandidates?: number;
    session?: { year: number; secondGroupResultsAt: string };
  };
}
interface Session {
  examSession: {
    secondGroupResultsAt: string;
    specialties: {
      code: string;
      choiceWindow: { opensAt: string; closesAt: string };
      oralDays: { academy: { code: string } | null; date: string }[];
    }[];
  };
}

describe.each(backendsUnderTest())('amending the session’s calendar, on %s', (backend) => {
  let api: TestApi;
  let pilot: string;

  const amend = (change: Record<string, unknown>, reason = REASON, token: string | null = pilot) =>
    api.gql<Amended>(AMEND, { year: 2024, change, reason }, token);
  const session = async () => (await api.gql<Session>(SESSION)).data?.examSession;
  const closesOf = async (code: string) =>
    (await session())?.specialties.find((s) => s.code === code)?.choiceWindow.closesAt;
  const amendments = () =>
    api.database.db
      .selectFrom('audit_log')
      .select(['actor_role', 'before', 'after'])
      .where('action', '=', 'SESSION_CALENDAR_AMENDED')
      .orderBy('id')
      .execute();
  const notices = () =>
    api.database.db
      .selectFrom('outbox')
      .select(['candidate_id', 'subject', 'body', 'dedupe_key'])
      .where('kind', '=', 'CALENDAR_AMENDED')
      .orderBy('id')
      .execute();
  /** What a refusal must leave: the calendar, the audit and the outbox as they were. */
  async function expectNothingChanged(run: () => Promise<unknown>): Promise<void> {
    const before = [await session(), await amendments(), await notices()];
    await run();
    expect([await session(), await amendments(), await notices()]).toEqual(before);
  }

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -DAY), candidates: 40 });
    pilot = await api.logIn('pilote.demo');
    const db = api.database.db;
    // Every candidate has an address, so that who is told is decided by the rules alone.
    const candidates = await db.selectFrom('candidates').select(['id', 'number']).execute();
    for (const c of candidates)
      await db
        .updateTable('candidates')
        .set({ email: `c${c.number}@example.test` })
        .where('id', '=', c.id)
        .execute();
    // One MCO candidate the rules failed, allowed to the control by the jury.
    const failed = await db
      .selectFrom('candidates')
      .select('id')
      .where('specialty_code', '=', 'MCO')
      .where('first_group_outcome', '=', 'FAILED')
      .executeTakeFirstOrThrow();
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('identifier', '=', 'pilote.demo')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('jury_decisions')
      .values({
        candidate_id: failed.id,
        stage: 'FIRST_GROUP',
        outcome: 'CONTROL_ALLOWED',
        reason: 'Assiduité et progression.',
        decided_at: ms(A_PUBLISHED, -HOUR),
        decided_by_account_id: account.id,
      })
      .execute();
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.clock.set(ms(A_PUBLISHED, -DAY));
  });

  it('is the pilot’s alone: anyone else is refused and nothing changes', async () => {
    const change = { what: 'SECOND_GROUP_RESULTS', to: ms(SECOND_GROUP, HOUR).toISOString() };
    for (const who of ['academie.demo', 'etablissement.demo', 'candidat.demo']) {
      const token = await api.logIn(who);
      await expectNothingChanged(async () => {
        const r = await amend(change, REASON, token);
        expect(r.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      });
    }
    await expectNothingChanged(async () => {
      const r = await amend(change, REASON, null);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a change without its batch',
      { what: 'CHOICE_WINDOW_CLOSES', to: '2024-07-01T12:00:00Z' },
      REASON,
      'INCOMPLETE_CHANGE',
    ],
    [
      'an oral day without its day',
      { what: 'ORAL_DAY', specialtyCode: 'MCO' },
      REASON,
      'INCOMPLETE_CHANGE',
    ],
    [
      'an unknown batch',
      { what: 'CHOICE_WINDOW_CLOSES', batchId: 'Z', to: '2024-07-01T12:00:00Z' },
      REASON,
      'UNKNOWN_BATCH',
    ],
    [
      'an oral day no rule fixes',
      { what: 'ORAL_DAY', specialtyCode: 'MCO', academyCode: '19', day: '2024-07-05' },
      REASON,
      'UNKNOWN_ORAL_DAY',
    ],
    [
      'a blank reason',
      { what: 'SECOND_GROUP_RESULTS', to: '2024-07-10T16:00:00Z' },
      '  ',
      'REASON_REQUIRED',
    ],
    [
      'a reason longer than 500 characters',
      { what: 'SECOND_GROUP_RESULTS', to: '2024-07-10T16:00:00Z' },
      'm'.repeat(501),
      'REASON_TOO_LONG',
    ],
    [
      'a move into the past',
      { what: 'SECOND_GROUP_RESULTS', to: '2024-06-01T00:00:00Z' },
      REASON,
      'NOT_IN_FUTURE',
    ],
    [
      'no move at all',
      { what: 'SECOND_GROUP_RESULTS', to: SECOND_GROUP.toISOString() },
      REASON,
      'UNCHANGED',
    ],
    [
      'a window closing before the orals… after them',
      { what: 'CHOICE_WINDOW_CLOSES', batchId: 'A', to: '2024-07-09T08:00:00Z' },
      REASON,
      'INVALID_CALENDAR',
    ],
  ])('refuses %s, in French, and changes nothing', async (_label, change, reason, cause) => {
    await expectNothingChanged(async () => {
      const r = (await amend(change, reason)).data?.amendExamSession;
      expect(r).toMatchObject({ __typename: 'CalendarAmendmentRefused', cause });
      expect(r?.code).toBe('CALENDAR_AMENDMENT_REFUSED');
      expect(r?.message).toMatch(/^[A-ZÀ-Ý].+\.$/);
      expect(r?.message).not.toMatch(/'/);
      if (cause === 'INVALID_CALENDAR') expect(r?.problems?.length).toBeGreaterThan(0);
    });
  });

  it('answers UnknownExamSession for a year never defined', async () => {
    const r = await api.gql<Amended>(
      AMEND,
      {
        year: 2031,
        change: { what: 'SECOND_GROUP_RESULTS', to: '2031-07-10T16:00:00Z' },
        reason: REASON,
      },
      pilot,
    );
    expect(r.data?.amendExamSession.__typename).toBe('UnknownExamSession');
  });

  it('moves a window’s end 1 ms before it, then not at its new instant; pages and reminders follow', async () => {
    const db = api.database.db;
    // A day later: still before MCO's orals (3 July).
    const later = ms(A_CLOSES, DAY);
    // The batch's results are out: only candidates allowed to the control are told, the jury's included.
    const expected = (
      await db
        .selectFrom('candidates as c')
        .leftJoin('jury_decisions as j', 'j.candidate_id', 'c.id')
        .select('c.id')
        .where('c.specialty_code', 'in', ['MCO', 'NDRC'])
        .where((eb) =>
          eb.or([
            eb('j.outcome', '=', 'CONTROL_ALLOWED'),
            eb.and([
              eb('j.outcome', 'is', null),
              eb('c.first_group_outcome', '=', 'CONTROL_ALLOWED'),
            ]),
          ]),
        )
        .execute()
    ).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(1);
    api.clock.set(ms(A_CLOSES, -1));
    const noticesBefore = (await notices()).length;
    const r = (await amend({ what: 'CHOICE_WINDOW_CLOSES', batchId: 'A', to: later.toISOString() }))
      .data?.amendExamSession;
    expect(r).toMatchObject({
      __typename: 'CalendarAmendment',
      what: 'CHOICE_WINDOW_CLOSES',
      from: '2024-07-01T10:00',
      to: '2024-07-02T10:00',
      reason: REASON,
      notifiedCandidates: expected.length,
    });
    // The public calendar follows, for both specialties of the batch and no other.
    expect(await closesOf('MCO')).toBe(later.toISOString());
    expect(await closesOf('NDRC')).toBe(later.toISOString());
    expect(await closesOf('SIO')).not.toBe(later.toISOString());
    const sent = (await notices()).slice(noticesBefore);
    expect(sent.map((n) => n.candidate_id).sort()).toEqual([...expected].sort());
    expect(sent[0]?.body).toContain(
      'initialement le lundi 1er juillet 2024 à 10 h 00 (heure de Paris), désormais le mardi 2 juillet 2024 à 10 h 00 (heure de Paris).',
    );
    expect(sent[0]?.body).toContain(`Motif : ${REASON}`);
    const audit = (await amendments()).at(-1);
    expect(audit).toMatchObject({
      actor_role: 'PILOT',
      before: { year: 2024, what: 'CHOICE_WINDOW_CLOSES', value: '2024-07-01T10:00' },
      after: {
        by: 'pilote.demo',
        value: '2024-07-02T10:00',
        reason: REASON,
        notified: expected.length,
      },
    });
    // The reminder « 24 h before the end » follows the new end.
    expect(await enqueueWindowReminders(db, ms(A_CLOSES, -DAY + HOUR))).toBe(0);
    expect(await enqueueWindowReminders(db, ms(later, -DAY))).toBeGreaterThan(0);

    // At its new instant exactly, it has passed: refused, with the instant.
    api.clock.set(later);
    await expectNothingChanged(async () => {
      const again = await amend({
        what: 'CHOICE_WINDOW_CLOSES',
        batchId: 'A',
        to: ms(later, DAY).toISOString(),
      });
      expect(again.data?.amendExamSession).toMatchObject({
        cause: 'ALREADY_PASSED',
        passedAt: later.toISOString(),
      });
    });
  });

  it('moves an académie’s oral day and tells that académie’s candidates only', async () => {
    // Before the results: every MCO candidate of Paris (01), whatever their outcome.
    const paris = (
      await api.database.db
        .selectFrom('candidates')
        .select('id')
        .where('specialty_code', '=', 'MCO')
        .where('origin_academy_code', '=', '01')
        .execute()
    ).map((c) => c.id);
    const noticesBefore = (await notices()).length;
    const r = (
      await amend({ what: 'ORAL_DAY', specialtyCode: 'MCO', academyCode: '01', day: '2024-07-05' })
    ).data?.amendExamSession;
    expect(r).toMatchObject({
      from: '2024-07-04',
      to: '2024-07-05',
      notifiedCandidates: paris.length,
    });
    const mco = (await session())?.specialties.find((s) => s.code === 'MCO');
    expect(mco?.oralDays).toContainEqual({ academy: { code: '01' }, date: '2024-07-05' });
    expect(mco?.oralDays).toContainEqual({ academy: { code: '24' }, date: '2024-07-04' });
    expect(mco?.oralDays).toContainEqual({ academy: null, date: '2024-07-03' });
    const sent = (await notices()).slice(noticesBefore);
    expect(sent.map((n) => n.candidate_id).sort()).toEqual([...paris].sort());
  });

  it('decides two amendments of one instant one after the other, each on what the other left', async () => {
    const [a, b] = await Promise.all([
      amend({ what: 'SECOND_GROUP_RESULTS', to: ms(SECOND_GROUP, HOUR).toISOString() }),
      amend({ what: 'SECOND_GROUP_RESULTS', to: ms(SECOND_GROUP, 2 * HOUR).toISOString() }),
    ]);
    expect([a, b].map((x) => x.data?.amendExamSession.__typename)).toEqual([
      'CalendarAmendment',
      'CalendarAmendment',
    ]);
    const [first, second] = (await amendments()).filter(
      (e) => (e.before as { what: string }).what === 'SECOND_GROUP_RESULTS',
    );
    expect((first?.before as { value: string }).value).toBe('2024-07-10T16:30');
    expect((second?.before as { value: string }).value).toBe(
      (first?.after as { value: string }).value,
    );
    expect((await session())?.secondGroupResultsAt).toBe(
      new Date(`${(second?.after as { value: string }).value}:00+02:00`).toISOString(),
    );
  });
  it('refuses to move an oral day whose convocations are issued, and only that day', async () => {
    const db = api.database.db;
    const convoked = await db
      .selectFrom('candidates')
      .select('id')
      .where('specialty_code', '=', 'MCO')
      .where('origin_academy_code', 'not in', ['01', '24', '25'])
      .executeTakeFirstOrThrow();
    await db
      .insertInto('convocations')
      .values({
        candidate_id: convoked.id,
        test_code: 'E1',
        preparation_starts_at: new Date('2024-07-03T06:00:00.000Z'),
        starts_at: new Date('2024-07-03T06:30:00.000Z'),
        ends_at: new Date('2024-07-03T06:50:00.000Z'),
        place: 'Salle 101',
      })
      .execute();
    await expectNothingChanged(async () => {
      const r = (await amend({ what: 'ORAL_DAY', specialtyCode: 'MCO', day: '2024-07-05' })).data
        ?.amendExamSession;
      expect(r).toMatchObject({
        __typename: 'CalendarAmendmentRefused',
        cause: 'CONVOCATIONS_ISSUED',
        message:
          '1 candidat(s) ont déjà reçu leur convocation pour ce jour d’oral : elle garderait l’ancien jour. Ce jour ne peut plus être déplacé.',
      });
    });
    // Créteil's own day gives no convoked candidate theirs: it still moves.
    const other = await amend({
      what: 'ORAL_DAY',
      specialtyCode: 'MCO',
      academyCode: '24',
      day: '2024-07-05',
    });
    expect(other.data?.amendExamSession.__typename).toBe('CalendarAmendment');
  });
});
