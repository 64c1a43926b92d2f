import { logIn } from '../../auth/log-in.ts';
import { hashToken } from '../../auth/tokens.ts';
import { revokeSession } from '../../repositories/accounts.repository.ts';
import { builder } from '../builder.ts';
import { Candidate, loadCandidate } from './candidate.ts';
import { InvalidCredentials, TooManyAttempts } from './error.ts';
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
}

export const Account = builder.objectRef<AccountShape>('Account').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    identifier: t.exposeString('identifier'),
    role: t.field({ type: RoleEnum, resolve: (a) => a.role }),
    candidate: t.field({
      type: Candidate,
      nullable: true,
      resolve: (a, _args, ctx) =>
        a.candidateId === null ? null : loadCandidate(ctx, a.candidateId),
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
      if (args.identifier.length > 200 || args.password.length > 1024)
        throw new InvalidCredentials();
      const outcome = await logIn(ctx.db, {
        identifier: args.identifier,
        password: args.password,
        clientAddress: ctx.clientAddress,
        at: ctx.sessionClock.now(),
        sessionHours: ctx.config.sessionHours,
      });
      if (outcome.kind === 'invalid') throw new InvalidCredentials();
      if (outcome.kind === 'locked') throw new TooManyAttempts(outcome.retryAfter);
      return { token: outcome.token, expiresAt: outcome.expiresAt, account: outcome.account };
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
