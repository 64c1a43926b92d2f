import { PASSWORD_POLICY, PASSWORD_PROBLEMS } from '@rattrapage/domain';
import { changePassword } from '../../auth/change-password.ts';
import { logIn } from '../../auth/log-in.ts';
import { requestPasswordReset, resetPassword } from '../../auth/password-reset.ts';
import { hashToken } from '../../auth/tokens.ts';
import { type Viewer, candidateScopeOf } from '../../access/viewer.ts';
import { mustChangePassword, revokeSession } from '../../auth/account-sessions.ts';
import { findCandidatesByIds } from '../../services/list-candidates.ts';
import { builder } from '../builder.ts';
import { ForbiddenError, admitted, overloadedAs503 } from '../graphql-errors.ts';
import { Candidate, loadCandidate } from './candidate.ts';
import { ApiError, ErrorInterface, InvalidCredentials, TooManyAttempts } from './error.ts';
import { Academy, School, academyOf } from './reference.ts';

export const RoleEnum = builder.enumType('Role', {
  values: ['CANDIDATE', 'SCHOOL', 'ACADEMY', 'PILOT'] as const,
});

interface AccountShape {
  readonly id: string;
  readonly identifier: string;
  readonly role: 'CANDIDATE' | 'SCHOOL' | 'ACADEMY' | 'PILOT';
  readonly candidateId: string | null;
  readonly schoolUai: string | null;
  readonly academyCode: string | null;
  /** Known when the request itself just changed it (changePassword, resetPassword). */
  readonly mustChangePassword?: boolean;
}

/**
 * The viewer of the account's own session. A session just opened (logIn,
 * resetPassword) is answered as the account it opens, not as the
 * anonymous request that opened it.
 */
function sessionViewerOf(a: AccountShape): Viewer {
  return {
    accountId: a.id,
    identifier: a.identifier,
    role: a.role,
    candidateId: a.candidateId,
    schoolUai: a.schoolUai,
    academyCode: a.academyCode,
    via: 'session',
  };
}

export const Account = builder.objectRef<AccountShape>('Account').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    identifier: t.exposeString('identifier'),
    role: t.field({ type: RoleEnum, resolve: (a) => a.role }),
    mustChangePassword: t.boolean({
      description:
        'True for an imported account until its initial password is changed: until then only viewer (and of its candidate only id, number and names), logOut and changePassword answer.',
      resolve: (a, _args, ctx) =>
        a.mustChangePassword ??
        (ctx.viewer?.accountId === a.id
          ? ctx.passwordChangeRequired
          : mustChangePassword(ctx.db, a.id)),
    }),
    candidate: t.field({
      type: Candidate,
      nullable: true,
      description: 'Role CANDIDATE: the candidate the account belongs to.',
      resolve: async (a, _args, ctx) => {
        if (a.candidateId === null) return null;
        if (ctx.viewer?.accountId === a.id) return loadCandidate(ctx, a.candidateId);
        const [candidate] = await findCandidatesByIds(
          ctx.db,
          [a.candidateId],
          candidateScopeOf(sessionViewerOf(a)),
        );
        return candidate ?? null;
      },
    }),
    school: t.field({
      type: School,
      nullable: true,
      resolve: (a, _args, ctx) =>
        a.schoolUai === null ? null : ctx.loaders.schools.load(a.schoolUai),
    }),
    academy: t.field({
      type: Academy,
      nullable: true,
      resolve: (a) => (a.academyCode === null ? null : academyOf(a.academyCode)),
    }),
  }),
});

interface SessionShape {
  readonly token: string;
  readonly expiresAt: Date;
  readonly account: AccountShape;
}

export class WrongPassword extends ApiError {
  constructor() {
    super('WRONG_PASSWORD', 'Le mot de passe actuel est incorrect.');
  }
}

export class WeakPassword extends ApiError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('WEAK_PASSWORD', `Mot de passe refusé : ${problems.join(' ')}`);
    this.problems = problems;
  }
}

export class InvalidResetToken extends ApiError {
  constructor() {
    super(
      'INVALID_RESET_TOKEN',
      'Ce lien de réinitialisation est invalide, déjà utilisé ou expiré : demandez-en un nouveau.',
    );
  }
}

builder.objectType(WrongPassword, {
  name: 'WrongPassword',
  description: 'The current password given to changePassword is wrong.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof WrongPassword,
  fields: () => ({}),
});

builder.objectType(WeakPassword, {
  name: 'WeakPassword',
  description: 'The new password breaks the password policy; `problems` lists why, in French.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof WeakPassword,
  fields: (t) => ({
    problems: t.exposeStringList('problems'),
  }),
});

builder.objectType(InvalidResetToken, {
  name: 'InvalidResetToken',
  description: 'The reset link is unknown, already used or expired (never says which).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidResetToken,
  fields: () => ({}),
});

