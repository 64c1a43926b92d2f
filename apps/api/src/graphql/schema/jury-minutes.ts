import { type JuryCompositionRefusal, juryCompositionRefusalText } from '@rattrapage/domain';
import type { JuryKey, SignedMinuteRecord } from '../../repositories/jury-minutes.repository.ts';
import {
  type SignedMinuteRefusal,
  archiveSignedMinute,
  juryOnRecord,
  recordJuryComposition,
  signedMinuteRefusalText,
} from '../../services/jury-minutes.ts';
import type { RequestContext } from '../../context.ts';
import { builder } from '../builder.ts';
import { ForbiddenError } from '../graphql-errors.ts';
import { ApiError, plainErrorTypes } from './error.ts';
import { JuryStageEnum } from './jury.ts';
import { Specialty } from './reference.ts';

/**
 * A specialty's jury at one stage, as the pilot académie records it, and
 * the minutes of its deliberation: the one to print and sign, and the
 * signed ones it archives.
 */

function documentPath(name: string, params: Record<string, string>): string {
  return `/documents/${name}?${new URLSearchParams(params).toString()}`;
}

function keyParams(key: JuryKey): Record<string, string> {
  return { year: String(key.year), specialty: key.specialtyCode, stage: key.stage };
}

const SignedMinute = builder.objectRef<SignedMinuteRecord>('SignedMinute').implement({
  description:
    'A signed minute as archived by the pilot académie: a scanned PDF, kept with its SHA-256, never changed nor removed.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: '1 for the first archived, then 2…' }),
    sha256: t.exposeString('sha256', { description: 'The file’s SHA-256, in hexadecimal.' }),
    bytes: t.exposeInt('bytes'),
    archivedAt: t.field({ type: 'DateTime', resolve: (m) => m.archivedAt }),
    archivedBy: t.exposeString('archivedBy', {
      description: 'The identifier of the pilot account that archived it.',
    }),
    path: t.string({
      description: 'Where to download the archived file (PILOT; audited).',
      resolve: (m) => documentPath('proces-verbal-signe.pdf', { id: String(m.id) }),
    }),
  }),
});

interface JuryShape {
  readonly key: JuryKey;
  /** Read once per object, whichever of its fields ask. */
  readonly onRecord: () => ReturnType<typeof juryOnRecord>;
}

function juryShape(ctx: RequestContext, key: JuryKey): JuryShape {
  let read: ReturnType<typeof juryOnRecord> | undefined;
  return { key, onRecord: () => (read ??= juryOnRecord(ctx, key)) };
}

const Jury = builder.objectRef<JuryShape>('Jury').implement({
  description:
    'The jury of a specialty at one stage: who sat and when it deliberated (null until recorded), and its minutes.',
  fields: (t) => ({
    stage: t.field({ type: JuryStageEnum, resolve: (j) => j.key.stage }),
    president: t.string({
      nullable: true,
      resolve: async (j) => (await j.onRecord())?.jury?.president ?? null,
    }),
    members: t.stringList({
      description: 'The members besides the president, as recorded.',
      resolve: async (j) => [...((await j.onRecord())?.jury?.members ?? [])],
    }),
    deliberatedOn: t.field({
      type: 'Date',
      nullable: true,
      resolve: async (j) => (await j.onRecord())?.jury?.deliberatedOn ?? null,
    }),
    minutesPath: t.string({
      description:
        'The minutes of the deliberation to print and sign (PDF): the jury, each candidate’s averages, computed outcome and the jury’s decision where it departs from it, the counts. Audited.',
      resolve: (j) => documentPath('proces-verbal.pdf', keyParams(j.key)),
    }),
    minutesCsvPath: t.string({
      description: 'The same list of candidates as the minutes, as CSV. Audited.',
      resolve: (j) => documentPath('proces-verbal.csv', keyParams(j.key)),
    }),
    signedMinutes: t.field({
      type: [SignedMinute],
      description: 'Every signed minute archived for this jury, the first first.',
      resolve: async (j) => (await j.onRecord())?.minutes ?? [],
    }),
  }),
});

builder.objectField(Specialty, 'jury', (t) =>
  t.field({
    type: Jury,
    description: 'PILOT only: the jury of this specialty at a stage, and its minutes.',
    authScopes: { roles: ['PILOT'] },
    args: { stage: t.arg({ type: JuryStageEnum, required: true }) },
    resolve: (s, args, ctx) =>
      juryShape(ctx, { year: s.reference.year, specialtyCode: s.record.code, stage: args.stage }),
  }),
);

