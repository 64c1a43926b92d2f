import { checkPassword } from '@rattrapage/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/auth/issue-api-token.ts';
import { fixedClock } from '../../src/clock.ts';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import {
  FAILED_ATTEMPTS_ARE_COUNTED,
  changedTables,
  expectNothingChanged,
  tableNames,
} from './database-fingerprint.ts';
import { expectWellFormed } from './error-hygiene.ts';
import { NOT_A_STRING, nastyString, runs, unstorable } from './fuzz-values.ts';
import { type Observed, observedCall, outcomeOf, settleOversized } from './observed-call.ts';

/**
 * Property-based fuzzing of the account mutations (logIn, logOut,
 * changePassword, requestPasswordReset, resetPassword) on a
 * production-mode server. Besides (a) well-formed replies and (b) no change
 * on refusal, each refused secret check must have counted exactly one
 * attempt against exactly the identifier's and the address's keys: the
 * throttle is cleared before each call, so what it holds after the call is
 * what that call counted.
 */

const NOW = new Date('2024-06-28T09:00:00.000Z');
const IDENTIFIERS = [
  'candidat.demo',
  'individuel.demo',
  'etablissement.demo',
  'academie.demo',
  'pilote.demo',
] as const;
/** Changes its password through changePassword. */
const CHANGER = 'individuel.demo';
/** Resets its password through a link (it is given an e-mail address). */
const RESETTER = 'candidat.demo';
const RESETTER_EMAIL = 'candidat.demo@exemple.invalid';

/** One generated log-in: its text, the variables sent, and whether one is of a wrong type. */
interface LogInCall {
  readonly identifier: string;
  readonly password: string;
  readonly variables: Record<string, unknown>;
  readonly wrongType: boolean;
}

const identifierKey = (identifier: string) => `id:${identifier.trim().toLowerCase()}`;
/** What UTF-8 storage keeps of a string: a lone surrogate becomes U+FFFD. */
const stored = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** A strong password, most of the time; the domain's policy is the judge (checkPassword). */
const newPassword = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', minLength: 14, maxLength: 40 })
      .map((s) => `${s}Aa1!`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'motdepasse2024!',
      'Rattrapage2024!',
      'individuel.demo-Zz9!',
      'candidat.demo-Zz9!x',
      'court',
      'x'.repeat(1025),
      'x'.repeat(2049),
    ),
  },
  { weight: 1, arbitrary: nastyString },
);

