import { isDatabaseUnavailable } from '../db/database-error.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE,
  DATABASE_UNAVAILABLE_MESSAGE,
} from '../graphql/graphql-errors.ts';
import { PASSWORD_CHANGE_REQUIRED } from '../graphql/password-change-gate.ts';
import { onlyMethods, sendError } from './http-errors.ts';
import express, { type Request, type Response } from 'express';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { RequestContext } from '../context.ts';
import { accessiblePdf } from '../documents/accessible-pdf.ts';
import {
  CANDIDATE_PAPER_ROLES,
  attestationDocument,
  convocationDocument,
  skillBlocksDocument,
  transcriptDocument,
} from '../documents/candidate-documents.ts';
import { renderAttestationPage } from '../documents/render-attestation.ts';
import { renderSkillBlocksPage } from '../documents/render-skill-blocks.ts';
import { toCsv } from '../documents/csv.ts';
import { contentDisposition } from './content-disposition.ts';
import { type RequestContextOptions, requestContext } from './request-context.ts';
import { renderConvocationPage } from '../documents/render-convocation.ts';
import { renderTranscriptPage } from '../documents/render-transcript.ts';
import { statisticsTable } from '../documents/statistics-csv.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import {
  CSV,
  candidatesInScope,
  choiceRows,
  convocationRows,
  finalResultRows,
  mayActForAcademy,
} from '../services/exports.ts';
import { sessionStatistics } from '../services/statistics.ts';
import {
  type OralPaper,
  type OralPaperContent,
  type OralPaperFilter,
  oralPaper,
} from '../services/oral-sheets.ts';
import { renderMarkSlip, renderSignInSheet } from '../documents/render-oral-sheets.ts';
import { markSlipTable, parseMark } from '@rattrapage/domain';
import { juryPreparationTable } from '../services/jury-preparation.ts';
import type { Role } from '../access/viewer.ts';

/**
 * Documents over HTTP, with the same Bearer token as /graphql. A document
 * the viewer may not see answers 404, exactly like one that does not exist
 * (never reveal whether a candidate exists, nor whether results are out).
 */

class NotFound extends Error {}
class BadRequest extends Error {}

function notFound(): never {
  throw new NotFound();
}

function yearParam(req: Request): number {
  const year = Number(req.query['year']);
  if (!Number.isInteger(year) || year < 2000 || year > 2999)
    throw new BadRequest('Paramètre year invalide (une année, par exemple 2024).');
  return year;
}

function academyParam(req: Request): string {
  const academy = req.query['academy'];
  if (typeof academy !== 'string' || !/^[0-9]{2}$/.test(academy))
    throw new BadRequest('Paramètre academy invalide (un code sur deux chiffres, par exemple 12).');
  return academy;
}

/** The optional narrowing of the orals' paper: one Paris day, one room or one examiner. */
function oralPaperFilter(req: Request, by: 'room' | 'examiner'): OralPaperFilter {
  const day = req.query['day'];
  const heading = req.query[by];
  if (day !== undefined && (typeof day !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day)))
    throw new BadRequest('Paramètre day invalide (une date AAAA-MM-JJ, par exemple 2024-07-04).');
  if (heading !== undefined && (typeof heading !== 'string' || heading.trim() === ''))
    throw new BadRequest(
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

async function candidateParam(ctx: RequestContext, req: Request): Promise<CandidateRecord> {
  const raw = req.query['candidate'];
  if (typeof raw !== 'string') throw new BadRequest('Paramètre candidate manquant.');
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

function sendPdf(res: Response, name: string, bytes: Buffer): void {
  res
    .status(200)
    .set({
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition('inline', name),
      'cache-control': 'private, no-store',
    })
    .send(bytes);
}

function sendCsv(res: Response, name: string, table: { header: string[]; rows: string[][] }): void {
  res
    .status(200)
    .set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition('attachment', name),
      'cache-control': 'private, no-store',
    })
    .send(toCsv(table.header, table.rows));
}

type Handler = (ctx: RequestContext, req: Request, res: Response) => Promise<void>;