export class JuryCompositionInvalid extends ApiError {
  constructor(refusal: JuryCompositionRefusal) {
    super(refusal.code, juryCompositionRefusalText(refusal));
  }
}

export class SignedMinuteInvalid extends ApiError {
  constructor(refusal: SignedMinuteRefusal | { readonly code: 'NOT_BASE64' }) {
    super(
      refusal.code,
      refusal.code === 'NOT_BASE64'
        ? 'Le fichier doit être envoyé en base64, ou en multipart (voir le guide GraphQL).'
        : signedMinuteRefusalText(refusal),
    );
  }
}

plainErrorTypes([
  [
    JuryCompositionInvalid,
    'JuryCompositionInvalid',
    'The jury cannot be recorded as given; `code` says why (PRESIDENT_REQUIRED, MEMBER_NAME_REQUIRED, NAME_TOO_LONG, TOO_MANY_MEMBERS, NAMED_TWICE, DELIBERATION_DATE_INVALID, DELIBERATION_OUTSIDE_SESSION).',
  ],
  [
    SignedMinuteInvalid,
    'SignedMinuteInvalid',
    'The file is not a signed minute that can be archived; `code` says why (EMPTY_FILE, NOT_A_PDF, FILE_TOO_LARGE, NOT_BASE64).',
  ],
]);

const ArchivedSignedMinute = builder
  .objectRef<{ readonly minute: SignedMinuteRecord; readonly alreadyArchived: boolean }>(
    'ArchivedSignedMinute',
  )
  .implement({
    fields: (t) => ({
      minute: t.field({ type: SignedMinute, resolve: (a) => a.minute }),
      alreadyArchived: t.exposeBoolean('alreadyArchived', {
        description: 'The same file (same SHA-256) was archived before: nothing new was kept.',
      }),
    }),
  });

/**
 * Strict base64 (Node's decoder skips what it does not know). Linear on a
 * file's megabytes: a grouped, repeated pattern would exhaust the regular
 * expression engine's stack on a scan of a few pages.
 */
function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

builder.mutationFields((t) => ({
  recordJury: t.field({
    type: Jury,
    description:
      'PILOT only: records who sat on a specialty’s jury at a stage and the day it deliberated, replacing what was recorded. Audited (JURY_RECORDED).',
    authScopes: { roles: ['PILOT'] },
    errors: { types: [JuryCompositionInvalid], union: { name: 'RecordJuryResult' } },
    args: {
      year: t.arg.int({ required: true }),
      specialty: t.arg.string({ required: true }),
      stage: t.arg({ type: JuryStageEnum, required: true }),
      president: t.arg.string({ required: true }),
      members: t.arg.stringList({ required: true }),
      deliberatedOn: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      const key = {
        year: args.year,
        specialtyCode: args.specialty,
        stage: args.stage,
      };
      const outcome = await recordJuryComposition(ctx.db, ctx.clock, ctx.viewer, key, {
        president: args.president,
        members: args.members,
        deliberatedOn: args.deliberatedOn,
      });
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'refused') throw new JuryCompositionInvalid(outcome.refusal);
      return juryShape(ctx, key);
    },
  }),
  archiveSignedMinute: t.field({
    type: ArchivedSignedMinute,
    description:
      'PILOT only: archives the scanned, signed minute of a jury (a PDF) as its next version, with its SHA-256; never overwrites one. Send the file as a multipart upload mapped to `pdf`, or its bytes in base64. The same file again is not kept twice. Audited (SIGNED_MINUTE_ARCHIVED).',
    authScopes: { roles: ['PILOT'] },
    errors: { types: [SignedMinuteInvalid], union: { name: 'ArchiveSignedMinuteResult' } },
    args: {
      year: t.arg.int({ required: true }),
      specialty: t.arg.string({ required: true }),
      stage: t.arg({ type: JuryStageEnum, required: true }),
      pdf: t.arg.string({ required: true, description: 'The PDF’s bytes in base64.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer === null) throw new ForbiddenError();
      if (!isBase64(args.pdf)) throw new SignedMinuteInvalid({ code: 'NOT_BASE64' });
      const key = {
        year: args.year,
        specialtyCode: args.specialty,
        stage: args.stage,
      };
      const outcome = await archiveSignedMinute(
        ctx.db,
        ctx.clock,
        ctx.viewer,
        key,
        Buffer.from(args.pdf, 'base64'),
      );
      if (outcome.kind === 'forbidden') throw new ForbiddenError();
      if (outcome.kind === 'refused') throw new SignedMinuteInvalid(outcome.refusal);
      return outcome;
    },
  }),
}));
