import { type Refused, refuse } from '../errors.ts';

/**
 * Who may enter a candidate's choice of control tests, and through which
 * channel. Seed document: « Les candidats autres qu'individuels effectueront
 * leurs choix soit dans leur établissement de formation, soit sur leur
 * espace candidat » ; « Les candidats individuels effectueront leurs choix
 * exclusivement via l'espace candidat CYCLADES ».
 */

export type Channel = 'CANDIDATE_SPACE' | 'SCHOOL';

export type ChoiceActor =
  | { readonly kind: 'candidate'; readonly candidateId: string }
  | { readonly kind: 'school'; readonly schoolUai: string };

export interface ChoiceSubject {
  readonly candidateId: string;
  /** Candidat individuel: registered on their own, with no school. */
  readonly individual: boolean;
  /** UAI of the candidate's school; null for an individual candidate. */
  readonly schoolUai: string | null;
}

export type ChoiceRefusal =
  'NOT_OWN_CANDIDATE' | 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' | 'NOT_THE_CANDIDATE';

export type ChoiceEntryPermission =
  { readonly ok: true; readonly channel: Channel } | Refused<{ readonly code: ChoiceRefusal }>;

export function mayEnterChoice(subject: ChoiceSubject, actor: ChoiceActor): ChoiceEntryPermission {
  if (actor.kind === 'candidate') {
    // An empty identifier would otherwise match another empty identifier.
    if (actor.candidateId === '' || actor.candidateId !== subject.candidateId) {
      return refuse({ code: 'NOT_THE_CANDIDATE' });
    }
    return { ok: true, channel: 'CANDIDATE_SPACE' };
  }
  // Checked on the flag itself, not only through the missing school: an
  // individual candidate recorded with a school by mistake is still
  // « exclusivement » on the candidate space.
  if (subject.individual) return refuse({ code: 'INDIVIDUAL_CANDIDATE_SCHOOL_CHANNEL' });
  // UAI matched exactly: an authorisation check does not guess.
  if (
    subject.schoolUai === null ||
    actor.schoolUai === '' ||
    actor.schoolUai !== subject.schoolUai
  ) {
    return refuse({ code: 'NOT_OWN_CANDIDATE' });
  }
  return { ok: true, channel: 'SCHOOL' };
}
