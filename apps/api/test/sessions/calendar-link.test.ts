import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

const NOW = new Date('2024-06-20T08:00:00.000Z');
const CREATE = `mutation { createCalendarLink { __typename ... on CreatedCalendarLink { token createdAt } } }`;
const REVOKE = `mutation { revokeCalendarLink }`;
const MINE = `{ viewer { candidate { calendarLink { createdAt } } } }`;
const CALENDAR = `query($token: String!) { candidateCalendar(token: $token) {
  year specialtyCode specialtyName firstGroupResultsAt choiceWindow { opensAt closesAt }
  oralDay secondGroupResultsAt } }`;
const PUBLIC = `{ examSession(year: 2024) { secondGroupResultsAt specialties { code name
  firstGroupResultsAt choiceWindow { opensAt closesAt } oralDays { academy { code } date } } } }`;

interface Calendar {
  candidateCalendar: {
    year: number;
    specialtyCode: string;
    specialtyName: string;
    firstGroupResultsAt: string;
    choiceWindow: { opensAt: string; closesAt: string };
    oralDay: string | null;
    secondGroupResultsAt: string;
  } | null;
}
interface Public {
  examSession: {
    secondGroupResultsAt: string;
    specialties: {
      code: string;
      name: string;
      firstGroupResultsAt: string;
      choiceWindow: { opensAt: string; closesAt: string };
      oralDays: { academy: { code: string } | null; date: string }[];
    }[];
  };
}