export function documentsRouter(options: RequestContextOptions): express.Router {
  const router = express.Router();
  const route = (path: string, handler: Handler) => {
    router.all(path, onlyMethods(['GET', 'HEAD']));
    router.get(path, async (req, res, next) => {
      try {
        const ctx = await requestContext(options, req);
        if (ctx.viewer === null) {
          res.set('www-authenticate', 'Bearer');
          sendError(res, 401, 'UNAUTHENTICATED', 'Connectez-vous pour télécharger ce document.');
          return;
        }
        // The same gate as GraphQL's (graphql/password-change-gate.ts).
        if (ctx.passwordChangeRequired) {
          sendError(
            res,
            403,
            PASSWORD_CHANGE_REQUIRED,
            'Changez votre mot de passe avant de continuer.',
          );
          return;
        }
        await handler(ctx, req, res);
      } catch (error) {
        if (error instanceof NotFound) {
          sendError(
            res,
            404,
            'NOT_FOUND',
            'Ce document n’existe pas ou ne vous est pas accessible.',
          );
        } else if (error instanceof BadRequest) {
          sendError(res, 400, 'BAD_REQUEST', error.message);
        } else if (isDatabaseUnavailable(error)) {
          res.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
          sendError(res, 503, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
        } else {
          // The server's last handler logs it and answers a 500 that says nothing of itself.
          next(error);
        }
      }
    });
  };

  route('/convocation.pdf', async (ctx, req, res) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, req);
    const doc = (await convocationDocument(ctx, candidate)) ?? notFound();
    const pdf = accessiblePdf({
      title: `Convocation aux épreuves de contrôle — ${candidate.lastName} ${candidate.firstName}`,
      createdAt: ctx.now,
    });
    renderConvocationPage(pdf, doc, candidate.year);
    sendPdf(res, `convocation-${candidate.number}.pdf`, await pdf.finish());
  });

  route('/releve.pdf', async (ctx, req, res) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, req);
    // Embargo: null before the publication instant, except for the pilot.
    const doc = (await transcriptDocument(ctx, candidate)) ?? notFound();
    const pdf = accessiblePdf({
      title: `Relevé de notes — ${candidate.lastName} ${candidate.firstName}`,
      createdAt: ctx.now,
    });
    renderTranscriptPage(pdf, doc, candidate.year);
    sendPdf(res, `releve-${candidate.number}.pdf`, await pdf.finish());
  });

  route('/attestation.pdf', async (ctx, req, res) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, req);
    // Only once the admission is published to this viewer.
    const doc = (await attestationDocument(ctx, candidate)) ?? notFound();
    const pdf = accessiblePdf({
      title: `Attestation de réussite — ${candidate.lastName} ${candidate.firstName}`,
      createdAt: ctx.now,
    });
    renderAttestationPage(pdf, doc);
    sendPdf(res, `attestation-${candidate.number}.pdf`, await pdf.finish());
  });

  route('/certificat-blocs.pdf', async (ctx, req, res) => {
    requireRole(ctx, CANDIDATE_PAPER_ROLES);
    const candidate = await candidateParam(ctx, req);
    // Only once the candidate's ajournement is published to this viewer.
    const doc = (await skillBlocksDocument(ctx, candidate)) ?? notFound();
    const pdf = accessiblePdf({
      title: `Certificat de blocs de compétences — ${candidate.lastName} ${candidate.firstName}`,
      createdAt: ctx.now,
    });
    renderSkillBlocksPage(pdf, doc);
    sendPdf(res, `certificat-blocs-${candidate.number}.pdf`, await pdf.finish());
  });

  route('/convocations.pdf', async (ctx, req, res) => {
    const year = yearParam(req);
    const academy = academyParam(req);
    if (!mayActForAcademy(ctx.viewer, academy)) notFound();
    const candidates = await candidatesInScope(ctx, year, {
      originAcademyCode: academy,
      hasChosen: true,
    });
    const docs = await Promise.all(candidates.map((c) => convocationDocument(ctx, c)));
    const present = docs.filter((d) => d !== null);
    if (present.length === 0) notFound();
    const pdf = accessiblePdf({
      title: `Convocations aux épreuves de contrôle — académie ${academy}, session ${year}`,
      createdAt: ctx.now,
    });
    for (const doc of present) renderConvocationPage(pdf, doc, year);
    sendPdf(res, `convocations-${year}-${academy}.pdf`, await pdf.finish());
  });

  const oralPaperRoute = (
    path: string,
    paper: OralPaper,
    send: (res: Response, content: OralPaperContent, name: string, at: Date) => Promise<void>,
  ) => {
    route(path, async (ctx, req, res) => {
      const year = yearParam(req);
      const academy = academyParam(req);
      const filter = oralPaperFilter(req, paper === 'SIGN_IN_SHEETS' ? 'room' : 'examiner');
      const content = await oralPaper(ctx, paper, year, academy, filter);
      if (content === null || content.sheets.length === 0) notFound();
      await send(res, content, `${year}-${academy}`, ctx.now);
    });
  };

  oralPaperRoute('/emargement.pdf', 'SIGN_IN_SHEETS', async (res, content, name, at) => {
    const pdf = accessiblePdf({
      title: `Feuilles d’émargement des épreuves de contrôle — ${content.academyName}, session ${content.year}`,
      createdAt: at,
    });
    for (const sheet of content.sheets) renderSignInSheet(pdf, sheet, content);
    sendPdf(res, `emargement-${name}.pdf`, await pdf.finish());
  });

  oralPaperRoute('/bordereaux.pdf', 'MARK_SLIPS', async (res, content, name, at) => {
    const pdf = accessiblePdf({
      title: `Bordereaux de notation des épreuves de contrôle — ${content.academyName}, session ${content.year}`,
      createdAt: at,
    });
    for (const slip of content.sheets) renderMarkSlip(pdf, slip, content);
    sendPdf(res, `bordereaux-${name}.pdf`, await pdf.finish());
  });

  oralPaperRoute('/bordereaux.csv', 'MARK_SLIPS_CSV', (res, content, name) => {
    sendCsv(res, `bordereaux-${name}.csv`, markSlipTable(content.sheets));
    return Promise.resolve();
  });

  route('/preparation-jury.csv', async (ctx, req, res) => {
    const year = yearParam(req);
    const { specialty, stage, distance } = req.query;
    if (typeof specialty !== 'string' || !/^[A-Z0-9]{1,12}$/.test(specialty))
      throw new BadRequest(
        'Paramètre specialty invalide (un code de spécialité, par exemple MCO).',
      );
    if (stage !== 'FIRST_GROUP' && stage !== 'FINAL')
      throw new BadRequest('Paramètre stage invalide (FIRST_GROUP ou FINAL).');
    const hundredths =
      distance === undefined ? 50 : typeof distance === 'string' ? parseMark(distance) : null;
    if (hundredths === null)
      throw new BadRequest('Paramètre distance invalide (en points, par exemple 0,5).');
    const table =
      (await juryPreparationTable(ctx, year, specialty, stage, hundredths)) ?? notFound();
    sendCsv(res, `preparation-jury-${year}-${specialty}-${stage}.csv`, table);
  });

  route('/choix.csv', async (ctx, req, res) => {
    requireRole(ctx, ['SCHOOL']);
    const year = yearParam(req);
    sendCsv(res, `choix-${year}.csv`, CSV.choices(await choiceRows(ctx, year)));
  });

  route('/convocations.csv', async (ctx, req, res) => {
    const year = yearParam(req);
    const academy = academyParam(req);
    if (!mayActForAcademy(ctx.viewer, academy)) notFound();
    sendCsv(
      res,
      `convocations-${year}-${academy}.csv`,
      CSV.convocations(await convocationRows(ctx, year, academy)),
    );
  });

  route('/resultats.csv', async (ctx, req, res) => {
    const year = yearParam(req);
    const academy = academyParam(req);
    if (!mayActForAcademy(ctx.viewer, academy)) notFound();
    sendCsv(
      res,
      `resultats-${year}-${academy}.csv`,
      CSV.finalResults(await finalResultRows(ctx, year, academy)),
    );
  });

  route('/statistiques.csv', async (ctx, req, res) => {
    const year = yearParam(req);
    const academy = academyParam(req);
    const outcome = await sessionStatistics(ctx, year, academy);
    if (outcome.kind === 'forbidden') notFound();
    sendCsv(res, `statistiques-${year}-${academy}.csv`, statisticsTable(outcome.statistics));
  });

  return router;
}
