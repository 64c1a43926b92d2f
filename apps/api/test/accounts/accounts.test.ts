import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { createCandidateAccounts } from '../../src/repositories/import-writes.repository.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { type AccountsApi, DEMO_PASSWORD, startAccountsApi } from './accounts-harness.ts';

const LOG_IN = `mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) {
  __typename ... on Session { token account { mustChangePassword } }
  ... on Error { code message } ... on TooManyAttempts { retryAfter } } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) {
  __typename ... on Session { token account { identifier mustChangePassword } }
  ... on Error { code message } ... on WeakPassword { problems }
  ... on TooManyAttempts { retryAfter } } }`;
const REQUEST = `mutation($i: String!) { requestPasswordReset(identifier: $i) }`;
const RESET = `mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) {
  __typename ... on Session { token } ... on Error { code message } ... on WeakPassword { problems }
  ... on TooManyAttempts { retryAfter } } }`;
const VIEWER = `{ viewer { identifier mustChangePassword } }`;

const NEW_PASSWORD = 'Ciel-bleu-sur-Reims-42';
const MINUTE = 60_000;

/**
 * A lock-out's message: what was suspended, and until when in Paris time
 * (the end rounded up to the minute, so the time shown is never early),
 * computed here with Intl, independently of the code under test.
 */
function expectLockOutMessage(payload: Payload | undefined, what: string): void {
  expect(payload?.__typename).toBe('TooManyAttempts');
  const end = Math.ceil(new Date(payload?.retryAfter ?? NaN).getTime() / MINUTE) * MINUTE;
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(end));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '?';
  const day = part('day') === '1' ? '1er' : part('day');
  expect(payload?.message).toMatch(
    new RegExp(
      `^Trop de tentatives : ${what} jusqu’au \\S+ ${day} ${part('month')} ${part('year')} à ${Number(part('hour'))} h ${part('minute')} \\(heure de Paris\\)\\.$`,
    ),
  );
}

type Payload = {
  __typename: string;
  token?: string;
  code?: string;
  message?: string;
  problems?: string[];
  retryAfter?: string;
  account?: { mustChangePassword: boolean };
};

