import {
  type AdmissionListConsent as ConsentShape,
  type AdmissionList as ListShape,
  type AdmittedName as NameShape,
  admissionList,
  admissionListConsent,
  setAdmissionListConsent,
} from '../../services/admission-list.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { Candidate } from './candidate.ts';

const AdmissionListConsent = builder.objectRef<ConsentShape>('AdmissionListConsent').implement({
  description:
    'Whether the candidate agrees to be named on the public list of admitted candidates (not by default).',
  fields: (t) => ({
    given: t.boolean({ resolve: (c) => c.givenAt !== null }),
    givenAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the consent in force was given; null when it is not given.',
      resolve: (c) => c.givenAt,
    }),
  }),
});

const AdmittedName = builder.objectRef<NameShape>('AdmittedName').implement({
  description: 'An admitted candidate who consented to be listed: the name, nothing else.',
  fields: (t) => ({
    lastName: t.exposeString('lastName'),
    firstName: t.exposeString('firstName'),
  }),
});

const AdmissionList = builder.objectRef<ListShape>('AdmissionList').implement({
  description:
    'The public list of one specialty’s admitted candidates, for those who consented. Empty before the first-group results instant; the first group’s admitted from then; those admitted after the control from the second group’s results instant (`complete`). Never a mark.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    specialtyCode: t.exposeString('specialtyCode'),
    specialtyName: t.exposeString('specialtyName'),
    firstGroupResultsAt: t.expose('firstGroupResultsAt', { type: 'DateTime' }),
    secondGroupResultsAt: t.expose('secondGroupResultsAt', { type: 'DateTime' }),
    complete: t.exposeBoolean('complete'),
    names: t.field({
      type: [AdmittedName],
      description: 'Sorted by last name, then first name (French order).',
      resolve: (l) => l.names,
    }),
  }),
});

builder.objectField(Candidate, 'admissionListConsent', (t) =>
  t.field({
    type: AdmissionListConsent,
    description:
      'CANDIDATE (their own): whether they agree to be named on the public list of admitted candidates.',
    authScopes: { roles: ['CANDIDATE'] },
    resolve: (candidate, _args, ctx) => admissionListConsent(ctx, candidate.id),
  }),
);

builder.queryFields((t) => ({
  admissionList: t.field({
    type: AdmissionList,
    nullable: true,
    description:
      'Public: one specialty’s list of admitted candidates who consented to be named (names only). Null for a session or specialty not defined. There is no list across specialties and no search.',
    args: {
      year: t.arg.int({ required: true }),
      specialtyCode: t.arg.string({ required: true }),
    },
    resolve: (_root, { year, specialtyCode }, ctx) => admissionList(ctx, year, specialtyCode),
  }),
}));

builder.mutationFields((t) => ({
  setAdmissionListConsent: t.field({
    type: AdmissionListConsent,
    description:
      'CANDIDATE: gives (`given: true`) or withdraws their consent to be named on the public list of admitted candidates, at any time; a withdrawal takes them off the list at once. Audited when it changes.',
    authScopes: { roles: ['CANDIDATE'] },
    args: { given: t.arg.boolean({ required: true }) },
    resolve: async (_root, { given }, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const consent = await setAdmissionListConsent(ctx.db, ctx.viewer, given, ctx.clock.now());
      if (consent === null) throw new ForbiddenError();
      return consent;
    },
  }),
}));
