import { decodeGlobalID } from '@pothos/plugin-relay';
import { type JuryStage, markSlipTable, parseMark } from '@rattrapage/domain';
import type { Role } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import {
  CSV,
  candidatesInScope,
  choiceRows,
  convocationRows,
  finalResultRows,
  mayActForAcademy,
} from '../services/exports.ts';
import { juryMinutes, juryMinutesTable, signedMinuteDownload } from '../services/jury-minutes.ts';
import { juryPreparationTable } from '../services/jury-preparation.ts';
import {
  type OralPaper,
  type OralPaperContent,
  type OralPaperFilter,
  oralPaper,
} from '../services/oral-sheets.ts';
import { sessionStatistics } from '../services/statistics.ts';
import { type AccessiblePdf, accessiblePdf } from './accessible-pdf.ts';
import {
  CANDIDATE_PAPER_ROLES,
  attestationDocument,
  convocationDocument,
  skillBlocksDocument,
  transcriptDocument,
} from './candidate-documents.ts';
import { renderAttestationPage } from './render-attestation.ts';
import { renderConvocationPage } from './render-convocation.ts';
import { renderSkillBlocksPage } from './render-skill-blocks.ts';
import { renderJuryMinutes } from './render-jury-minutes.ts';
import { renderMarkSlip, renderSignInSheet } from './render-oral-sheets.ts';
import { renderTranscriptPage } from './render-transcript.ts';
import { statisticsTable } from './statistics-csv.ts';

/**
 * Every document the API produces, by file name, each from its parameters
 * and the viewer's context: the one place both the HTTP route
 * (/documents/<name>) and the command line (`rattrapage documents <name>`)
 * take them from, so both give the same bytes under the same scope and
 * embargo. A document the viewer may not see is « not found », exactly like
 * one that does not exist (never reveal whether a candidate exists, nor
 * whether results are out).
 */

export class DocumentNotFound extends Error {}
/** A parameter missing or malformed; its message says which, in French. */
export class DocumentRequestInvalid extends Error {}

/** A parameter's value; undefined when absent. */
export type DocumentParams = (name: string) => string | undefined;

export type ProducedDocument =
  | { readonly kind: 'pdf'; readonly name: string; readonly bytes: Uint8Array }
  | {
      readonly kind: 'csv';
      readonly name: string;
      readonly table: { readonly header: string[]; readonly rows: string[][] };
    };

type Producer = (ctx: RequestContext, params: DocumentParams) => Promise<ProducedDocument>;

function notFound(): never {
  throw new DocumentNotFound();
}

function invalid(message: string): never {
  throw new DocumentRequestInvalid(message);
}

function yearParam(params: DocumentParams): number {
  const year = Number(params('year'));
  if (!Number.isInteger(year) || year < 2000 || year > 2999)
    invalid('Paramètre year invalide (une année, par exemple 2024).');
  return year;
}

function academyParam(params: DocumentParams): string {
  const academy = params('academy');
  if (academy === undefined || !/^[0-9]{2}$/.test(academy))
    invalid('Paramètre academy invalide (un code sur deux chiffres, par exemple 12).');
  return academy;
}

function specialtyParam(params: DocumentParams): string {
  const specialty = params('specialty');
  if (specialty === undefined || !/^[A-Z0-9]{1,12}$/.test(specialty))
    invalid('Paramètre specialty invalide (un code de spécialité, par exemple MCO).');
  return specialty;
}

function stageParam(params: DocumentParams): JuryStage {
  const stage = params('stage');
  if (stage !== 'FIRST_GROUP' && stage !== 'FINAL')
    invalid('Paramètre stage invalide (FIRST_GROUP ou FINAL).');
  return stage;
}

/** The optional narrowing of the orals' paper: one Paris day, one room or one examiner. */
function oralPaperFilter(params: DocumentParams, by: 'room' | 'examiner'): OralPaperFilter {
  const day = params('day');
  const heading = params(by);
  if (day !== undefined && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day))
    invalid('Paramètre day invalide (une date AAAA-MM-JJ, par exemple 2024-07-04).');
  if (heading?.trim() === '')
    invalid(
      by === 'room'
        ? 'Paramètre room invalide (le nom de la salle).'
        : 'Paramètre examiner invalide (le nom de l’examinateur).',
    );
  return {
    ...(day === undefined ? {} : { day }),
    ...(heading === undefined ? {} : { heading }),
  };
}

function requireRole(ctx: RequestContext, roles: readonly Role[]): void {
  if (ctx.viewer === null || !roles.includes(ctx.viewer.role)) notFound();
}

