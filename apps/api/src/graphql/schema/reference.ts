import {
  type Academy as AcademyShape,
  type ExamTest,
  type Window as WindowShape,
  academyByCode,
  currentSessionYear,
  formatCoefficient,
  isWindowOpen,
  oralDays,
} from '@rattrapage/domain';
import type {
  SchoolRecord,
  SessionReference,
  SpecialtyRecord,
} from '../../repositories/reference.repository.ts';
import { listAcademies, listSessionYears } from '../../services/reference-lists.ts';
import type { RequestContext } from '../../context.ts';
import { builder } from '../builder.ts';

export const Academy = builder.objectRef<AcademyShape>('Academy').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
  }),
});

/** The académie of a code, from the reference data (codes are checked by foreign keys). */
export function academyOf(code: string): AcademyShape {
  return academyByCode(code) ?? { code, name: code };
}

export const Window = builder.objectRef<WindowShape>('Window').implement({
  description: 'A half-open interval: open at `opensAt`, closed at `closesAt`.',
  fields: (t) => ({
    opensAt: t.expose('opensAt', { type: 'DateTime' }),
    closesAt: t.expose('closesAt', { type: 'DateTime' }),
    isOpen: t.boolean({ resolve: (w, _args, ctx) => isWindowOpen(w, ctx.now) }),
  }),
});

export const TestDomain = builder.enumType('TestDomain', {
  values: ['GENERAL', 'PROFESSIONAL'] as const,
});

const TestPart = builder.objectRef<ExamTest['parts'][number]>('TestPart').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    coefficient: t.string({ resolve: (p) => formatCoefficient(p.coefficientHundredths) }),
  }),
});

export const Test = builder.objectRef<ExamTest>('Test').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    coefficient: t.string({
      description: 'Exact decimal, e.g. "1.5".',
      resolve: (test) => formatCoefficient(test.coefficientHundredths),
    }),
    domain: t.field({ type: TestDomain, resolve: (test) => test.domain }),
    optional: t.exposeBoolean('optional'),
    controlEligible: t.exposeBoolean('controlEligible'),
    language: t.boolean({
      description:
        'A modern-language test: its control oral is 10 + 10 minutes instead of 20 + 20.',
      resolve: (test) => test.language === true,
    }),
    parts: t.field({ type: [TestPart], resolve: (test) => test.parts }),
  }),
});

export interface SpecialtyShape {
  readonly reference: SessionReference;
  readonly record: SpecialtyRecord;
}

export const Specialty = builder.objectRef<SpecialtyShape>('Specialty').implement({
  fields: (t) => ({
    code: t.string({ resolve: (s) => s.record.code }),
    name: t.string({ resolve: (s) => s.record.name }),
    pilotAcademy: t.field({ type: Academy, resolve: (s) => academyOf(s.record.pilotAcademyCode) }),
    firstGroupResultsAt: t.field({
      type: 'DateTime',
      resolve: (s) => batchOfShape(s).firstGroupResultsAt,
    }),
    choiceWindow: t.field({ type: Window, resolve: (s) => batchOfShape(s).choiceWindow }),
    tests: t.field({ type: [Test], resolve: (s) => s.record.structure.tests }),
    oralDays: t.field({
      type: [OralDay],
      description:
        'The day of the orals by académie of origin; a null académie is the day for all others.',
      resolve: (s) =>
        s.reference.calendar.oralDays.filter((o) => o.specialtyCode === s.record.code),
    }),
  }),
});

const OralDay = builder
  .objectRef<SessionReference['calendar']['oralDays'][number]>('OralDay')
  .implement({
    fields: (t) => ({
      academy: t.field({
        type: Academy,
        nullable: true,
        resolve: (o) => (o.originAcademyCode === undefined ? null : academyOf(o.originAcademyCode)),
      }),
      date: t.field({ type: 'Date', resolve: (o) => o.date }),
    }),
  });

function batchOfShape(s: SpecialtyShape) {
  const batch = s.reference.calendar.batches.find((b) => b.id === s.record.batchId);
  if (batch === undefined) throw new Error(`specialty ${s.record.code} has no batch`);
  return batch;
}

export function specialtyShape(reference: SessionReference, code: string): SpecialtyShape {
  const record = reference.specialties.get(code);
  if (record === undefined) throw new Error(`unknown specialty ${code} in ${reference.year}`);
  return { reference, record };
}

export const ExamSession = builder.objectRef<SessionReference>('ExamSession').implement({
  fields: (t) => ({
    year: t.exposeInt('year'),
    specialties: t.field({
      type: [Specialty],
      resolve: (r) => [...r.specialties.keys()].map((code) => specialtyShape(r, code)),
    }),
    secondGroupResultsAt: t.field({
      type: 'DateTime',
      resolve: (r) => r.calendar.secondGroupResultsAt,
    }),
    oralDays: t.field({ type: ['Date'], resolve: (r) => oralDays(r.calendar) }),
  }),
});

builder.objectField(Specialty, 'session', (t) =>
  t.field({
    type: ExamSession,
    description: 'The exam session the specialty belongs to: its calendar and its rules.',
    resolve: (s) => s.reference,
  }),
);

export const School = builder.objectRef<SchoolRecord>('School').implement({
  fields: (t) => ({
    uai: t.exposeString('uai'),
    name: t.exposeString('name'),
    academy: t.field({ type: Academy, resolve: (s) => academyOf(s.academyCode) }),
  }),
});

/** Every exam session defined, in year order. */
async function definedSessions(ctx: RequestContext): Promise<SessionReference[]> {
  const sessions = await ctx.loaders.reference.loadMany(await listSessionYears(ctx.db));
  return sessions.filter((s): s is SessionReference => s !== null && !(s instanceof Error));
}

builder.queryFields((t) => ({
  examSessions: t.field({
    type: [ExamSession],
    description: 'Public reference data: every exam session.',
    resolve: (_root, _args, ctx) => definedSessions(ctx),
  }),
  examSession: t.field({
    type: ExamSession,
    nullable: true,
    args: { year: t.arg.int({ required: true }) },
    resolve: (_root, { year }, ctx) => ctx.loaders.reference.load(year),
  }),
  currentExamSession: t.field({
    type: ExamSession,
    nullable: true,
    description:
      'The session whose calendar contains now (its first publication to its second-group results), else the latest defined; null when none is. What pages and commands show unless asked for a year.',
    resolve: async (_root, _args, ctx) => {
      const sessions = await definedSessions(ctx);
      const year = currentSessionYear(
        sessions.map((s) => s.calendar),
        ctx.clock.now(),
      );
      return sessions.find((s) => s.year === year) ?? null;
    },
  }),
  academies: t.field({
    type: [Academy],
    resolve: (_root, _args, ctx) => listAcademies(ctx.db),
  }),
}));
