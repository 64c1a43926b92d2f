import { firstGroupResultsAt, publicationAt } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Viewer } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  admissionListConsentOf,
  consentingCandidateIds,
  giveAdmissionListConsent,
  withdrawAdmissionListConsent,
} from '../repositories/admission-list.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findCandidatesByIds } from '../repositories/candidates.repository.ts';
import { lockCandidate } from '../repositories/choices.repository.ts';
import { candidateBasis, visiblyAdmitted } from './candidate-results.ts';

export interface AdmissionListConsent {
  /** When the consent in force was given; null: not given (the default). */
  readonly givenAt: Date | null;
}

/**
 * The candidate gives or withdraws their consent to be named on the public
 * list of admitted candidates. A change is audited; asking for the state
 * already in force changes and audits nothing. Null for anyone but a
 * candidate (their own consent only: nobody may give it for them).
 */
export async function setAdmissionListConsent(
  db: Kysely<Database>,
  viewer: Viewer,
  given: boolean,
  at: Date,
): Promise<AdmissionListConsent | null> {
  const candidateId = viewer.role === 'CANDIDATE' ? viewer.candidateId : null;
  if (candidateId === null) return null;
  return db.transaction().execute(async (trx) => {
    // Two requests at once are decided one after the other.
    await lockCandidate(trx, candidateId);
    const before = await admissionListConsentOf(trx, candidateId);
    if (given === (before !== null)) return { givenAt: before };
    if (given) await giveAdmissionListConsent(trx, candidateId, at);
    else await withdrawAdmissionListConsent(trx, candidateId);
    await appendAudit(trx, {
      at,
      actorAccountId: viewer.accountId,
      actorRole: viewer.role,
      action: given ? 'ADMISSION_LIST_CONSENT_GIVEN' : 'ADMISSION_LIST_CONSENT_WITHDRAWN',
      candidateId,
      before: { givenAt: before },
    });
    return { givenAt: given ? at : null };
  });
}

export async function admissionListConsent(
  ctx: RequestContext,
  candidateId: string,
): Promise<AdmissionListConsent> {
  const own = ctx.loaders.ownPage(candidateId);
  return {
    givenAt:
      own === null
        ? await admissionListConsentOf(ctx.db, candidateId)
        : (await own).admissionConsentGivenAt,
  };
}

export interface AdmittedName {
  readonly lastName: string;
  readonly firstName: string;
}

export interface AdmissionList {
  readonly year: number;
  readonly specialtyCode: string;
  readonly specialtyName: string;
  readonly firstGroupResultsAt: Date;
  readonly secondGroupResultsAt: Date;
  /** The second group's results are published: the list is final. */
  readonly complete: boolean;
  readonly names: readonly AdmittedName[];
}

const COLLATOR = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * The public list of one specialty's admitted candidates: only those who
 * consented, names alone. It follows the public embargo whoever asks, the
 * pilot included (it is a publication, not the jury's working view):
 * empty before the first-group results instant, the first group's admitted
 * from then, those admitted after the control from the second group's
 * instant, each by the outcome after the jury (the same read path as the
 * candidate's own page). Null for a session or specialty not defined.
 */
export async function admissionList(
  ctx: RequestContext,
  year: number,
  specialtyCode: string,
): Promise<AdmissionList | null> {
  const reference = await ctx.loaders.reference.load(year);
  const specialty = reference?.specialties.get(specialtyCode);
  if (reference == null || specialty === undefined) return null;
  const published = publicationAt(reference.calendar, specialtyCode, ctx.now);
  const list = {
    year,
    specialtyCode,
    specialtyName: specialty.name,
    firstGroupResultsAt: firstGroupResultsAt(reference.calendar, specialtyCode),
    secondGroupResultsAt: reference.calendar.secondGroupResultsAt,
    complete: published.finalResults,
  };
  // Before publication nothing is read: not even the timing can tell.
  if (!published.firstGroupResults) return { ...list, names: [] };

  const publicCtx: RequestContext = { ...ctx, viewer: null };
  const ids = await consentingCandidateIds(ctx.db, year, specialtyCode);
  const candidates = await findCandidatesByIds(ctx.db, ids, { kind: 'all' });
  const admitted = await Promise.all(
    candidates.map(async (candidate) => {
      const basis = await candidateBasis(publicCtx, candidate);
      return (await visiblyAdmitted(publicCtx, basis))
        ? [{ lastName: candidate.lastName, firstName: candidate.firstName }]
        : [];
    }),
  );
  return {
    ...list,
    names: admitted
      .flat()
      .sort(
        (a, b) =>
          COLLATOR.compare(a.lastName, b.lastName) || COLLATOR.compare(a.firstName, b.firstName),
      ),
  };
}