async function candidateParam(
  ctx: RequestContext,
  params: DocumentParams,
): Promise<CandidateRecord> {
  const raw = params('candidate');
  if (raw === undefined) invalid('Paramètre candidate manquant.');
  let id: string;
  try {
    const decoded = decodeGlobalID(raw);
    if (decoded.typename !== 'Candidate') notFound();
    id = decoded.id;
  } catch {
    notFound();
  }
  // The loader applies the viewer's scope in SQL: out of scope is absent.
  return (await ctx.loaders.candidates.load(id)) ?? notFound();
}

function pdfOf(ctx: RequestContext, title: string): Promise<AccessiblePdf> {
  return accessiblePdf({ title, createdAt: ctx.now });
}

function oralPaperProducer(
  paper: OralPaper,
  make: (ctx: RequestContext, content: OralPaperContent, name: string) => Promise<ProducedDocument>,
): Producer {
  return async (ctx, params) => {
    const year = yearParam(params);
    const academy = academyParam(params);
    const filter = oralPaperFilter(params, paper === 'SIGN_IN_SHEETS' ? 'room' : 'examiner');
    const content = await oralPaper(ctx, paper, year, academy, filter);
    if (content === null || content.sheets.length === 0) notFound();
    return make(ctx, content, `${String(year)}-${academy}`);
  };
}

function juryKeyOf(params: DocumentParams) {
  return {
    year: yearParam(params),
    specialtyCode: specialtyParam(params),
    stage: stageParam(params),
  };
}

