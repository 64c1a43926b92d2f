import {
  type OralSheet,
  type SheetOral,
  academyByCode,
  academyOfName,
  markSlips,
  signInSheets,
} from '@rattrapage/domain';
import type { RequestContext } from '../context.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { academyOralsOf, mayActForAcademy } from './exports.ts';

/** Which paper of the orals was produced, as the audit log names it. */
export type OralPaper = 'SIGN_IN_SHEETS' | 'MARK_SLIPS' | 'MARK_SLIPS_CSV';

/**
 * The orals of an académie's candidates as its exam centres hold them,
 * read as the convocations are (the same scope and embargo): ACADEMY for
 * its own, PILOT for any; null for anyone else.
 */
export async function academyOrals(
  ctx: RequestContext,
  year: number,
  academyCode: string,
): Promise<SheetOral[] | null> {
  if (!mayActForAcademy(ctx.viewer, academyCode)) return null;
  return (await academyOralsOf(ctx, year, academyCode)).map(({ candidate, test, record }) => ({
    number: candidate.number,
    lastName: candidate.lastName,
    firstName: candidate.firstName,
    testCode: test.code,
    testName: test.name,
    preparationStartsAt: record.preparationStartsAt,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    room: record.room ?? null,
    examiner: record.examiner ?? null,
    accommodation: record.accommodation ?? null,
  }));
}

function sheetsOf(paper: OralPaper, orals: readonly SheetOral[]): OralSheet[] {
  return paper === 'SIGN_IN_SHEETS' ? signInSheets(orals) : markSlips(orals);
}

/** Each sheet and slip of an académie, for GraphQL to say where to download them (nothing is produced). */
export interface OralPaperIndex {
  readonly signInSheets: readonly OralSheet[];
  readonly markSlips: readonly OralSheet[];
}

export async function oralPaperIndex(
  ctx: RequestContext,
  year: number,
  academyCode: string,
): Promise<OralPaperIndex | null> {
  const orals = await academyOrals(ctx, year, academyCode);
  if (orals === null) return null;
  return { signInSheets: signInSheets(orals), markSlips: markSlips(orals) };
}

export interface OralPaperContent {
  readonly year: number;
  /** « académie de Reims », « académie d’Aix-Marseille ». */
  readonly academyName: string;
  readonly sheets: readonly OralSheet[];
}

export interface OralPaperFilter {
  /** A Paris day, YYYY-MM-DD. */
  readonly day?: string;
  /** The room (sign-in sheets) or the examiner (mark slips). */
  readonly heading?: string;
}

/**
 * The sheets (one per day and room) or slips (one per day and examiner) of
 * an académie, optionally one day's or one examiner's; the production is
 * audited, as every document naming candidates. Null: not the viewer's.
 */
export async function oralPaper(
  ctx: RequestContext,
  paper: OralPaper,
  year: number,
  academyCode: string,
  filter: OralPaperFilter = {},
): Promise<OralPaperContent | null> {
  const orals = await academyOrals(ctx, year, academyCode);
  if (orals === null || ctx.viewer === null) return null;
  const all = sheetsOf(paper, orals);
  const sheets = all.filter(
    (s) =>
      (filter.day === undefined || s.day === filter.day) &&
      (filter.heading === undefined || s.heading === filter.heading),
  );
  if (sheets.length > 0)
    await appendAudit(ctx.db, {
      at: ctx.now,
      actorAccountId: ctx.viewer.accountId,
      actorRole: ctx.viewer.role,
      action: 'DOCUMENT_PRODUCED',
      after: {
        document: paper,
        year,
        academyCode,
        ...filter,
        orals: sheets.reduce((n, s) => n + s.orals.length, 0),
      },
    });
  return {
    year,
    academyName: academyOfName(academyByCode(academyCode)?.name ?? academyCode),
    sheets,
  };
}
