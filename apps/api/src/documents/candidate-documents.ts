import {
  type DecidedFinal,
  type ExamTest,
  type JuryDecision,
  type TestResult,
  academyByCode,
  acquiredBlocks,
  averageShortfallNote,
  computeAverages,
  markCellText,
  firstGroupResultsAt,
  formatCoefficient,
  formatHundredths,
  verificationCodeOf,
} from '@rattrapage/domain';
import { randomBytes } from 'node:crypto';
import { attestationCode } from '../repositories/attestations.repository.ts';
import { juryOf } from '../repositories/jury-minutes.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import type { Role, Viewer } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import type { CandidateRecord } from '../repositories/candidates.repository.ts';
import type { ConvocationRecord } from '../repositories/convocations.repository.ts';
import {
  type CandidateBasis,
  candidateBasis,
  visibleControl,
  visibleFinal,
  visibleFirstGroup,
  visibleFor,
  visiblyAdmitted,
  visiblyHasSkillBlocks,
} from '../services/candidate-results.ts';
import { averageLabel, testResultLabel } from './labels.ts';

/**
 * Who downloads a candidate's own papers (convocation, transcript,
 * attestation, certificate): the candidate, their académie of origin, the
 * pilot. A school follows its candidates on the screens, not on their papers.
 */
export const CANDIDATE_PAPER_ROLES: readonly Role[] = ['CANDIDATE', 'ACADEMY', 'PILOT'];

/**
 * What the documents print, read through the same path as the API
 * (services/candidate-results.ts): scope, embargo and jury decisions apply
 * exactly as they do to GraphQL.
 */
export interface CandidateIdentity {
  readonly number: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly specialty: string;
  readonly originAcademy: string;
}

export interface ConvocationDocument {
  readonly identity: CandidateIdentity;
  readonly orals: readonly { readonly test: ExamTest; readonly record: ConvocationRecord }[];
}

export interface TranscriptRow {
  readonly test: string;
  readonly coefficient: string;
  readonly firstGroup: string;
  readonly control: string;
  readonly kept: string;
}

export interface TranscriptDocument {
  readonly identity: CandidateIdentity;
  readonly rows: readonly TranscriptRow[];
  readonly hasControl: boolean;
  readonly firstGroup: {
    readonly overall: string;
    readonly professional: string;
    readonly outcome: string;
    readonly juryDecision: JuryDecision | null;
    /** What the truncated averages hide from a candidate just under a threshold. */
    readonly notes: readonly string[];
  };
  readonly final: {
    readonly overall: string;
    readonly outcome: string;
    readonly juryDecision: JuryDecision | null;
  } | null;
}

function identityOf(basis: CandidateBasis): CandidateIdentity {
  const c = basis.candidate;
  return {
    number: c.number,
    lastName: c.lastName,
    firstName: c.firstName,
    specialty: `BTS ${basis.specialty.name} (${basis.specialty.code})`,
    originAcademy: academyByCode(c.originAcademyCode)?.name ?? c.originAcademyCode,
  };
}

/** The candidate's convocation, or null when no oral is scheduled. */
export async function convocationDocument(
  ctx: RequestContext,
  candidate: CandidateRecord,
): Promise<ConvocationDocument | null> {
  const [basis, records] = await Promise.all([
    candidateBasis(ctx, candidate),
    ctx.loaders.convocations.load(candidate.id),
  ]);
  // Exactly what GraphQL's control.convocations shows.
  if (visibleControl(ctx, basis) === null || !visibleFor(ctx, basis).convocations) return null;
  const orals = records.flatMap((record) => {
    const test = basis.specialty.structure.tests.find((t) => t.code === record.testCode);
    return test === undefined ? [] : [{ test, record }];
  });
  return orals.length === 0 ? null : { identity: identityOf(basis), orals };
}

/** The transcript, or null while the first-group results are embargoed for this viewer or undecided. */
export async function transcriptDocument(
  ctx: RequestContext,
  candidate: CandidateRecord,
): Promise<TranscriptDocument | null> {
  const basis = await candidateBasis(ctx, candidate);
  const thresholds = basis.reference.policy.thresholds;
  const first = visibleFirstGroup(ctx, basis);
  if (first === null) return null;
  const final = await visibleFinal(ctx, basis);
  const control = final?.tests ?? [];
  const replacements = new Map(control.map((x) => [x.testCode, x.kept] as const));
  const kept = computeAverages(
    basis.specialty.structure,
    basis.marks,
    basis.reference.policy,
    replacements,
  );
  const label = (results: readonly { code: string; result: TestResult }[], code: string) => {
    const result = results.find((r) => r.code === code)?.result;
    return result === undefined ? null : result;
  };
  const rows: TranscriptRow[] = [];
  for (const test of basis.specialty.structure.tests) {
    const result = label(first.averages.tests, test.code);
    if (result === null || result.kind === 'MISSING') continue; // an optional test not taken
    const oral = control.find((x) => x.testCode === test.code);
    const keptResult = label(kept.tests, test.code);
    rows.push({
      test: `${test.code} ${test.name}${test.optional ? ' (facultative)' : ''}`,
      coefficient: formatCoefficient(test.coefficientHundredths).replace('.', ','),
      firstGroup: testResultLabel(result),
      control:
        oral === undefined
          ? ''
          : oral.control.status === 'MARK'
            ? formatHundredths(oral.control.hundredths)
            : markCellText('ABSENT', null),
      kept: keptResult === null ? '' : testResultLabel(keptResult),
    });
  }
  return {
    identity: identityOf(basis),
    rows,
    hasControl: control.length > 0,
    firstGroup: {
      overall: averageLabel(first.overallAverage),
      professional: averageLabel(first.professionalAverage),
      outcome: first.outcome,
      juryDecision: first.juryDecision,
      notes: [
        averageShortfallNote(first.overallAverage, [
          thresholds.admittedHundredths,
          thresholds.controlHundredths,
        ]),
        averageShortfallNote(first.professionalAverage, [thresholds.professionalHundredths]),
      ].filter((n) => n !== null),
    },
    final:
      final === null
        ? null
        : {
            overall: averageLabel(final.overallAverage),
            outcome: final.outcome,
            juryDecision: final.juryDecision,
          },
  };
}