describe.each(backendsUnderTest())('a candidate’s calendar link, on %s', (backend) => {
  let api: TestApi;
  let candidate: string;
  let candidateId: string;

  const create = async (token = candidate) =>
    api.gql<{ createCalendarLink: { token: string; createdAt: string } }>(CREATE, {}, token);
  const open = async (token: string) => api.gql<Calendar>(CALENDAR, { token });
  const links = () =>
    api.database.db.selectFrom('calendar_links').selectAll().orderBy('created_at').execute();
  const audit = () =>
    api.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'candidate_id', 'after'])
      .where('action', 'like', 'CALENDAR_LINK%')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    api = await startTestApi(backend, { at: NOW, candidates: 20 });
    candidate = await api.logIn('candidat.demo');
    const account = await api.database.db
      .selectFrom('accounts')
      .select('candidate_id')
      .where('identifier', '=', 'candidat.demo')
      .executeTakeFirstOrThrow();
    candidateId = account.candidate_id ?? '';
  });
  afterAll(async () => {
    await api.close();
  });

  it('is the candidate’s own: anyone else is refused and nothing is stored', async () => {
    for (const who of ['etablissement.demo', 'academie.demo', 'pilote.demo']) {
      const token = await api.logIn(who);
      for (const mutation of [CREATE, REVOKE])
        expect((await api.gql(mutation, {}, token)).errors?.[0]?.extensions?.code, who).toBe(
          'FORBIDDEN',
        );
    }
    expect((await api.gql(CREATE)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await links()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('opens the candidate’s own calendar, as the public calendar has it, with a secret kept only hashed', async () => {
    expect((await api.gql(MINE, {}, candidate)).data).toEqual({
      viewer: { candidate: { calendarLink: null } },
    });
    const created = (await create()).data?.createCalendarLink;
    expect(created?.token).toMatch(/^cal_[A-Za-z0-9_-]{43}$/);
    expect(created?.createdAt).toBe(NOW.toISOString());
    const stored = await links();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(created?.token.slice(4, 20));
    expect((await api.gql(MINE, {}, candidate)).data).toEqual({
      viewer: { candidate: { calendarLink: { createdAt: NOW.toISOString() } } },
    });

    const me = await api.database.db
      .selectFrom('candidates')
      .select(['specialty_code', 'origin_academy_code'])
      .where('id', '=', candidateId)
      .executeTakeFirstOrThrow();
    const session = (await api.gql<Public>(PUBLIC)).data?.examSession;
    const specialty = session?.specialties.find((s) => s.code === me.specialty_code);
    const day =
      specialty?.oralDays.find((d) => d.academy?.code === me.origin_academy_code) ??
      specialty?.oralDays.find((d) => d.academy === null);
    expect((await open(created?.token ?? '')).data?.candidateCalendar).toEqual({
      year: 2024,
      specialtyCode: me.specialty_code,
      specialtyName: specialty?.name,
      firstGroupResultsAt: specialty?.firstGroupResultsAt,
      choiceWindow: specialty?.choiceWindow,
      oralDay: day?.date,
      secondGroupResultsAt: session?.secondGroupResultsAt,
    });
    expect(await audit()).toEqual([
      {
        action: 'CALENDAR_LINK_CREATED',
        actor_role: 'CANDIDATE',
        candidate_id: candidateId,
        after: { replaced: false },
      },
    ]);
  });

  it('follows an amendment of the session', async () => {
    const token = (await create()).data?.createCalendarLink.token ?? '';
    const pilot = await api.logIn('pilote.demo');
    const moved = await api.gql(
      `mutation { amendExamSession(year: 2024, change: { what: SECOND_GROUP_RESULTS, to: "2024-07-10T15:30:00Z" }, reason: "Jury reporté.") { __typename } }`,
      {},
      pilot,
    );
    expect(moved.data).toEqual({ amendExamSession: { __typename: 'CalendarAmendment' } });
    expect((await open(token)).data?.candidateCalendar?.secondGroupResultsAt).toBe(
      '2024-07-10T15:30:00.000Z',
    );
  });

  it('replaces the link in force: the old secret opens nothing, the new one does', async () => {
    const first = (await create()).data?.createCalendarLink.token ?? '';
    const second = (await create()).data?.createCalendarLink.token ?? '';
    expect(second).not.toBe(first);
    expect((await open(first)).data).toEqual({ candidateCalendar: null });
    expect((await open(second)).data?.candidateCalendar?.year).toBe(2024);
    expect((await links()).filter((l) => l.revoked_at === null)).toHaveLength(1);
    expect((await audit()).at(-1)).toMatchObject({ after: { replaced: true } });
  });

  it('decides concurrent requests one after the other: each answered, one link in force', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => create()));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const tokens = answers.map((a) => a.data?.createCalendarLink.token ?? '');
    expect(new Set(tokens).size).toBe(5);
    expect((await links()).filter((l) => l.revoked_at === null)).toHaveLength(1);
    const opening = [];
    for (const token of tokens)
      if ((await open(token)).data?.candidateCalendar) opening.push(token);
    expect(opening).toHaveLength(1);
  });

  it('revokes the link at once, and says when there was none', async () => {
    const token = (await create()).data?.createCalendarLink.token ?? '';
    const before = (await audit()).length;
    expect((await api.gql(REVOKE, {}, candidate)).data).toEqual({ revokeCalendarLink: true });
    expect((await open(token)).data).toEqual({ candidateCalendar: null });
    expect((await api.gql(MINE, {}, candidate)).data).toEqual({
      viewer: { candidate: { calendarLink: null } },
    });
    expect((await api.gql(REVOKE, {}, candidate)).data).toEqual({ revokeCalendarLink: false });
    expect((await audit()).slice(before).map((a) => a.action)).toEqual(['CALENDAR_LINK_REVOKED']);
  });

  it('answers every other secret the same way: null, nothing more', async () => {
    const token = (await create()).data?.createCalendarLink.token ?? '';
    const guesses = [
      '',
      'cal_',
      `cal_${'A'.repeat(43)}`,
      `${token}x`,
      token.slice(0, -1),
      token.toUpperCase(),
      token.replace(/^cal_/, 'rat_'),
      candidate,
      `cal_${'é'.repeat(43)}`,
      'x'.repeat(10_000),
      "' or 1=1 --",
    ];
    for (const guess of guesses) {
      const r = await open(guess);
      expect(
        { status: r.status, body: JSON.stringify({ data: r.data, errors: r.errors }) },
        guess,
      ).toEqual({
        status: 200,
        body: JSON.stringify({ data: { candidateCalendar: null } }),
      });
    }
    expect((await open(token)).data?.candidateCalendar).not.toBeNull();
  });
});
