import {
  type Accommodation,
  type ExamCentre,
  type ExamCentreDeclaration,
  type Examiner,
  type Room,
  type UnplacedReason,
  unplacedReasonText,
} from '@rattrapage/domain';
import {
  setAccommodation,
  setExamCentres,
  setExaminers,
  setRooms,
} from '../../services/declare-planning-resources.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { Candidate, candidateIdFromGlobal, loadCandidate } from './candidate.ts';
import { ConvocationPlan } from './control.ts';
import { ApiError, ErrorInterface, UnknownExamSession } from './error.ts';
import { Convocation } from './results.ts';

export class InvalidPlanningInput extends ApiError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      'INVALID_PLANNING_INPUT',
      `Données de planification invalides : ${problems.join(' ; ')}.`,
    );
    this.problems = problems;
  }
}

builder.objectType(InvalidPlanningInput, {
  name: 'InvalidPlanningInput',
  description:
    'Examiners, rooms or an accommodation that cannot be planned with; every problem is listed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidPlanningInput,
  fields: (t) => ({ problems: t.exposeStringList('problems') }),
});

const UnplacedReasonEnum = builder.enumType('UnplacedReason', {
  values: ['NO_EXAMINER', 'NO_ROOM', 'NO_ACCESSIBLE_ROOM', 'DAY_FULL'] as const,
});

const UnplacedCandidate = builder
  .objectRef<{
    readonly candidateId: string;
    readonly reason: UnplacedReason;
    readonly testCode: string | null;
  }>('UnplacedCandidate')
  .implement({
    description: 'A candidate the planner could not convene, and why.',
    fields: (t) => ({
      candidate: t.field({
        type: Candidate,
        nullable: true,
        resolve: (u, _args, ctx) => loadCandidate(ctx, u.candidateId),
      }),
      reason: t.field({ type: UnplacedReasonEnum, resolve: (u) => u.reason }),
      testCode: t.exposeString('testCode', { nullable: true }),
      message: t.string({ resolve: (u) => unplacedReasonText(u.reason, u.testCode) }),
    }),
  });

builder.objectField(ConvocationPlan, 'unplaced', (t) =>
  t.field({
    type: [UnplacedCandidate],
    description: 'Candidates who could not be placed by this run, with the reason.',
    resolve: (plan) => plan.unplaced,
  }),
);

const ExaminedTest = builder
  .objectRef<{ readonly specialtyCode: string; readonly testCode: string }>('ExaminedTest')
  .implement({
    fields: (t) => ({
      specialtyCode: t.exposeString('specialtyCode'),
      testCode: t.exposeString('testCode'),
    }),
  });

const ExaminerRef = builder.objectRef<Examiner>('Examiner').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    day: t.field({ type: 'Date', resolve: (e) => e.day }),
    availableFrom: t.field({ type: 'DateTime', resolve: (e) => e.availableFrom }),
    availableUntil: t.field({ type: 'DateTime', resolve: (e) => e.availableUntil }),
    tests: t.field({ type: [ExaminedTest], resolve: (e) => e.tests }),
  }),
});

const ExamCentreRef = builder.objectRef<ExamCentre>('ExamCentre').implement({
  description: 'The establishment where orals take place, with its postal address.',
  fields: (t) => ({
    name: t.exposeString('name'),
    street: t.exposeString('street'),
    postcode: t.exposeString('postcode', { description: 'French postcode, five digits.' }),
    city: t.exposeString('city'),
  }),
});

const ExamCentreAssignment = builder
  .objectRef<ExamCentreDeclaration>('ExamCentreAssignment')
  .implement({
    description: 'The centre of the orals of some specialties on one day.',
    fields: (t) => ({
      day: t.field({ type: 'Date', resolve: (d) => d.day }),
      specialtyCodes: t.exposeStringList('specialtyCodes'),
      centre: t.field({ type: ExamCentreRef, resolve: (d) => d.centre }),
    }),
  });

const ExamCentreList = builder
  .objectRef<{ readonly centres: readonly ExamCentreDeclaration[] }>('ExamCentreList')
  .implement({
    fields: (t) => ({
      centres: t.field({ type: [ExamCentreAssignment], resolve: (l) => l.centres }),
    }),
  });

