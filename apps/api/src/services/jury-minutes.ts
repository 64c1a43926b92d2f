import { createHash } from 'node:crypto';
import {
  type JuryCompositionRefusal,
  type MinutesCounts,
  juryComposition,
  juryDiffers,
  minutesCounts,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { averageLabel, outcomeLabel } from '../documents/labels.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  type JuryKey,
  type JuryRecord,
  type SignedMinuteRecord,
  archiveMinute,
  juryOf,
  lockJury,
  recordJury,
  signedMinuteFile,
  signedMinutesOf,
} from '../repositories/jury-minutes.repository.ts';
import { currentSessionReferences } from './reference-cache.ts';
import { type StageCandidate, juryStageCandidates } from './jury-stage-candidates.ts';

/**
 * The minutes of a jury's deliberation (procès-verbal) and what they rest
 * on: who sat and when (recorded by the pilot académie), and the signed
 * minutes it archives. All of it is the pilot's: its jury deliberates on
 * every candidate of the specialty, before anything is published.
 */

export interface JuryMinutes {
  readonly key: JuryKey;
  readonly specialtyName: string;
  /** Null until the pilot records who sat: the paper then leaves the names to write in. */
  readonly jury: JuryRecord | null;
  /** By candidate number. */
  readonly candidates: readonly StageCandidate[];
  readonly counts: MinutesCounts;
}

/** Whether the session has that specialty, from the reference the requests share in memory. */
async function specialtyExists(db: Kysely<Database>, key: JuryKey): Promise<boolean> {
  const [reference] = await currentSessionReferences(db, [key.year]);
  return reference?.specialties.has(key.specialtyCode) ?? false;
}

/** The minutes of one specialty and stage; null when not the pilot's or no such specialty. Audited. */
export async function juryMinutes(ctx: RequestContext, key: JuryKey): Promise<JuryMinutes | null> {
  const viewer = ctx.viewer;
  if (viewer?.role !== 'PILOT') return null;
  const reference = await ctx.loaders.reference.load(key.year);
  const specialty = reference?.specialties.get(key.specialtyCode);
  if (specialty === undefined) return null;
  const candidates = (await juryStageCandidates(ctx, key.year, key.specialtyCode, key.stage)).sort(
    (a, b) => a.number.localeCompare(b.number),
  );
  const counts = minutesCounts(
    candidates.map((c) => ({ computed: c.computed, jury: c.juryOutcome })),
    key.stage,
  );
  await appendAudit(ctx.db, {
    at: ctx.now,
    actorAccountId: viewer.accountId,
    actorRole: viewer.role,
    action: 'DOCUMENT_PRODUCED',
    after: { document: 'JURY_MINUTES', ...key, candidates: candidates.length },
  });
  return {
    key,
    specialtyName: specialty.name,
    jury: await juryOf(ctx.db, key),
    candidates,
    counts,
  };
}

/** The minutes' list of candidates as a table: the PDF's and the CSV's rows alike. */
export function juryMinutesTable(minutes: JuryMinutes): { header: string[]; rows: string[][] } {
  const first = minutes.key.stage === 'FIRST_GROUP';
  return {
    header: [
      'N° candidat',
      'Nom',
      'Prénom',
      first ? 'Moyenne générale' : 'Moyenne après le contrôle',
      ...(first ? ['Moyenne du domaine professionnel'] : []),
      'Résultat calculé',
      'Décision du jury',
      'Motif',
    ],
    rows: minutes.candidates.map((c) => {
      const differs = juryDiffers({ computed: c.computed, jury: c.juryOutcome });
      return [
        c.number,
        c.candidate.lastName.toUpperCase(),
        c.candidate.firstName,
        averageLabel(c.overallAverage),
        ...(first ? [averageLabel(c.professionalAverage)] : []),
        c.computed === null ? 'non calculable' : outcomeLabel(c.computed),
        differs && c.juryOutcome !== null ? outcomeLabel(c.juryOutcome) : '',
        differs ? (c.juryReason ?? '') : '',
      ];
    }),
  };
}

export type JuryRecordingOutcome =
  | { readonly kind: 'done'; readonly jury: JuryRecord }
  | { readonly kind: 'refused'; readonly refusal: JuryCompositionRefusal }
  /** Not the pilot, or no such specialty: indistinguishable on purpose. */
  | { readonly kind: 'forbidden' };

/**
 * Records who sat on a jury and the day it deliberated (the domain's
 * juryComposition), replacing what was recorded; audited with the
 * composition before and after. The same composition again changes and
 * audits nothing.
 */
export async function recordJuryComposition(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  key: JuryKey,
  input: {
    readonly president: string;
    readonly members: readonly string[];
    readonly deliberatedOn: string;
  },
): Promise<JuryRecordingOutcome> {
  if (viewer.role !== 'PILOT' || !(await specialtyExists(db, key))) return { kind: 'forbidden' };
  const checked = juryComposition({ year: key.year, ...input });
  if (!checked.ok) return { kind: 'refused', refusal: checked.refusal };
  const { composition } = checked;
  return db.transaction().execute(async (trx) => {
    await lockJury(trx, key);
    const before = await juryOf(trx, key);
    const unchanged =
      before !== null &&
      before.president === composition.president &&
      before.deliberatedOn === composition.deliberatedOn &&
      JSON.stringify(before.members) === JSON.stringify(composition.members);
    if (unchanged) return { kind: 'done', jury: before };
    const at = clock.now();
    await recordJury(trx, key, composition, at, viewer.accountId);
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: 'JURY_RECORDED',
      before:
        before === null
          ? null
          : {
              ...key,
              president: before.president,
              members: [...before.members],
              deliberatedOn: before.deliberatedOn,
            },
      after: { ...key, ...composition, members: [...composition.members] },
    });
    return { kind: 'done', jury: { ...composition, recordedAt: at } } as const;
  });
}

