export type Role = 'CANDIDATE' | 'SCHOOL' | 'ACADEMY' | 'PILOT';

/** Who is asking: the account behind a session or an académie API token. */
export interface Viewer {
  readonly accountId: string;
  readonly identifier: string;
  readonly role: Role;
  readonly candidateId: string | null;
  readonly schoolUai: string | null;
  readonly academyCode: string | null;
  readonly via: 'session' | 'apiToken';
}

/** Which candidates a viewer may see at all; applied in SQL, never after. */
export type CandidateScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'origin'; readonly academyCode: string }
  | { readonly kind: 'school'; readonly schoolUai: string }
  | { readonly kind: 'self'; readonly candidateId: string }
  | { readonly kind: 'none' };

/**
 * A school sees its own candidates; a partner académie the candidates whose
 * académie of origin it is; the pilot académie sees all (docs/rules.md,
 * « Embargo and who sees what »).
 */
export function candidateScopeOf(viewer: Viewer | null): CandidateScope {
  if (viewer === null) return { kind: 'none' };
  switch (viewer.role) {
    case 'PILOT':
      return { kind: 'all' };
    case 'ACADEMY':
      return viewer.academyCode === null
        ? { kind: 'none' }
        : { kind: 'origin', academyCode: viewer.academyCode };
    case 'SCHOOL':
      return viewer.schoolUai === null
        ? { kind: 'none' }
        : { kind: 'school', schoolUai: viewer.schoolUai };
    case 'CANDIDATE':
      return viewer.candidateId === null
        ? { kind: 'none' }
        : { kind: 'self', candidateId: viewer.candidateId };
  }
}

/**
 * Results are invisible to everyone outside the pilot académie's
 * administrators until their publication instant (results embargo).
 */
export function seesThroughEmbargo(viewer: Viewer | null): boolean {
  return viewer?.role === 'PILOT';
}