describe.each(backendsUnderTest())('accounts hardening, on %s', (backend) => {
  let api: AccountsApi;

  beforeAll(async () => {
    api = await startAccountsApi(backend);
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    // Every test speaks from 127.0.0.1: start each with a clean throttle.
    await api.database.db.deleteFrom('login_throttle').execute();
  });

  const logIn = async (identifier: string, password: string): Promise<Payload> => {
    const r = await api.gql<{ logIn: Payload }>(LOG_IN, { i: identifier, p: password });
    expect(r.errors).toBeUndefined();
    return r.data?.logIn as Payload;
  };
  const tokenOf = async (identifier: string, password = DEMO_PASSWORD): Promise<string> => {
    const session = await logIn(identifier, password);
    expect(session.__typename).toBe('Session');
    return session.token as string;
  };
  const viewerOf = async (token: string) =>
    (await api.gql<{ viewer: { identifier: string } | null }>(VIEWER, {}, token)).data?.viewer ??
    null;
  const auditActions = async (action: string) =>
    api.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const resetLinks = async () =>
    api.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'PASSWORD_RESET')
      .orderBy('id')
      .execute();
  const tokenInLink = (body: string): string => {
    const match =
      /https:\/\/rattrapage\.example\.fr\/mot-de-passe\/reinitialiser\?jeton=(\S+)/.exec(body);
    expect(match).not.toBeNull();
    return decodeURIComponent(match?.[1] ?? '');
  };

  describe('changePassword', () => {
    it('refuses a wrong current password and a weak new one, changing nothing', async () => {
      const token = await tokenOf('etablissement.demo');
      const wrong = await api.gql<{ changePassword: Payload }>(
        CHANGE,
        { c: 'pas-le-bon', n: NEW_PASSWORD },
        token,
      );
      expect(wrong.data?.changePassword).toMatchObject({
        __typename: 'WrongPassword',
        code: 'WRONG_PASSWORD',
      });
      const weak = await api.gql<{ changePassword: Payload }>(
        CHANGE,
        { c: DEMO_PASSWORD, n: 'etablissement.demo2024' },
        token,
      );
      expect(weak.data?.changePassword.__typename).toBe('WeakPassword');
      expect(weak.data?.changePassword.code).toBe('WEAK_PASSWORD');
      expect(weak.data?.changePassword.problems).toEqual([
        'Le mot de passe ne doit pas contenir votre identifiant.',
      ]);
      expect(await viewerOf(token)).not.toBeNull();
      expect(await auditActions('PASSWORD_CHANGED')).toHaveLength(0);
    });

    it('revokes every session, the current one included, returns a fresh one, and audits without the password', async () => {
      const first = await tokenOf('academie.demo');
      const second = await tokenOf('academie.demo');
      const r = await api.gql<{ changePassword: Payload }>(
        CHANGE,
        { c: DEMO_PASSWORD, n: NEW_PASSWORD },
        first,
      );
      const session = r.data?.changePassword;
      expect(session?.__typename).toBe('Session');
      expect(await viewerOf(first)).toBeNull();
      expect(await viewerOf(second)).toBeNull();
      expect(await viewerOf(session?.token as string)).toMatchObject({
        identifier: 'academie.demo',
      });
      expect((await logIn('academie.demo', DEMO_PASSWORD)).__typename).toBe('InvalidCredentials');
      expect((await logIn('academie.demo', NEW_PASSWORD)).__typename).toBe('Session');
      const audit = await auditActions('PASSWORD_CHANGED');
      expect(audit).toHaveLength(1);
      const text = JSON.stringify(audit);
      expect(text).not.toContain(NEW_PASSWORD);
      expect(text).not.toContain(DEMO_PASSWORD);
      expect(text).not.toContain('argon2');
      expect(audit[0]?.after).toMatchObject({ revokedSessions: 2 });
    });

    it('needs a session: no viewer means UNAUTHENTICATED', async () => {
      const r = await api.gql(CHANGE, { c: DEMO_PASSWORD, n: NEW_PASSWORD });
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('forced change of an imported initial password', () => {
    it('allows only viewer, logOut and changePassword until the password is changed', async () => {
      const candidate = await api.database.db
        .selectFrom('candidates as c')
        .leftJoin('accounts as a', 'a.candidate_id', 'c.id')
        .select('c.number')
        .where('a.id', 'is', null)
        .orderBy('c.number')
        .executeTakeFirstOrThrow();
      const initial = 'K7pQ-initial-9x';
      const created = await createCandidateAccounts(api.database.db, 2024, [
        { number: candidate.number, passwordHash: await hashPassword(initial) },
      ]);
      expect([...created]).toEqual([candidate.number]);

      const session = await logIn(candidate.number, initial);
      expect(session.account?.mustChangePassword).toBe(true);
      const token = session.token as string;
      const viewer = await api.gql<{ viewer: { mustChangePassword: boolean } }>(VIEWER, {}, token);
      expect(viewer.data?.viewer.mustChangePassword).toBe(true);

      // The header's name answers; the results behind the same viewer wait for the change.
      const named = await api.gql<{ viewer: { candidate: { number: string; lastName: string } } }>(
        '{ viewer { candidate { number lastName } } }',
        {},
        token,
      );
      expect(named.errors).toBeUndefined();
      expect(named.data?.viewer.candidate.number).toBe(candidate.number);
      for (const field of ['firstGroup', 'control', 'finalResult']) {
        const selection =
          field === 'control' ? 'control { eligibleTests { code } }' : `${field} { outcome }`;
        const held = await api.gql<{ viewer: { candidate: Record<string, unknown> } }>(
          `{ viewer { candidate { number ${selection} } } }`,
          {},
          token,
        );
        expect(held.errors?.[0]?.extensions?.code, field).toBe('PASSWORD_CHANGE_REQUIRED');
        expect(held.data?.viewer.candidate[field], field).toBeNull();
      }

      const blocked = await api.gql('{ examSessions { year } }', {}, token);
      expect(blocked.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(blocked.data).toBeNull();
      const blockedMutation = await api.gql(REQUEST, { i: candidate.number }, token);
      expect(blockedMutation.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
      // The same query without a session is public: only this account is held back.
      expect((await api.gql('{ examSessions { year } }')).errors).toBeUndefined();

      const changed = await api.gql<{ changePassword: Payload }>(
        CHANGE,
        { c: initial, n: NEW_PASSWORD },
        token,
      );
      expect(changed.data?.changePassword.account?.mustChangePassword).toBe(false);
      const fresh = changed.data?.changePassword.token as string;
      const allowed = await api.gql('{ examSessions { year } }', {}, fresh);
      expect(allowed.errors).toBeUndefined();

      const loggedOut = await api.gql<{ logOut: boolean }>('mutation { logOut }', {}, fresh);
      expect(loggedOut.data?.logOut).toBe(true);
    });
  });

  describe('password reset by e-mail', () => {
    beforeAll(async () => {
      const account = await api.database.db
        .selectFrom('accounts')
        .select('candidate_id')
        .where('identifier', '=', 'candidat.demo')
        .executeTakeFirstOrThrow();
      await api.database.db
        .updateTable('candidates')
        .set({ email: 'candidat.demo@example.org' })
        .where('id', '=', account.candidate_id as string)
        .execute();
    });

    it('answers the same whether or not the account exists or has an e-mail', async () => {
      const before = (await resetLinks()).length;
      for (const identifier of ['personne.inconnue', 'etablissement.demo', 'candidat.demo']) {
        const r = await api.gql(REQUEST, { i: identifier });
        expect(r).toEqual({ status: 200, data: { requestPasswordReset: true } });
      }
      const after = await resetLinks();
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)?.recipient).toBe('candidat.demo@example.org');
    });

    it('sends a link whose token works once, stores only its SHA-256, and revokes every session', async () => {
      const old = await tokenOf('candidat.demo');
      await api.gql(REQUEST, { i: 'candidat.demo' });
      const message = (await resetLinks()).at(-1);
      const token = tokenInLink(message?.body ?? '');
      const stored = await api.database.db.selectFrom('password_resets').selectAll().execute();
      const hash = createHash('sha256').update(token).digest();
      expect(stored.some((r) => Buffer.from(r.token_hash).equals(hash))).toBe(true);
      expect(JSON.stringify(stored)).not.toContain(token);

      const weak = await api.gql<{ resetPassword: Payload }>(RESET, { t: token, n: 'court' });
      expect(weak.data?.resetPassword.__typename).toBe('WeakPassword');

      const done = await api.gql<{ resetPassword: Payload }>(RESET, { t: token, n: NEW_PASSWORD });
      expect(done.data?.resetPassword.__typename).toBe('Session');
      expect(await viewerOf(old)).toBeNull();
      expect(await viewerOf(done.data?.resetPassword.token as string)).toMatchObject({
        identifier: 'candidat.demo',
      });
      expect(await auditActions('PASSWORD_RESET')).toHaveLength(1);
      expect(JSON.stringify(await auditActions('PASSWORD_RESET'))).not.toContain(NEW_PASSWORD);

      const again = await api.gql<{ resetPassword: Payload }>(RESET, {
        t: token,
        n: 'Un-autre-mot-de-passe-7',
      });
      expect(again.data?.resetPassword).toMatchObject({
        __typename: 'InvalidResetToken',
        code: 'INVALID_RESET_TOKEN',
      });
      expect((await logIn('candidat.demo', NEW_PASSWORD)).__typename).toBe('Session');
    });

    it('expires a link after 30 minutes', async () => {
      await api.gql(REQUEST, { i: 'candidat.demo' });
      const late = tokenInLink((await resetLinks()).at(-1)?.body ?? '');
      api.advance(30 * MINUTE);
      const expired = await api.gql<{ resetPassword: Payload }>(RESET, {
        t: late,
        n: 'Encore-un-autre-mdp-8',
      });
      expect(expired.data?.resetPassword.__typename).toBe('InvalidResetToken');

      await api.gql(REQUEST, { i: 'candidat.demo' });
      const timely = tokenInLink((await resetLinks()).at(-1)?.body ?? '');
      api.advance(30 * MINUTE - 1);
      const ok = await api.gql<{ resetPassword: Payload }>(RESET, {
        t: timely,
        n: 'Encore-un-autre-mdp-8',
      });
      expect(ok.data?.resetPassword.__typename).toBe('Session');
    });

    it('answers unknown tokens like used ones, and throttles them per address', async () => {
      let last: Payload | undefined;
      for (let i = 0; i < 31; i += 1) {
        const r = await api.gql<{ resetPassword: Payload }>(RESET, {
          t: `rp_inconnu${i}`,
          n: NEW_PASSWORD,
        });
        last = r.data?.resetPassword;
        if (i === 0) expect(last?.__typename).toBe('InvalidResetToken');
      }
      expect(last?.__typename).toBe('TooManyAttempts');
    });
  });

  describe('sessions', () => {
    it('are stored at log-in as the token’s SHA-256, the account, created and seen then, expiring 12 h later', async () => {
      const loggedIn = api.sessionClock.now().getTime();
      const token = await tokenOf('pilote.demo');
      const row = await api.database.db
        .selectFrom('sessions as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .select(['a.identifier', 's.created_at', 's.last_seen_at', 's.expires_at', 's.revoked_at'])
        .where('s.token_hash', '=', createHash('sha256').update(token).digest())
        .executeTakeFirstOrThrow();
      expect(row.identifier).toBe('pilote.demo');
      expect(row.created_at.getTime()).toBe(loggedIn);
      expect(row.last_seen_at?.getTime()).toBe(loggedIn);
      expect(row.expires_at.getTime()).toBe(loggedIn + 12 * 60 * MINUTE);
      expect(row.revoked_at).toBeNull();
    });

    it('end after 30 minutes without a request, and write activity at most once a minute', async () => {
      const token = await tokenOf('pilote.demo');
      const hash = createHash('sha256').update(token).digest();
      const lastSeen = async () =>
        (
          await api.database.db
            .selectFrom('sessions')
            .select('last_seen_at')
            .where('token_hash', '=', hash)
            .executeTakeFirstOrThrow()
        ).last_seen_at;
      // Seen at log-in: the requests of the first minute write nothing.
      const loggedIn = api.sessionClock.now().getTime();
      expect((await lastSeen())?.getTime()).toBe(loggedIn);
      api.advance(30_000);
      expect(await viewerOf(token)).not.toBeNull();
      expect((await lastSeen())?.getTime()).toBe(loggedIn);
      api.advance(30_000);
      expect(await viewerOf(token)).not.toBeNull();
      const seen = await lastSeen();
      expect(seen?.getTime()).toBe(loggedIn + 60_000);
      api.advance(30_000);
      expect(await viewerOf(token)).not.toBeNull();
      expect((await lastSeen())?.getTime()).toBe(seen?.getTime());

      api.advance(29 * MINUTE);
      expect(await viewerOf(token)).not.toBeNull();
      api.advance(29 * MINUTE);
      expect(await viewerOf(token)).not.toBeNull();
      api.advance(30 * MINUTE);
      expect(await viewerOf(token)).toBeNull();
    });

    it('end at their absolute expiry (12 h here) even when used', async () => {
      const token = await tokenOf('pilote.demo');
      // 24 × 29 min = 11 h 36 min: alive; 29 more minutes pass 12 h.
      for (let i = 0; i < 24; i += 1) {
        api.advance(29 * MINUTE);
        expect(await viewerOf(token)).not.toBeNull();
      }
      api.advance(29 * MINUTE);
      expect(await viewerOf(token)).toBeNull();
    });
  });

  describe('log-in throttling', () => {
    it('makes each failure after the third wait longer, then lets the right password in', async () => {
      for (let i = 0; i < 3; i += 1)
        expect((await logIn('individuel.demo', 'faux')).__typename).toBe('InvalidCredentials');
      const waiting = await logIn('individuel.demo', DEMO_PASSWORD);
      expect(waiting.__typename).toBe('TooManyAttempts');
      expect(new Date(waiting.retryAfter as string).getTime()).toBe(
        api.sessionClock.now().getTime() + 1_000,
      );
      api.advance(1_000);
      expect((await logIn('individuel.demo', 'faux')).__typename).toBe('InvalidCredentials');
      const longer = await logIn('individuel.demo', DEMO_PASSWORD);
      expect(new Date(longer.retryAfter as string).getTime()).toBe(
        api.sessionClock.now().getTime() + 2_000,
      );
      api.advance(2_000);
      expect((await logIn('individuel.demo', DEMO_PASSWORD)).__typename).toBe('Session');
    });

    it.each([
      [
        'two aliased logIn fields',
        `mutation { a: logIn(identifier: "pilote.demo", password: "x1") { __typename }
                    b: logIn(identifier: "pilote.demo", password: "x2") { __typename } }`,
      ],
      [
        'logIn and resetPassword through a fragment',
        `fragment F on Mutation { resetPassword(token: "rp_x", newPassword: "y") { __typename } }
         mutation { logIn(identifier: "pilote.demo", password: "x1") { __typename } ...F }`,
      ],
      [
        'two requestPasswordReset',
        `mutation { a: requestPasswordReset(identifier: "candidat.demo")
                    b: requestPasswordReset(identifier: "candidat.demo") }`,
      ],
    ])('refuses %s before attempting any', async (_label, query) => {
      const outbox = (await resetLinks()).length;
      const r = await api.gql(query);
      expect(r.status).toBe(400);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(await api.database.db.selectFrom('login_throttle').selectAll().execute()).toEqual([]);
      expect(await resetLinks()).toHaveLength(outbox);
    });

    it('still accepts one logIn per request', async () => {
      const r = await api.gql(
        `mutation { a: logIn(identifier: "pilote.demo", password: "x1") { __typename } }`,
      );
      expect(r.errors).toBeUndefined();
      expect(await api.database.db.selectFrom('login_throttle').selectAll().execute()).not.toEqual(
        [],
      );
    });
  });

  describe('one throttle for every check of a secret', () => {
    const SECOND = 1_000;
    const change = async (token: string, current: string) =>
      api.gql<{ changePassword: Payload }>(CHANGE, { c: current, n: NEW_PASSWORD }, token);

    it('refuses a burst of wrong current passwords after the third: no oracle for a session', async () => {
      const changesBefore = (await auditActions('PASSWORD_CHANGED')).length;
      const token = await tokenOf('etablissement.demo');
      const answers: string[] = [];
      for (let i = 0; i < 25; i += 1) {
        const r = await change(token, `devine-${i}`);
        expect(r.errors).toBeUndefined();
        answers.push(r.data?.changePassword.__typename ?? '');
      }
      expect(answers.slice(0, 3)).toEqual(['WrongPassword', 'WrongPassword', 'WrongPassword']);
      expect(new Set(answers.slice(3))).toEqual(new Set(['TooManyAttempts']));
      // Still the owner's account: the burst changed nothing.
      expect(await auditActions('PASSWORD_CHANGED')).toHaveLength(changesBefore);
    });

    it('locks the account and revokes the guessing session at the fifth wrong guess; the right password waits for the lock to end', async () => {
      const changesBefore = (await auditActions('PASSWORD_CHANGED')).length;
      const guessing = await tokenOf('etablissement.demo');
      const other = await tokenOf('etablissement.demo');
      const answers: Payload[] = [];
      for (let i = 0; i < 5; i += 1) {
        const r = await change(guessing, `devine-${i}`);
        answers.push(r.data?.changePassword as Payload);
        api.advance(60 * SECOND);
      }
      expect(answers.map((a) => a.__typename)).toEqual([
        'WrongPassword',
        'WrongPassword',
        'WrongPassword',
        'WrongPassword',
        'TooManyAttempts',
      ]);
      expect(answers[4]?.code).toBe('TOO_MANY_ATTEMPTS');
      expectLockOutMessage(answers[4], 'le changement de mot de passe est suspendu');
      const after = await change(guessing, DEMO_PASSWORD);
      expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await viewerOf(guessing)).toBeNull();
      // Only the guessing session ends; the same lock holds for every way in.
      expect(await viewerOf(other)).not.toBeNull();
      expect((await change(other, DEMO_PASSWORD)).data?.changePassword.__typename).toBe(
        'TooManyAttempts',
      );
      expect((await logIn('etablissement.demo', DEMO_PASSWORD)).__typename).toBe('TooManyAttempts');
      api.advance(15 * MINUTE);
      expect((await logIn('etablissement.demo', DEMO_PASSWORD)).__typename).toBe('Session');
      expect(await auditActions('PASSWORD_CHANGED')).toHaveLength(changesBefore);
    });

    it('counts failed log-ins and wrong current passwords together', async () => {
      const token = await tokenOf('pilote.demo');
      for (let i = 0; i < 4; i += 1) {
        expect((await logIn('pilote.demo', `faux-${i}`)).__typename).toBe('InvalidCredentials');
        api.advance(60 * SECOND);
      }
      expect((await change(token, 'faux-4')).data?.changePassword.__typename).toBe(
        'TooManyAttempts',
      );
      expect(await viewerOf(token)).toBeNull();
    });

    it('keeps a locked-out log-in locked for its whole length, even with the right password', async () => {
      for (let i = 0; i < 5; i += 1) {
        await logIn('individuel.demo', `faux-${i}`);
        api.advance(60 * SECOND);
      }
      const locked = await logIn('individuel.demo', DEMO_PASSWORD);
      expectLockOutMessage(locked, 'la connexion est suspendue');
      const lockEnds = new Date(locked.retryAfter as string).getTime();
      // The fifth failure, a minute ago, locked the account for 15 minutes.
      expect(lockEnds).toBe(api.sessionClock.now().getTime() - 60 * SECOND + 15 * MINUTE);
      api.advance(lockEnds - api.sessionClock.now().getTime() - 1);
      expect((await logIn('individuel.demo', DEMO_PASSWORD)).__typename).toBe('TooManyAttempts');
      api.advance(1);
      expect((await logIn('individuel.demo', DEMO_PASSWORD)).__typename).toBe('Session');
    });

    it('refuses even a live reset link while the address is locked out, until the lock ends', async () => {
      await api.database.db
        .updateTable('candidates')
        .set({ email: 'individuel.demo@example.org' })
        .where(
          'id',
          '=',
          (
            await api.database.db
              .selectFrom('accounts')
              .select('candidate_id')
              .where('identifier', '=', 'individuel.demo')
              .executeTakeFirstOrThrow()
          ).candidate_id as string,
        )
        .execute();
      await api.gql(REQUEST, { i: 'individuel.demo' });
      const live = tokenInLink((await resetLinks()).at(-1)?.body ?? '');
      let last: Payload | undefined;
      for (let i = 0; i < 30 && last?.__typename !== 'TooManyAttempts'; i += 1)
        last = (
          await api.gql<{ resetPassword: Payload }>(RESET, { t: `rp_faux${i}`, n: NEW_PASSWORD })
        ).data?.resetPassword;
      expect(last?.__typename).toBe('TooManyAttempts');
      const refused = await api.gql<{ resetPassword: Payload }>(RESET, {
        t: live,
        n: NEW_PASSWORD,
      });
      expectLockOutMessage(
        refused.data?.resetPassword,
        'la réinitialisation du mot de passe est suspendue',
      );
      api.advance(15 * MINUTE);
      const done = await api.gql<{ resetPassword: Payload }>(RESET, { t: live, n: NEW_PASSWORD });
      expect(done.data?.resetPassword.__typename).toBe('Session');
      expect((await logIn('individuel.demo', NEW_PASSWORD)).__typename).toBe('Session');
    });
  });
});