describe.each(backendsUnderTest())('account mutations under fuzzing, on %s', (backend) => {
  let api: TestApi;
  let tables: string[];
  let apiToken: string;
  /** Each account's current password: accepted changes and resets move it. */
  const passwords = new Map<string, string>(IDENTIFIERS.map((i) => [i, DEMO_PASSWORD]));

  beforeAll(async () => {
    api = await startTestApi(backend, {
      at: NOW,
      candidates: 20,
      mode: 'production',
      sessionClock: fixedClock(NOW),
    });
    tables = await tableNames(api.database.db);
    const issued = await issueApiToken(api.database.db, {
      identifier: 'academie.demo',
      label: 'fuzz',
      at: NOW,
      validDays: 30,
    });
    if (issued.kind !== 'issued') throw new Error(issued.kind);
    apiToken = issued.token;
    const account = await api.database.db
      .selectFrom('accounts')
      .select('candidate_id')
      .where('identifier', '=', RESETTER)
      .executeTakeFirstOrThrow();
    await api.database.db
      .updateTable('candidates')
      .set({ email: RESETTER_EMAIL })
      .where('id', '=', account.candidate_id ?? '')
      .execute();
  });
  afterAll(async () => {
    await api.close();
  });

  async function clearThrottle(): Promise<void> {
    await api.database.db.deleteFrom('login_throttle').execute();
  }

  async function throttleRows(): Promise<{ key: string; failures: number }[]> {
    return api.database.db
      .selectFrom('login_throttle')
      .select(['key', 'failures'])
      .orderBy('key')
      .execute();
  }

  /**
   * Exactly one failure counted against the identifier's key and one against
   * the client's address. An identifier that is empty once trimmed has no key
   * of its own: only the address may count then.
   */
  async function expectOneAttemptCounted(prefix: string, identifier: string | null): Promise<void> {
    const rows = await throttleRows();
    const address = rows.filter((r) => /^(reset:)?ip:/.test(r.key));
    const named = rows.filter((r) => !/^(reset:)?ip:/.test(r.key));
    if (identifier !== null && identifier.trim() === '') {
      expect(named).toEqual([]);
      expect(address.map((r) => r.failures)).toEqual(address.length === 0 ? [] : [1]);
      return;
    }
    expect(address.map((r) => r.failures)).toEqual([1]);
    // The key is stored as UTF-8 keeps it (half a surrogate pair becomes U+FFFD).
    const key = identifier === null ? null : stored(`${prefix}${identifierKey(identifier)}`);
    expect(named).toEqual(key === null ? [] : [{ key, failures: 1 }]);
  }

  async function viewerOf(token: string): Promise<string | null> {
    const r = await api.gql<{ viewer: { identifier: string } | null }>(
      '{ viewer { identifier } }',
      {},
      token,
    );
    return r.data?.viewer?.identifier ?? null;
  }

  function check(observed: Observed, variables: Record<string, unknown>, field: string) {
    expectWellFormed(observed.reply, variables, field, tables);
    return outcomeOf(observed.reply, field);
  }

  it('logIn: one attempt counted per refused call, a session only for the right password', async () => {
    const LOG_IN = `mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) {
      __typename ... on Error { code message }
      ... on Session { token account { identifier } } } }`;
    const identifier = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...IDENTIFIERS) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          ' pilote.demo ',
          'PILOTE.DEMO',
          'pilote.demo\u0000',
          'inconnu.demo',
          'x'.repeat(201),
        ),
      },
      { weight: 2, arbitrary: nastyString },
    );
    const input = fc
      .record({
        identifier,
        right: fc.boolean(),
        other: fc.oneof(fc.constantFrom(DEMO_PASSWORD, 'x'.repeat(1025)), nastyString),
        spoil: fc.oneof(
          { weight: 9, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom('i', 'p') },
        ),
        wrong: fc.constantFrom(...NOT_A_STRING, null),
      })
      .map(({ identifier: i, right, other, spoil, wrong }) => {
        const password = right ? (passwords.get(i.trim()) ?? other) : other;
        const variables: Record<string, unknown> = { i, p: password };
        if (spoil !== null) variables[spoil] = wrong;
        return { identifier: i, password, variables, wrongType: spoil !== null };
      });

    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        await clearThrottle();
        await settleOversized(api, LOG_IN, i.variables, null);
        const observed = await observedCall(api, LOG_IN, i.variables, null);
        const outcome = check(observed, i.variables, 'logIn');
        seen.add(outcome);
        const account = i.identifier.trim();
        const bounded = i.identifier.length <= 200 && i.password.length <= 1024;
        const right = passwords.has(account) && passwords.get(account) === i.password && bounded;
        if (i.wrongType) {
          expect(outcome).toBe('error:BAD_USER_INPUT');
          expectNothingChanged(observed.before, observed.after, 'logIn with a wrong type');
          return;
        }
        // Text that cannot be stored may be refused at the door, before any secret is checked.
        const allowed =
          unstorable(i.variables) === null
            ? [right ? 'Session' : 'InvalidCredentials']
            : ['InvalidCredentials', 'error:BAD_USER_INPUT'];
        expect(allowed).toContain(outcome);
        if (outcome !== 'Session') {
          expectNothingChanged(
            observed.before,
            observed.after,
            'refused logIn',
            FAILED_ATTEMPTS_ARE_COUNTED.tables,
          );
          // Bounds are checked before any secret is: nothing to count then.
          if (bounded && outcome === 'InvalidCredentials')
            await expectOneAttemptCounted('', i.identifier);
          else expect(await throttleRows()).toEqual([]);
          return;
        }
        const session = observed.reply.data?.['logIn'] as { token: string };
        expect(await viewerOf(session.token)).toBe(account);
        expect(changedTables(observed.before, observed.after)).toEqual(['sessions']);
      }),
      {
        numRuns: runs(60),
        examples: [
          // Found by this property; pinned so that they are always tried.
          ...['', '   ', 'pilote.demo\u0000'].map((identifier): [LogInCall] => [
            { identifier, password: 'x', variables: { i: identifier, p: 'x' }, wrongType: false },
          ]),
          [
            {
              identifier: 'pilote.demo',
              password: DEMO_PASSWORD,
              variables: { i: 'pilote.demo', p: DEMO_PASSWORD },
              wrongType: false,
            },
          ],
          [
            {
              identifier: 'pilote.demo',
              password: 'faux',
              variables: { i: 'pilote.demo', p: 'faux' },
              wrongType: false,
            },
          ],
          [
            {
              identifier: 'pilote.demo',
              password: 'faux',
              variables: { i: 12, p: 'faux' },
              wrongType: true,
            },
          ],
        ],
      },
    );
    for (const outcome of ['Session', 'InvalidCredentials', 'error:BAD_USER_INPUT'])
      expect(seen).toContain(outcome);
  });

  it('logOut: true only for a live session, which is then revoked; false changes nothing', async () => {
    type Kind = 'fresh' | 'revoked' | 'api token' | 'none' | 'garbage';
    const input = fc.record({
      kind: fc.constantFrom<Kind>('fresh', 'fresh', 'revoked', 'api token', 'none', 'garbage'),
      who: fc.constantFrom('etablissement.demo', 'academie.demo', 'pilote.demo'),
      // What fits in a header (printable, under Node's 16 KiB): the rest never reaches the API.
      garbage: fc.oneof(
        nastyString.filter((s) => /^[\x20-\x7e]{0,1000}$/.test(s)),
        fc.base64String({ minLength: 4, maxLength: 60 }).map((s) => `rs_${s}`),
      ),
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        let token: string | null = null;
        if (i.kind === 'fresh' || i.kind === 'revoked')
          token = await api.logIn(i.who, passwords.get(i.who));
        if (i.kind === 'revoked') await api.gql('mutation { logOut }', {}, token);
        if (i.kind === 'api token') token = apiToken;
        if (i.kind === 'garbage') token = i.garbage;
        const observed = await observedCall(api, 'mutation { logOut }', {}, token);
        const outcome = check(observed, {}, 'logOut');
        seen.add(outcome);
        expect(outcome).toBe(i.kind === 'fresh' ? 'true' : 'false');
        if (i.kind !== 'fresh') {
          expectNothingChanged(observed.before, observed.after, `logOut with ${i.kind}`);
          return;
        }
        expect(changedTables(observed.before, observed.after)).toEqual(['sessions']);
        expect(await viewerOf(token ?? '')).toBeNull();
      }),
      {
        numRuns: runs(40),
        examples: [
          [{ kind: 'fresh', who: 'pilote.demo', garbage: '' }],
          [{ kind: 'garbage', who: 'pilote.demo', garbage: 'rs_faux' }],
        ],
      },
    );
    expect(seen).toEqual(new Set(['true', 'false']));
    // The API token still works: logOut never revokes one.
    expect(await viewerOf(apiToken)).toBe('academie.demo');
  });

  it('changePassword: the current password and the policy decide; a change revokes the old session', async () => {
    const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) {
      __typename ... on Error { code message } ... on WeakPassword { problems }
      ... on Session { token account { identifier mustChangePassword } } } }`;
    let token = await api.logIn(CHANGER, passwords.get(CHANGER));
    const input = fc.record({
      who: fc.constantFrom('owner', 'owner', 'owner', 'owner', 'anonymous', 'api token', 'garbage'),
      current: fc.oneof(
        { weight: 3, arbitrary: fc.constant('(current)') },
        { weight: 1, arbitrary: fc.constantFrom(DEMO_PASSWORD, 'x'.repeat(1025)) },
        { weight: 1, arbitrary: nastyString },
      ),
      next: newPassword,
      spoil: fc.oneof(
        { weight: 9, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('c', 'n') },
      ),
      wrong: fc.constantFrom(...NOT_A_STRING, null),
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        // Each run starts below the throttle: the lock has its own tests (accounts.test.ts).
        await clearThrottle();
        const password = passwords.get(CHANGER) ?? '';
        const current = i.current === '(current)' ? password : i.current;
        const variables: Record<string, unknown> = { c: current, n: i.next };
        if (i.spoil !== null) variables[i.spoil] = i.wrong;
        const bearer =
          i.who === 'owner'
            ? token
            : i.who === 'api token'
              ? apiToken
              : i.who === 'garbage'
                ? 'rs_pas-une-session'
                : null;
        await settleOversized(api, CHANGE, variables, bearer);
        const observed = await observedCall(api, CHANGE, variables, bearer);
        const outcome = check(observed, variables, 'changePassword');
        seen.add(outcome);
        const expected =
          i.spoil !== null
            ? 'error:BAD_USER_INPUT'
            : i.who === 'anonymous' || i.who === 'garbage'
              ? 'error:UNAUTHENTICATED'
              : i.who === 'api token'
                ? 'error:FORBIDDEN'
                : current.length > 1024
                  ? 'WrongPassword'
                  : i.next.length > 2048
                    ? 'WeakPassword'
                    : current !== password
                      ? 'WrongPassword'
                      : checkPassword(i.next, CHANGER).ok
                        ? 'Session'
                        : 'WeakPassword';
        // Text that cannot be stored may be refused at the door.
        expect(
          unstorable(variables) === null ? [expected] : [expected, 'error:BAD_USER_INPUT'],
        ).toContain(outcome);
        if (outcome !== 'Session') {
          expectNothingChanged(
            observed.before,
            observed.after,
            `changePassword ${outcome}`,
            FAILED_ATTEMPTS_ARE_COUNTED.tables,
          );
          // A wrong current password, once checked, counts like a failed log-in.
          if (outcome === 'WrongPassword' && current.length <= 1024)
            await expectOneAttemptCounted('', CHANGER);
          else expect(await throttleRows()).toEqual([]);
          return;
        }
        const session = observed.reply.data?.['changePassword'] as {
          token: string;
          account: { identifier: string; mustChangePassword: boolean };
        };
        expect(session.account).toEqual({ identifier: CHANGER, mustChangePassword: false });
        expect(await viewerOf(token)).toBeNull();
        expect(await viewerOf(session.token)).toBe(CHANGER);
        expect(changedTables(observed.before, observed.after)).toEqual(
          ['accounts', 'audit_log', 'sessions'].filter((t) => tables.includes(t)),
        );
        passwords.set(CHANGER, i.next);
        token = session.token;
        await expect(api.logIn(CHANGER, i.next)).resolves.toEqual(expect.any(String));
      }),
      {
        numRuns: runs(40),
        examples: [
          [
            {
              who: 'owner',
              current: '(current)',
              next: 'Velo-Rouge-Montagne-2987!',
              spoil: null,
              wrong: null,
            },
          ],
          [
            {
              who: 'owner',
              current: 'faux',
              next: 'Velo-Rouge-Montagne-2987!',
              spoil: null,
              wrong: null,
            },
          ],
          [{ who: 'owner', current: '(current)', next: 'court', spoil: null, wrong: null }],
        ],
      },
    );
    for (const outcome of ['Session', 'WrongPassword', 'WeakPassword'])
      expect(seen).toContain(outcome);
  });

  it('requestPasswordReset: always true; a link only for an account with an e-mail', async () => {
    const REQUEST = 'mutation($i: String!) { requestPasswordReset(identifier: $i) }';
    const identifier = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(RESETTER, 'pilote.demo', 'inconnu.demo') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(` ${RESETTER} `, RESETTER.toUpperCase(), 'x'.repeat(201)),
      },
      { weight: 2, arbitrary: nastyString },
    );
    const input = fc.record({
      identifier,
      wrong: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...NOT_A_STRING, null) },
      ),
    });
    let links = 0;
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        await clearThrottle();
        const variables = { i: i.wrong === undefined ? i.identifier : i.wrong };
        await settleOversized(api, REQUEST, variables, null);
        const observed = await observedCall(api, REQUEST, variables, null);
        const outcome = check(observed, variables, 'requestPasswordReset');
        if (i.wrong !== undefined) {
          expect(outcome).toBe('error:BAD_USER_INPUT');
          expectNothingChanged(observed.before, observed.after, 'reset request, wrong type');
          return;
        }
        // The same answer whatever the identifier (nobody learns who exists), unless
        // the text cannot be stored, which may be refused at the door.
        expect(
          unstorable(variables) === null ? ['true'] : ['true', 'error:BAD_USER_INPUT'],
        ).toContain(outcome);
        const bounded = i.identifier.length <= 200 && outcome === 'true';
        if (bounded) await expectOneAttemptCounted('reset:', i.identifier);
        else expect(await throttleRows()).toEqual([]);
        const changed = changedTables(
          observed.before,
          observed.after,
          FAILED_ATTEMPTS_ARE_COUNTED.tables,
        );
        if (!bounded || i.identifier.trim() !== RESETTER) {
          expect(changed, 'no link for this identifier, yet').toEqual([]);
          return;
        }
        links += 1;
        expect(changed).toEqual(['audit_log', 'outbox', 'password_resets']);
        const mail = await api.database.db
          .selectFrom('outbox')
          .select(['kind', 'recipient'])
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(mail).toEqual({ kind: 'PASSWORD_RESET', recipient: RESETTER_EMAIL });
      }),
      {
        numRuns: runs(50),
        examples: [
          [{ identifier: RESETTER, wrong: undefined }],
          // Found by this property; pinned so that it is always tried.
          [{ identifier: '', wrong: undefined }],
        ],
      },
    );
    expect(links).toBeGreaterThan(0);
  });

  it('resetPassword: only a live link and a strong password; a refusal leaves the link usable', async () => {
    const RESET = `mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) {
      __typename ... on Error { code message } ... on WeakPassword { problems }
      ... on Session { token account { identifier } } } }`;
    let used: string | null = null;
    async function freshLink(): Promise<string> {
      await clearThrottle();
      await api.gql('mutation($i: String!) { requestPasswordReset(identifier: $i) }', {
        i: RESETTER,
      });
      const mail = await api.database.db
        .selectFrom('outbox')
        .select('body')
        .where('kind', '=', 'PASSWORD_RESET')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const token = /jeton=([^\s&]+)/.exec(mail.body)?.[1];
      if (token === undefined) throw new Error(`no link in ${mail.body}`);
      return decodeURIComponent(token);
    }
    const input = fc.record({
      kind: fc.constantFrom('fresh', 'fresh', 'fresh', 'used', 'forged', 'garbage', 'long'),
      forged: fc.base64String({ minLength: 40, maxLength: 44 }).map((s) => `rp_${s}`),
      garbage: nastyString,
      next: newPassword,
      wrong: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...NOT_A_STRING, null) },
      ),
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        const link =
          i.kind === 'fresh'
            ? await freshLink()
            : i.kind === 'used' && used !== null
              ? used
              : i.kind === 'forged'
                ? i.forged
                : i.kind === 'long'
                  ? `rp_${'a'.repeat(200)}`
                  : i.garbage;
        const live = i.kind === 'fresh';
        const oldSession = await api.logIn(RESETTER, passwords.get(RESETTER));
        await clearThrottle();
        const variables = { t: link, n: i.wrong === undefined ? i.next : i.wrong };
        await settleOversized(api, RESET, variables, null);
        const observed = await observedCall(api, RESET, variables, null);
        const outcome = check(observed, variables, 'resetPassword');
        seen.add(outcome);
        const expected =
          i.wrong !== undefined
            ? 'error:BAD_USER_INPUT'
            : link.length > 200
              ? 'InvalidResetToken'
              : i.next.length > 2048
                ? 'WeakPassword'
                : !live
                  ? 'InvalidResetToken'
                  : checkPassword(i.next, RESETTER).ok
                    ? 'Session'
                    : 'WeakPassword';
        // Text that cannot be stored may be refused at the door.
        expect(
          unstorable(variables) === null ? [expected] : [expected, 'error:BAD_USER_INPUT'],
        ).toContain(outcome);
        if (outcome !== 'Session') {
          expectNothingChanged(
            observed.before,
            observed.after,
            `resetPassword ${outcome}`,
            FAILED_ATTEMPTS_ARE_COUNTED.tables,
          );
          // A wrong link counts against the address, like a wrong password.
          const counted = outcome === 'InvalidResetToken' && link.length <= 200;
          if (counted) await expectOneAttemptCounted('reset:', null);
          else expect(await throttleRows()).toEqual([]);
          return;
        }
        const session = observed.reply.data?.['resetPassword'] as { token: string };
        expect(await viewerOf(session.token)).toBe(RESETTER);
        // Every other session of the account is revoked.
        expect(await viewerOf(oldSession)).toBeNull();
        expect(changedTables(observed.before, observed.after)).toEqual([
          'accounts',
          'audit_log',
          'password_resets',
          'sessions',
        ]);
        passwords.set(RESETTER, i.next);
        used = link;
        await expect(api.logIn(RESETTER, i.next)).resolves.toEqual(expect.any(String));
      }),
      {
        numRuns: runs(30),
        examples: [
          [
            {
              kind: 'fresh',
              forged: '',
              garbage: '',
              next: 'Velo-Rouge-Montagne-2987!',
              wrong: undefined,
            },
          ],
          [
            {
              kind: 'forged',
              forged: `rp_${'A'.repeat(43)}`,
              garbage: '',
              next: 'Velo-Rouge-Montagne-2987!',
              wrong: undefined,
            },
          ],
          [{ kind: 'fresh', forged: '', garbage: '', next: 'court', wrong: undefined }],
        ],
      },
    );
    for (const outcome of ['Session', 'InvalidResetToken', 'WeakPassword'])
      expect(seen).toContain(outcome);
  });
});
