import {
  DomainInputError,
  choiceWindow,
  firstGroupResultsAt,
  oralDayFor,
} from '@rattrapage/domain';
import type { SessionReference } from '../../repositories/reference.repository.ts';
import {
  calendarLinkCreatedAt,
  candidateOfLink,
  createCalendarLink,
  revokeCalendarLink,
} from '../../services/calendar-link.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { Candidate } from './candidate.ts';
import { Window } from './reference.ts';

const CalendarLink = builder.objectRef<{ readonly createdAt: Date }>('CalendarLink').implement({
  description:
    'The candidate’s secret calendar link in force. Its secret is shown once, when it is created.',
  fields: (t) => ({ createdAt: t.expose('createdAt', { type: 'DateTime' }) }),
});

const CreatedCalendarLink = builder
  .objectRef<{ readonly token: string; readonly createdAt: Date }>('CreatedCalendarLink')
  .implement({
    description:
      'A new calendar link: `token` is its secret, given this once (only its hash is kept). The link in force before it, if any, no longer opens anything.',
    fields: (t) => ({
      token: t.exposeString('token'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

interface CandidateCalendarShape {
  readonly reference: SessionReference;
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
}

/** The day the rules give for the candidate's orals; null when none is fixed yet. */
function oralDayOf(c: CandidateCalendarShape): string | null {
  try {
    return oralDayFor(c.reference.calendar, c.specialtyCode, c.originAcademyCode);
  } catch (error) {
    if (error instanceof DomainInputError) return null;
    throw error;
  }
}

const CandidateCalendar = builder.objectRef<CandidateCalendarShape>('CandidateCalendar').implement({
  description:
    'The instants of one candidate’s session, as their calendar link shows them: no name, no mark, no outcome.',
  fields: (t) => ({
    year: t.int({ resolve: (c) => c.reference.year }),
    specialtyCode: t.string({ resolve: (c) => c.specialtyCode }),
    specialtyName: t.string({
      resolve: (c) => c.reference.specialties.get(c.specialtyCode)?.name ?? c.specialtyCode,
    }),
    firstGroupResultsAt: t.field({
      type: 'DateTime',
      resolve: (c) => firstGroupResultsAt(c.reference.calendar, c.specialtyCode),
    }),
    choiceWindow: t.field({
      type: Window,
      resolve: (c) => choiceWindow(c.reference.calendar, c.specialtyCode),
    }),
    oralDay: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day of the orals for the candidate’s académie of origin and specialty.',
      resolve: oralDayOf,
    }),
    secondGroupResultsAt: t.field({
      type: 'DateTime',
      resolve: (c) => c.reference.calendar.secondGroupResultsAt,
    }),
  }),
});

builder.objectField(Candidate, 'calendarLink', (t) =>
  t.field({
    type: CalendarLink,
    nullable: true,
    description: 'CANDIDATE (their own): the secret calendar link in force, null when none.',
    authScopes: { roles: ['CANDIDATE'] },
    resolve: async (candidate, _args, ctx) => {
      const createdAt = await calendarLinkCreatedAt(ctx, candidate.id);
      return createdAt === null ? null : { createdAt };
    },
  }),
);

builder.queryFields((t) => ({
  candidateCalendar: t.field({
    type: CandidateCalendar,
    nullable: true,
    description:
      'Public, for calendar applications (which cannot log in): the calendar a secret link opens; null for an unknown, revoked or malformed secret alike.',
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_root, { token }, ctx) => {
      const candidate = await candidateOfLink(ctx.db, token);
      if (candidate === null) return null;
      const reference = await ctx.loaders.reference.load(candidate.year);
      if (reference === null) return null;
      return {
        reference,
        specialtyCode: candidate.specialtyCode,
        originAcademyCode: candidate.originAcademyCode,
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  createCalendarLink: t.field({
    type: CreatedCalendarLink,
    description:
      'CANDIDATE: a new secret link to their calendar (window, oral day, results instants) for a calendar application; the previous one stops working. Audited.',
    authScopes: { roles: ['CANDIDATE'] },
    resolve: async (_root, _args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const created = await createCalendarLink(ctx.db, ctx.viewer, ctx.clock.now());
      if (created === null) throw new ForbiddenError();
      return created;
    },
  }),
  revokeCalendarLink: t.boolean({
    description:
      'CANDIDATE: the link in force stops working at once; false when there was none. Audited.',
    authScopes: { roles: ['CANDIDATE'] },
    resolve: async (_root, _args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const revoked = await revokeCalendarLink(ctx.db, ctx.viewer, ctx.clock.now());
      if (revoked === null) throw new ForbiddenError();
      return revoked;
    },
  }),
}));
