import { readVerificationCode } from '@rattrapage/domain';
import type { RequestContext } from '../context.ts';
import { candidateIdOfAttestation } from '../repositories/attestations.repository.ts';
import { findCandidatesByIds } from '../repositories/candidates.repository.ts';
import { candidateBasis, visiblyAdmitted } from './candidate-results.ts';

export interface VerifiedAttestation {
  readonly lastName: string;
  readonly firstName: string;
  readonly specialtyName: string;
  readonly year: number;
}

/**
 * What the public page answers for a typed code: the holder's name and
 * specialty when the code is one of an attestation whose admission is
 * still published (a jury that changed its mind, or a result held back,
 * makes it unknown); null otherwise, for a malformed code too: « inconnu »,
 * nothing else. Read as anyone would, whoever asks.
 */
export async function verifyAttestation(
  ctx: RequestContext,
  typed: string,
): Promise<VerifiedAttestation | null> {
  const code = readVerificationCode(typed);
  if (code === null) return null;
  const id = await candidateIdOfAttestation(ctx.db, code);
  if (id === null) return null;
  const [candidate] = await findCandidatesByIds(ctx.db, [id], { kind: 'all' });
  if (candidate === undefined) return null;
  const publicCtx: RequestContext = { ...ctx, viewer: null };
  const basis = await candidateBasis(publicCtx, candidate);
  if (!(await visiblyAdmitted(publicCtx, basis))) return null;
  return {
    lastName: candidate.lastName,
    firstName: candidate.firstName,
    specialtyName: `BTS ${basis.specialty.name} (${basis.specialty.code})`,
    year: candidate.year,
  };
}