/** The candidate's verification code: drawn at the first asking, then kept. */
export async function attestationCodeOf(ctx: RequestContext, candidateId: string): Promise<string> {
  // Drawn and stored on first need: the page's read finds it from then on.
  const stored = (await ctx.loaders.ownPage(candidateId))?.attestationCode ?? null;
  return (
    stored ?? attestationCode(ctx.db, candidateId, verificationCodeOf(randomBytes(10)), ctx.now)
  );
}

export interface AttestationDocument {
  readonly identity: CandidateIdentity;
  readonly year: number;
  /** Admitted at the first group, or after the control. */
  readonly afterControl: boolean;
  /** The instant the admitting result was published. */
  readonly publishedAt: Date;
  /** The day the admitting jury deliberated, once the pilot has recorded it (AAAA-MM-JJ). */
  readonly deliberatedOn: string | null;
  /** Canonical; printed in groups of four. */
  readonly code: string;
}

/** The deliberation a standing outcome comes from: the control's, or the first group's. */
interface Deliberation {
  readonly afterControl: boolean;
  /** The instant its result was published. */
  readonly publishedAt: Date;
  /** The day that jury deliberated, once the pilot has recorded it (AAAA-MM-JJ). */
  readonly deliberatedOn: string | null;
}

async function deliberationOf(
  ctx: RequestContext,
  basis: CandidateBasis,
  final: DecidedFinal | null,
): Promise<Deliberation> {
  const afterControl = final?.firstGroup.outcome === 'CONTROL_ALLOWED';
  const jury = await juryOf(ctx.db, {
    year: basis.candidate.year,
    specialtyCode: basis.candidate.specialtyCode,
    stage: afterControl ? 'FINAL' : 'FIRST_GROUP',
  });
  return {
    afterControl,
    publishedAt: afterControl
      ? basis.reference.calendar.secondGroupResultsAt
      : firstGroupResultsAt(basis.reference.calendar, basis.candidate.specialtyCode),
    deliberatedOn: jury?.deliberatedOn ?? null,
  };
}

/** Producing a candidate's document is audited, whoever produces it. */
async function auditProduced(
  ctx: RequestContext,
  viewer: Viewer,
  candidateId: string,
  document: 'ATTESTATION' | 'SKILL_BLOCKS_CERTIFICATE',
): Promise<void> {
  await appendAudit(ctx.db, {
    at: ctx.now,
    actorAccountId: viewer.accountId,
    actorRole: viewer.role,
    action: 'DOCUMENT_PRODUCED',
    candidateId,
    after: { document },
  });
}

/**
 * The attestation de réussite of an admitted candidate, once the viewer may
 * see the admission (the same read as the transcript): its verification
 * code is drawn at the first production and kept. Audited; null for a
 * candidate not (visibly) admitted.
 */
export async function attestationDocument(
  ctx: RequestContext,
  candidate: CandidateRecord,
): Promise<AttestationDocument | null> {
  const basis = await candidateBasis(ctx, candidate);
  const viewer = ctx.viewer;
  if (viewer === null || !(await visiblyAdmitted(ctx, basis))) return null;
  const deliberation = await deliberationOf(ctx, basis, await visibleFinal(ctx, basis));
  const code = await attestationCodeOf(ctx, candidate.id);
  await auditProduced(ctx, viewer, candidate.id, 'ATTESTATION');
  return { identity: identityOf(basis), year: candidate.year, ...deliberation, code };
}

export interface SkillBlockLine {
  readonly code: string;
  readonly name: string;
  /** « 12,50 », « 14,00 — note conservée (bénéfice) ». */
  readonly mark: string;
}

export interface SkillBlocksDocument {
  readonly identity: CandidateIdentity;
  readonly year: number;
  readonly deliberation: Deliberation;
  /** The blocks acquired, in code order; empty when none is (the certificate says so). */
  readonly acquired: readonly SkillBlockLine[];
}

/**
 * The certificate of skill blocks of a candidate not admitted (art.
 * D643-15), once the viewer may see that outcome: each block marked at
 * least 10, its mark as the marks stand after the control (the domain's
 * acquiredBlocks, over the same read as the transcript). Audited; null for
 * a candidate not visibly ajourné, or a specialty without blocks.
 */
export async function skillBlocksDocument(
  ctx: RequestContext,
  candidate: CandidateRecord,
): Promise<SkillBlocksDocument | null> {
  const basis = await candidateBasis(ctx, candidate);
  const viewer = ctx.viewer;
  if (viewer === null || !(await visiblyHasSkillBlocks(ctx, basis))) return null;
  const final = await visibleFinal(ctx, basis);
  const acquired = acquiredBlocks(basis.specialty.structure, basis.marks, final?.tests ?? []);
  await auditProduced(ctx, viewer, candidate.id, 'SKILL_BLOCKS_CERTIFICATE');
  return {
    identity: identityOf(basis),
    year: candidate.year,
    deliberation: await deliberationOf(ctx, basis, final),
    acquired: acquired.map((b) => ({
      code: b.block.code,
      name: b.block.name,
      mark: testResultLabel(b.result),
    })),
  };
}
