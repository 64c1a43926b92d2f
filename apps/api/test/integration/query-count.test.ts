import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/auth/issue-api-token.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { QueryCounter } from '../support/query-counter.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { webDocument } from '../support/web-documents.ts';

// Results of batch A (MCO, NDRC) are public and its choice window is open.
const NOW = new Date('2024-06-28T09:00:00.000Z');

/** What an académie's program asks for each of its candidates: everything per candidate. */
const ACADEMY_PAGE = `query Page($first: Int!) {
  candidates(year: 2024, first: $first) {
    totalCount
    edges { node {
      id number firstName lastName
      school { name } specialty { code name } originAcademy { code }
      firstGroup { outcome overallAverage { exact } marks { test { code } mark { hundredths } status } }
      control { eligibleTests { code } choice { tests { code } enteredBy enteredAt } convocations { startsAt place } }
      finalResult { outcome controlMarks { mark { hundredths } } }
    } }
  }
}`;

/**
 * Bounds on the SQL statements one request may send, whatever the page
 * size: the viewer's session (and, now and then, its last-seen update), the
 * reference revision, the candidates, and one batched read per kind of
 * per-candidate data. An N+1 would make the count grow with the page.
 */
const MAX_CANDIDATE_SPACE = 8;
const MAX_ACADEMY_PAGE = 10;