const Session = builder.objectRef<SessionShape>('Session').implement({
  fields: (t) => ({
    token: t.exposeString('token', {
      description: 'Send as `Authorization: Bearer <token>`. Shown once.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    account: t.field({ type: Account, resolve: (s) => s.account }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: Account,
    nullable: true,
    description: 'The logged-in account; null when not logged in.',
    resolve: (_root, _args, ctx) =>
      ctx.viewer === null
        ? null
        : {
            id: ctx.viewer.accountId,
            identifier: ctx.viewer.identifier,
            role: ctx.viewer.role,
            candidateId: ctx.viewer.candidateId,
            schoolUai: ctx.viewer.schoolUai,
            academyCode: ctx.viewer.academyCode,
          },
  }),
}));

builder.mutationFields((t) => ({
  logIn: t.field({
    type: Session,
    errors: { types: [InvalidCredentials, TooManyAttempts], union: { name: 'LogInResult' } },
    args: {
      identifier: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      // Bounded input: argon2 on a megabyte password is a denial of service.
      // An empty identifier names no account, and has no throttle key of its own.
      if (
        args.identifier.trim() === '' ||
        args.identifier.length > 200 ||
        args.password.length > 1024
      )
        throw new InvalidCredentials();
      const outcome = await overloadedAs503(() =>
        logIn(ctx.db, {
          identifier: args.identifier,
          password: args.password,
          clientAddress: ctx.clientAddress,
          at: ctx.sessionClock.now(),
          sessionHours: ctx.config.sessionHours,
          admission: ctx.passwordAdmission,
        }),
      );
      if (outcome.kind === 'invalid') throw new InvalidCredentials();
      if (outcome.kind === 'locked') throw new TooManyAttempts(outcome.retryAfter, 'logIn');
      return { token: outcome.token, expiresAt: outcome.expiresAt, account: outcome.account };
    },
  }),
  changePassword: t.field({
    type: Session,
    description:
      'Changes the password of the logged-in account. Every session of the account is revoked, this one included; use the returned session from then on. Wrong current passwords count like failed log-ins: the one that locks the account (TooManyAttempts) also revokes this session.',
    authScopes: { roles: ['CANDIDATE', 'SCHOOL', 'ACADEMY', 'PILOT'] },
    errors: {
      types: [WrongPassword, WeakPassword, TooManyAttempts],
      union: { name: 'ChangePasswordResult' },
    },
    args: {
      currentPassword: t.arg.string({ required: true }),
      newPassword: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      // A program's API token is not a person's session: it changes no password.
      if (ctx.viewer === null || ctx.viewer.via !== 'session' || ctx.token === null)
        throw new ForbiddenError();
      const sessionToken = ctx.token;
      if (args.currentPassword.length > PASSWORD_POLICY.maxLength) throw new WrongPassword();
      if (args.newPassword.length > PASSWORD_POLICY.maxLength * 2)
        throw new WeakPassword([PASSWORD_PROBLEMS.tooLong]);
      const viewer = ctx.viewer;
      const outcome = await admitted(ctx.passwordAdmission, () =>
        changePassword(ctx.db, {
          viewer,
          sessionToken,
          currentPassword: args.currentPassword,
          newPassword: args.newPassword,
          clientAddress: ctx.clientAddress,
          at: ctx.sessionClock.now(),
          sessionHours: ctx.config.sessionHours,
        }),
      );
      if (outcome.kind === 'wrongPassword') throw new WrongPassword();
      if (outcome.kind === 'weak') throw new WeakPassword(outcome.problems);
      if (outcome.kind === 'locked')
        throw new TooManyAttempts(outcome.retryAfter, 'changePassword');
      return {
        token: outcome.token,
        expiresAt: outcome.expiresAt,
        account: { ...outcome.account, mustChangePassword: false },
      };
    },
  }),
  requestPasswordReset: t.boolean({
    description:
      'Sends a one-time link (valid 30 minutes) to the e-mail of the account, if it has one. Always answers true: it never tells whether the account exists or has an e-mail.',
    args: { identifier: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (args.identifier.trim() !== '' && args.identifier.length <= 200)
        await requestPasswordReset(ctx.db, {
          identifier: args.identifier,
          clientAddress: ctx.clientAddress,
          at: ctx.sessionClock.now(),
          webOrigin: ctx.config.webOrigin ?? 'http://localhost:3000',
        });
      return true;
    },
  }),
  resetPassword: t.field({
    type: Session,
    description:
      'Sets a new password with the token of a reset link (once). Every session of the account is revoked; the returned session is new.',
    errors: {
      types: [InvalidResetToken, WeakPassword, TooManyAttempts],
      union: { name: 'ResetPasswordResult' },
    },
    args: {
      token: t.arg.string({ required: true }),
      newPassword: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.token.length > 200) throw new InvalidResetToken();
      if (args.newPassword.length > PASSWORD_POLICY.maxLength * 2)
        throw new WeakPassword([PASSWORD_PROBLEMS.tooLong]);
      const outcome = await admitted(ctx.passwordAdmission, () =>
        resetPassword(ctx.db, {
          token: args.token,
          newPassword: args.newPassword,
          clientAddress: ctx.clientAddress,
          at: ctx.sessionClock.now(),
          sessionHours: ctx.config.sessionHours,
        }),
      );
      if (outcome.kind === 'invalidToken') throw new InvalidResetToken();
      if (outcome.kind === 'weak') throw new WeakPassword(outcome.problems);
      if (outcome.kind === 'locked') throw new TooManyAttempts(outcome.retryAfter, 'resetPassword');
      return {
        token: outcome.token,
        expiresAt: outcome.expiresAt,
        account: { ...outcome.account, mustChangePassword: false },
      };
    },
  }),
  logOut: t.boolean({
    description: 'Revokes the current session. False when there was none to revoke.',
    resolve: async (_root, _args, ctx) => {
      if (ctx.token === null || ctx.viewer?.via !== 'session') return false;
      return revokeSession(ctx.db, hashToken(ctx.token), ctx.sessionClock.now());
    },
  }),
}));