export const DOCUMENTS: Readonly<Record<string, Producer>> = {
  'convocation.pdf': async (ctx, params) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, params);
    const doc = (await convocationDocument(ctx, candidate)) ?? notFound();
    const pdf = await pdfOf(
      ctx,
      `Convocation aux épreuves de contrôle — ${candidate.lastName} ${candidate.firstName}`,
    );
    renderConvocationPage(pdf, doc, candidate.year);
    return { kind: 'pdf', name: `convocation-${candidate.number}.pdf`, bytes: await pdf.finish() };
  },

  'releve.pdf': async (ctx, params) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, params);
    // Embargo: null before the publication instant, except for the pilot.
    const doc = (await transcriptDocument(ctx, candidate)) ?? notFound();
    const pdf = await pdfOf(ctx, `Relevé de notes — ${candidate.lastName} ${candidate.firstName}`);
    renderTranscriptPage(pdf, doc, candidate.year);
    return { kind: 'pdf', name: `releve-${candidate.number}.pdf`, bytes: await pdf.finish() };
  },

  'attestation.pdf': async (ctx, params) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, params);
    // Only once the admission is published to this viewer.
    const doc = (await attestationDocument(ctx, candidate)) ?? notFound();
    const pdf = await pdfOf(
      ctx,
      `Attestation de réussite — ${candidate.lastName} ${candidate.firstName}`,
    );
    renderAttestationPage(pdf, doc);
    return { kind: 'pdf', name: `attestation-${candidate.number}.pdf`, bytes: await pdf.finish() };
  },

  'certificat-blocs.pdf': async (ctx, params) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, params);
    // Only once the candidate's ajournement is published to this viewer.
    const doc = (await skillBlocksDocument(ctx, candidate)) ?? notFound();
    const pdf = await pdfOf(
      ctx,
      `Certificat de blocs de compétences — ${candidate.lastName} ${candidate.firstName}`,
    );
    renderSkillBlocksPage(pdf, doc);
    return {
      kind: 'pdf',
      name: `certificat-blocs-${candidate.number}.pdf`,
      bytes: await pdf.finish(),
    };
  },

  'convocations.pdf': async (ctx, params) => {
    const year = yearParam(params);
    const academy = academyParam(params);
    if (!mayActForAcademy(ctx.viewer, academy)) notFound();
    const candidates = await candidatesInScope(ctx, year, {
      originAcademyCode: academy,
      hasChosen: true,
    });
    const docs = await Promise.all(candidates.map((c) => convocationDocument(ctx, c)));
    const present = docs.filter((d) => d !== null);
    if (present.length === 0) notFound();
    const pdf = await pdfOf(
      ctx,
      `Convocations aux épreuves de contrôle — académie ${academy}, session ${String(year)}`,
    );
    for (const doc of present) renderConvocationPage(pdf, doc, year);
    return {
      kind: 'pdf',
      name: `convocations-${String(year)}-${academy}.pdf`,
      bytes: await pdf.finish(),
    };
  },

  'emargement.pdf': oralPaperProducer('SIGN_IN_SHEETS', async (ctx, content, name) => {
    const pdf = await pdfOf(
      ctx,
      `Feuilles d’émargement des épreuves de contrôle — ${content.academyName}, session ${String(content.year)}`,
    );
    for (const sheet of content.sheets) renderSignInSheet(pdf, sheet, content);
    return { kind: 'pdf', name: `emargement-${name}.pdf`, bytes: await pdf.finish() };
  }),

  'bordereaux.pdf': oralPaperProducer('MARK_SLIPS', async (ctx, content, name) => {
    const pdf = await pdfOf(
      ctx,
      `Bordereaux de notation des épreuves de contrôle — ${content.academyName}, session ${String(content.year)}`,
    );
    for (const slip of content.sheets) renderMarkSlip(pdf, slip, content);
    return { kind: 'pdf', name: `bordereaux-${name}.pdf`, bytes: await pdf.finish() };
  }),

  'bordereaux.csv': oralPaperProducer('MARK_SLIPS_CSV', (_ctx, content, name) =>
    Promise.resolve({
      kind: 'csv',
      name: `bordereaux-${name}.csv`,
      table: markSlipTable(content.sheets),
    }),
  ),

  'preparation-jury.csv': async (ctx, params) => {
    const { year, specialtyCode, stage } = juryKeyOf(params);
    const distance = params('distance');
    const hundredths = distance === undefined ? 50 : parseMark(distance);
    if (hundredths === null) invalid('Paramètre distance invalide (en points, par exemple 0,5).');
    const table =
      (await juryPreparationTable(ctx, year, specialtyCode, stage, hundredths)) ?? notFound();
    return {
      kind: 'csv',
      name: `preparation-jury-${String(year)}-${specialtyCode}-${stage}.csv`,
      table,
    };
  },

  'proces-verbal.pdf': async (ctx, params) => {
    const key = juryKeyOf(params);
    const minutes = (await juryMinutes(ctx, key)) ?? notFound();
    const pdf = await pdfOf(
      ctx,
      `Procès-verbal de délibération — BTS ${key.specialtyCode}, session ${String(key.year)}`,
    );
    renderJuryMinutes(pdf, minutes);
    return {
      kind: 'pdf',
      name: `proces-verbal-${String(key.year)}-${key.specialtyCode}-${key.stage}.pdf`,
      bytes: await pdf.finish(),
    };
  },

  'proces-verbal.csv': async (ctx, params) => {
    const key = juryKeyOf(params);
    const minutes = (await juryMinutes(ctx, key)) ?? notFound();
    return {
      kind: 'csv',
      name: `proces-verbal-${String(key.year)}-${key.specialtyCode}-${key.stage}.csv`,
      table: juryMinutesTable(minutes),
    };
  },

  'proces-verbal-signe.pdf': async (ctx, params) => {
    const raw = params('id');
    const id = Number(raw);
    if (raw === undefined || !/^[0-9]{1,9}$/.test(raw))
      invalid('Paramètre id invalide (le numéro d’un procès-verbal archivé).');
    const file = (await signedMinuteDownload(ctx, id)) ?? notFound();
    return { kind: 'pdf', name: file.name, bytes: file.pdf };
  },

  'choix.csv': async (ctx, params) => {
    requireRole(ctx, ['SCHOOL']);
    const year = yearParam(params);
    return {
      kind: 'csv',
      name: `choix-${String(year)}.csv`,
      table: CSV.choices(await choiceRows(ctx, year)),
    };
  },

  'convocations.csv': async (ctx, params) => {
    const year = yearParam(params);
    const academy = academyParam(params);
    if (!mayActForAcademy(ctx.viewer, academy)) notFound();
    return {
      kind: 'csv',
      name: `convocations-${String(year)}-${academy}.csv`,
      table: CSV.convocations(await convocationRows(ctx, year, academy)),
    };
  },

  'resultats.csv': async (ctx, params) => {
    const year = yearParam(params);
    const academy = academyParam(params);
    if (!mayActForAcademy(ctx.viewer, academy)) notFound();
    return {
      kind: 'csv',
      name: `resultats-${String(year)}-${academy}.csv`,
      table: CSV.finalResults(await finalResultRows(ctx, year, academy)),
    };
  },

  'statistiques.csv': async (ctx, params) => {
    const year = yearParam(params);
    const academy = academyParam(params);
    const outcome = await sessionStatistics(ctx, year, academy);
    if (outcome.kind === 'forbidden') notFound();
    return {
      kind: 'csv',
      name: `statistiques-${String(year)}-${academy}.csv`,
      table: statisticsTable(outcome.statistics),
    };
  },
};