/** A scanned minute's size limit: the upload path's own bound. */
export const SIGNED_MINUTE_MAX_BYTES = 20 * 1024 * 1024;

export type SignedMinuteRefusal =
  | { readonly code: 'EMPTY_FILE' }
  | { readonly code: 'NOT_A_PDF' }
  | { readonly code: 'FILE_TOO_LARGE'; readonly maxBytes: number };

export type ArchiveOutcome =
  | {
      readonly kind: 'done';
      readonly minute: SignedMinuteRecord;
      /** The same file was archived before: nothing new is kept. */
      readonly alreadyArchived: boolean;
    }
  | { readonly kind: 'refused'; readonly refusal: SignedMinuteRefusal }
  | { readonly kind: 'forbidden' };

const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');

function refusalOf(pdf: Uint8Array): SignedMinuteRefusal | null {
  if (pdf.byteLength === 0) return { code: 'EMPTY_FILE' };
  if (pdf.byteLength > SIGNED_MINUTE_MAX_BYTES)
    return { code: 'FILE_TOO_LARGE', maxBytes: SIGNED_MINUTE_MAX_BYTES };
  // A PDF starts with its header (readers allow it within the first 1 024 bytes).
  const head = Buffer.from(pdf.subarray(0, 1024));
  if (head.indexOf(PDF_SIGNATURE) < 0) return { code: 'NOT_A_PDF' };
  return null;
}

/**
 * Archives the scanned, signed minute of a jury as its next version, with
 * its SHA-256; the same file twice is kept once. Nothing archived is ever
 * changed or removed (the database refuses it). Audited.
 */
export async function archiveSignedMinute(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  key: JuryKey,
  pdf: Uint8Array,
): Promise<ArchiveOutcome> {
  if (viewer.role !== 'PILOT' || !(await specialtyExists(db, key))) return { kind: 'forbidden' };
  const refusal = refusalOf(pdf);
  if (refusal !== null) return { kind: 'refused', refusal };
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return db.transaction().execute(async (trx) => {
    await lockJury(trx, key);
    const at = clock.now();
    const archived = await archiveMinute(trx, key, { pdf, sha256 }, at, viewer.accountId);
    if (!archived.alreadyArchived)
      await appendAudit(trx, {
        at,
        actorAccountId: viewer.accountId,
        actorRole: viewer.role,
        action: 'SIGNED_MINUTE_ARCHIVED',
        after: { ...key, version: archived.minute.version, sha256, bytes: pdf.byteLength },
      });
    return { kind: 'done', ...archived } as const;
  });
}

/** The jury recorded and the minutes archived, for the pilot; null for anyone else. */
export async function juryOnRecord(
  ctx: RequestContext,
  key: JuryKey,
): Promise<{ readonly jury: JuryRecord | null; readonly minutes: SignedMinuteRecord[] } | null> {
  if (ctx.viewer?.role !== 'PILOT') return null;
  const [jury, minutes] = await Promise.all([juryOf(ctx.db, key), signedMinutesOf(ctx.db, key)]);
  return { jury, minutes };
}

/** An archived signed minute's file, for the pilot (audited); null for anyone else or none. */
export async function signedMinuteDownload(
  ctx: RequestContext,
  id: number,
): Promise<{ readonly name: string; readonly pdf: Uint8Array } | null> {
  const viewer = ctx.viewer;
  if (viewer?.role !== 'PILOT') return null;
  const file = await signedMinuteFile(ctx.db, id);
  if (file === null) return null;
  await appendAudit(ctx.db, {
    at: ctx.now,
    actorAccountId: viewer.accountId,
    actorRole: viewer.role,
    action: 'DOCUMENT_PRODUCED',
    after: {
      document: 'SIGNED_MINUTE',
      year: file.year,
      specialtyCode: file.specialtyCode,
      stage: file.stage,
      version: file.version,
    },
  });
  return {
    name: `proces-verbal-signe-${String(file.year)}-${file.specialtyCode}-${file.stage}-v${String(file.version)}.pdf`,
    pdf: file.pdf,
  };
}

/** A refusal in French, for the exam office. */
export function signedMinuteRefusalText(refusal: SignedMinuteRefusal): string {
  switch (refusal.code) {
    case 'EMPTY_FILE':
      return 'Le fichier est vide.';
    case 'NOT_A_PDF':
      return 'Le fichier n’est pas un PDF : envoyez le procès-verbal signé, numérisé en PDF.';
    case 'FILE_TOO_LARGE':
      return `Le fichier dépasse ${String(refusal.maxBytes / (1024 * 1024))} Mo : numérisez-le à une résolution plus basse.`;
  }
}
