import { NOTHING_PUBLISHED, type Publication } from '../calendar/publication.ts';
import type { Refused } from '../errors.ts';
import { type ReasonRefusal, reasonTooLongText, statedReason } from '../stated-reason.ts';

/**
 * Holding one candidate's result back (« résultat réservé »): the pilot
 * académie keeps it unpublished past its instant, during a fraud inquiry or
 * while a document is missing, until it releases it. Nothing of the results
 * shows while it is held (no outcome, no mark, no convocation that would
 * tell the outcome); the release publishes at once what the calendar has
 * published by then.
 */
export const WITHHOLDING_REASON_MAX_LENGTH = 500;

export type WithholdingRefusal = ReasonRefusal;

/** The reason, trimmed, or why it cannot be recorded. */
export function withholdingReason(
  reason: string,
): { readonly ok: true; readonly reason: string } | Refused<WithholdingRefusal> {
  return statedReason(reason, WITHHOLDING_REASON_MAX_LENGTH);
}

/** A refusal in French, for the exam office. */
export function withholdingRefusalText(refusal: WithholdingRefusal): string {
  switch (refusal.code) {
    case 'REASON_REQUIRED':
      return 'Indiquez le motif pour lequel le résultat est réservé.';
    case 'REASON_TOO_LONG':
      return reasonTooLongText(refusal.maxLength);
  }
}

/** What of a candidate's results is public, their result being held back or not. */
export function publicationUnlessWithheld(
  publication: Publication,
  withheld: boolean,
): Publication {
  return withheld ? NOTHING_PUBLISHED : publication;
}

/**
 * Whether the candidate is to be told that their result is held back: only
 * once the calendar has published it (before, nothing distinguishes them
 * from anyone else: the hold itself is not announced early).
 */
export function heldBack(publication: Publication, withheld: boolean): boolean {
  return withheld && publication.firstGroupResults;
}