builder.objectField(Convocation, 'centre', (t) =>
  t.field({
    type: ExamCentreRef,
    nullable: true,
    description:
      'The exam centre (establishment and address) as declared when the convocation was issued; null when the académie declared none.',
    resolve: (c) => c.record.centre ?? null,
  }),
);

const RoomRef = builder.objectRef<Room>('Room').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    accessible: t.exposeBoolean('accessible'),
  }),
});

const ExaminerList = builder
  .objectRef<{ readonly examiners: readonly Examiner[] }>('ExaminerList')
  .implement({
    fields: (t) => ({ examiners: t.field({ type: [ExaminerRef], resolve: (l) => l.examiners }) }),
  });

const RoomList = builder.objectRef<{ readonly rooms: readonly Room[] }>('RoomList').implement({
  fields: (t) => ({ rooms: t.field({ type: [RoomRef], resolve: (l) => l.rooms }) }),
});

const AccommodationRef = builder.objectRef<Accommodation>('Accommodation').implement({
  fields: (t) => ({
    extraPreparation: t.string({
      nullable: true,
      description: 'Extra preparation time as an exact fraction of the regular time: "1/3".',
      resolve: (a) =>
        a.extraPreparation === null
          ? null
          : `${a.extraPreparation.numerator}/${a.extraPreparation.denominator}`,
    }),
    accessibleRoomRequired: t.exposeBoolean('accessibleRoomRequired'),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const CandidateAccommodation = builder
  .objectRef<{ readonly candidateId: string; readonly accommodation: Accommodation | null }>(
    'CandidateAccommodation',
  )
  .implement({
    fields: (t) => ({
      candidate: t.field({
        type: Candidate,
        nullable: true,
        resolve: (a, _args, ctx) => loadCandidate(ctx, a.candidateId),
      }),
      accommodation: t.field({
        type: AccommodationRef,
        nullable: true,
        resolve: (a) => a.accommodation,
      }),
    }),
  });

// Health-related data: the candidate, the académie that grants it and the
// pilot read it; a school does not (it answers FORBIDDEN, never null).
builder.objectField(Candidate, 'accommodation', (t) =>
  t.field({
    type: AccommodationRef,
    nullable: true,
    description:
      'The exam accommodation granted (extra preparation time, accessible room); null when none. CANDIDATE (their own), ACADEMY (its candidates of origin) and PILOT.',
    authScopes: { roles: ['CANDIDATE', 'ACADEMY', 'PILOT'] },
    resolve: (candidate, _args, ctx) => ctx.loaders.accommodations.load(candidate.id),
  }),
);

const ExaminedTestInput = builder.inputType('ExaminedTestInput', {
  fields: (t) => ({ specialtyCode: t.string(), testCode: t.string() }),
});

const ExaminerInput = builder.inputType('ExaminerInput', {
  fields: (t) => ({
    name: t.string(),
    day: t.field({ type: 'Date' }),
    availableFrom: t.string({ description: 'Paris wall time, "HH:mm" (08:00).' }),
    availableUntil: t.string({
      description: 'Paris wall time, "HH:mm" (18:00; 24:00 for midnight).',
    }),
    tests: t.field({ type: [ExaminedTestInput] }),
  }),
});

const RoomInput = builder.inputType('RoomInput', {
  fields: (t) => ({ name: t.string(), accessible: t.boolean() }),
});

const ExamCentreInput = builder.inputType('ExamCentreInput', {
  fields: (t) => ({
    day: t.field({ type: 'Date' }),
    specialtyCodes: t.stringList({ description: 'The specialties whose orals it holds that day.' }),
    name: t.string({ description: 'The establishment: « Lycée Jean-Jaurès ».' }),
    street: t.string({ description: 'Number and street: « 12 rue des Capucins ».' }),
    postcode: t.string({ description: 'Five digits: « 51100 ».' }),
    city: t.string(),
  }),
});

const FractionInput = builder.inputType('FractionInput', {
  fields: (t) => ({ numerator: t.int(), denominator: t.int() }),
});

const AccommodationInput = builder.inputType('AccommodationInput', {
  fields: (t) => ({
    extraPreparation: t.field({
      type: FractionInput,
      required: false,
      description: 'Extra preparation time, a fraction of the regular time: 1/3.',
    }),
    accessibleRoomRequired: t.boolean(),
    note: t.string({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  setExaminers: t.field({
    type: ExaminerList,
    description:
      'ACADEMY (its own) or PILOT (any académie): replaces the examiners of the session. Issued convocations are not moved.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    errors: {
      types: [InvalidPlanningInput, UnknownExamSession],
      union: { name: 'SetExaminersResult' },
    },
    args: {
      year: t.arg.int({ required: true }),
      academyCode: t.arg.string({ required: true }),
      examiners: t.arg({ type: [ExaminerInput], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const outcome = await setExaminers(ctx.db, ctx.clock, ctx.viewer, args);
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'unknownSession') throw new UnknownExamSession(args.year);
      if (outcome.kind === 'invalid') throw new InvalidPlanningInput(outcome.problems);
      return { examiners: outcome.value };
    },
  }),
  setRooms: t.field({
    type: RoomList,
    description: 'ACADEMY (its own) or PILOT (any académie): replaces the rooms of the session.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    errors: {
      types: [InvalidPlanningInput, UnknownExamSession],
      union: { name: 'SetRoomsResult' },
    },
    args: {
      year: t.arg.int({ required: true }),
      academyCode: t.arg.string({ required: true }),
      rooms: t.arg({ type: [RoomInput], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const outcome = await setRooms(ctx.db, ctx.clock, ctx.viewer, args);
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'unknownSession') throw new UnknownExamSession(args.year);
      if (outcome.kind === 'invalid') throw new InvalidPlanningInput(outcome.problems);
      return { rooms: outcome.value };
    },
  }),
  setExamCentres: t.field({
    type: ExamCentreList,
    description:
      'ACADEMY (its own) or PILOT (any académie): replaces the exam centres of the session, one per specialty and day. Issued convocations keep their centre.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    errors: {
      types: [InvalidPlanningInput, UnknownExamSession],
      union: { name: 'SetExamCentresResult' },
    },
    args: {
      year: t.arg.int({ required: true }),
      academyCode: t.arg.string({ required: true }),
      centres: t.arg({ type: [ExamCentreInput], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const outcome = await setExamCentres(ctx.db, ctx.clock, ctx.viewer, {
        year: args.year,
        academyCode: args.academyCode,
        centres: args.centres.map(({ day, specialtyCodes, ...centre }) => ({
          day,
          specialtyCodes,
          centre,
        })),
      });
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'unknownSession') throw new UnknownExamSession(args.year);
      if (outcome.kind === 'invalid') throw new InvalidPlanningInput(outcome.problems);
      return { centres: outcome.value };
    },
  }),
  setAccommodation: t.field({
    type: CandidateAccommodation,
    description:
      'ACADEMY (its candidates of origin) or PILOT (all): sets a candidate’s exam accommodation; null removes it. Applies to convocations issued afterwards.',
    authScopes: { roles: ['ACADEMY', 'PILOT'] },
    errors: { types: [InvalidPlanningInput], union: { name: 'SetAccommodationResult' } },
    args: {
      candidateId: t.arg.id({ required: true }),
      accommodation: t.arg({ type: AccommodationInput, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const candidateId = candidateIdFromGlobal(args.candidateId);
      const a = args.accommodation;
      const outcome = await setAccommodation(ctx.db, ctx.clock, ctx.viewer, {
        candidateId,
        accommodation:
          a === null || a === undefined
            ? null
            : {
                extraPreparation: a.extraPreparation ?? null,
                accessibleRoomRequired: a.accessibleRoomRequired,
                note: a.note ?? null,
              },
      });
      if (outcome.kind === 'forbidden' || outcome.kind === 'unknownSession')
        throw new ForbiddenError();
      if (outcome.kind === 'invalid') throw new InvalidPlanningInput(outcome.problems);
      return { candidateId, accommodation: outcome.value };
    },
  }),
}));
