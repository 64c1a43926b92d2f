import { type Refused, refuse } from './errors.ts';

/**
 * The reason a person gives for an act that departs from the course of
 * things (a jury decision, a late choice, an amendment, a held result):
 * required, and bounded in characters as a person counts them (an accented
 * letter or an emoji is one), once trimmed.
 */
export type ReasonRefusal =
  | { readonly code: 'REASON_REQUIRED' }
  | { readonly code: 'REASON_TOO_LONG'; readonly maxLength: number };

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

export function statedReason(
  reason: string,
  maxLength: number,
): { readonly ok: true; readonly reason: string } | Refused<ReasonRefusal> {
  const trimmed = reason.trim();
  if (trimmed === '') return refuse({ code: 'REASON_REQUIRED' });
  if (Array.from(graphemes.segment(trimmed)).length > maxLength)
    return refuse({ code: 'REASON_TOO_LONG', maxLength });
  return { ok: true, reason: trimmed };
}

/** The one French wording of a reason over its limit. */
export function reasonTooLongText(maxLength: number): string {
  return `Le motif dépasse ${String(maxLength)} caractères : résumez-le.`;
}