describe.each(backendsUnderTest())('SQL statements per GraphQL request, on %s', (backend) => {
  const counter = new QueryCounter();
  let api: TestApi;
  let tokens: Record<'candidate' | 'school' | 'academy' | 'pilot', string>;

  async function statementsFor(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<number> {
    counter.reset();
    const r = await api.gql(query, variables, token);
    expect(r.errors).toBeUndefined();
    return counter.count;
  }

  beforeAll(async () => {
    api = await startTestApi(backend, {
      at: NOW,
      candidates: 400,
      instrument: (db) => db.withPlugin(counter),
    });
    tokens = {
      candidate: await api.logIn('candidat.demo'),
      school: await api.logIn('etablissement.demo'),
      academy: await api.logIn('academie.demo'),
      pilot: await api.logIn('pilote.demo'),
    };
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    // Warm: the reference data is then in the process's memory.
    await api.gql('{ examSession(year: 2024) { year } }');
  });

  it('a bearer token is looked up in the one table its prefix names, and an unknown one in none', async () => {
    const issued = await issueApiToken(api.database.db, {
      identifier: 'academie.demo',
      label: 'programme de test',
      at: new Date(),
      validDays: 30,
    });
    if (issued.kind !== 'issued') throw new Error(issued.kind);
    const ask = async (token: string) => {
      counter.reset();
      const r = await api.gql<{ viewer: { identifier: string } | null }>(
        '{ viewer { identifier } }',
        {},
        token,
      );
      return { identifier: r.data?.viewer?.identifier ?? null, statements: counter.count };
    };
    expect(await ask(issued.token)).toEqual({ identifier: 'academie.demo', statements: 1 });
    // A session's token dressed as an API token, and the reverse, are nobody's.
    const session = tokens.academy;
    expect((await ask(session.replace(/^rs_/, 'rat_'))).identifier).toBeNull();
    expect((await ask(issued.token.replace(/^rat_/, 'rs_'))).identifier).toBeNull();
    // A token this API never issued reads no table at all.
    expect(await ask(`x${session}`)).toEqual({ identifier: null, statements: 0 });
  });

  it('a log-in reads the account and its throttle records in one statement, then opens the session', async () => {
    counter.reset();
    await api.logIn('etablissement.demo');
    expect(counter.count).toBe(2);
    // A wrong password, then the right one: the account's failure is forgotten, one more write.
    await expect(api.logIn('etablissement.demo', 'pas le bon')).rejects.toThrow(
      /InvalidCredentials/,
    );
    counter.reset();
    await api.logIn('etablissement.demo');
    expect(counter.count).toBe(3);
  });

  it('the candidate space reads a bounded number of statements, reference data from memory', async () => {
    const first = await statementsFor(webDocument('CandidateSpace').text, {}, tokens.candidate);
    const again = await statementsFor(webDocument('CandidateSpace').text, {}, tokens.candidate);
    expect(first).toBeLessThanOrEqual(MAX_CANDIDATE_SPACE);
    expect(again).toBeLessThanOrEqual(first);
  });

  it('a candidate’s page is two statements: the session with their marks, then all else it shows of them', async () => {
    // A session opened now records no activity in its first minute (no touch to count).
    const token = await api.logIn('candidat.demo');
    await statementsFor(webDocument('CandidateSpace').text, {}, token);
    expect(await statementsFor(webDocument('CandidateSpace').text, {}, token)).toBe(2);
  });

  it('what a mutation changed, the next page reads (nothing of a page outlives its request)', async () => {
    const token = await api.logIn('candidat.demo');
    const read = () =>
      api.gql<{ viewer: { candidate: { admissionListConsent: { given: boolean } } } }>(
        '{ viewer { candidate { admissionListConsent { given } calendarLink { createdAt } } } }',
        {},
        token,
      );
    const before = (await read()).data?.viewer.candidate.admissionListConsent.given;
    const r = await api.gql<{ setAdmissionListConsent: { given: boolean } }>(
      'mutation($given: Boolean!) { setAdmissionListConsent(given: $given) { given } }',
      { given: before !== true },
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.setAdmissionListConsent.given).toBe(before !== true);
    expect((await read()).data?.viewer.candidate.admissionListConsent.given).toBe(before !== true);
  });

  it('a candidate reads their results in one statement: the session with who they are, their marks and jury decisions', async () => {
    // A session opened now: its first minute records no activity (no touch to count).
    const token = await api.logIn('candidat.demo');
    counter.reset();
    const r = await api.gql<{ viewer: { candidate: { firstGroup: { outcome: string } | null } } }>(
      `{ viewer { candidate { number firstGroup {
        outcome overallAverage { hundredths } marks { test { code } status mark { hundredths } }
      } } } }`,
      {},
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.viewer.candidate.firstGroup?.outcome).toBeDefined();
    expect(counter.count).toBe(1);
  });

  it.each(['academy', 'pilot'] as const)(
    'a page of %s candidates costs the same statements for 150 rows as for all of them',
    async (who) => {
      // 150 rows hold every kind of data (choices, convocations…), so each
      // kind's batched read is in both; more rows must add no statement.
      const small = await statementsFor(ACADEMY_PAGE, { first: 150 }, tokens[who]);
      const large = await statementsFor(ACADEMY_PAGE, { first: 500 }, tokens[who]);
      expect(large).toBeLessThanOrEqual(small);
      expect(large).toBeLessThanOrEqual(MAX_ACADEMY_PAGE);
    },
  );

  it('the school list costs the same statements for 20 rows as for 200', async () => {
    const vars = { year: 2024 };
    const small = await statementsFor(
      webDocument('SchoolCandidates').text,
      { ...vars, first: 20 },
      tokens.school,
    );
    const large = await statementsFor(
      webDocument('SchoolCandidates').text,
      { ...vars, first: 200 },
      tokens.school,
    );
    expect(large).toBeLessThanOrEqual(small);
    expect(large).toBeLessThanOrEqual(MAX_ACADEMY_PAGE);
  });

  it('sees a change of reference data at once, whoever wrote it', async () => {
    const query = '{ examSession(year: 2024) { specialties { code name } } }';
    counter.reset();
    await api.gql(query);
    expect(counter.count).toBe(1); // the revision; the data came from memory
    // Written straight to the database, as another process would.
    await api.database.db
      .updateTable('specialties')
      .set({ name: 'Nom modifié pour le test' })
      .where('year', '=', 2024)
      .where('code', '=', 'SIO')
      .execute();
    counter.reset();
    const after = await api.gql<{
      examSession: { specialties: { code: string; name: string }[] };
    }>(query);
    expect(counter.count).toBeGreaterThan(1); // reloaded
    expect(after.data?.examSession.specialties.find((s) => s.code === 'SIO')?.name).toBe(
      'Nom modifié pour le test',
    );
  });
});
