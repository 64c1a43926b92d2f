import type { Refused } from '../errors.ts';
import { refuse } from '../errors.ts';

/**
 * Who sat on a jury and when it deliberated, as the minutes print it and its
 * members sign it. Names are kept as the exam office writes them (civility,
 * title), spaces tidied; the president is a member of the jury, so naming
 * them again among the members is a slip, refused like any name given twice.
 */
export const JURY_NAME_MAX_LENGTH = 120;
export const JURY_MAX_MEMBERS = 30;

export interface JuryComposition {
  readonly president: string;
  readonly members: readonly string[];
  /** The Paris calendar day of the deliberation, AAAA-MM-JJ. */
  readonly deliberatedOn: string;
}

export type JuryCompositionRefusal =
  | { readonly code: 'PRESIDENT_REQUIRED' }
  | { readonly code: 'MEMBER_NAME_REQUIRED'; readonly position: number }
  | { readonly code: 'NAME_TOO_LONG'; readonly name: string; readonly maxLength: number }
  | { readonly code: 'TOO_MANY_MEMBERS'; readonly max: number }
  | { readonly code: 'NAMED_TWICE'; readonly name: string }
  | { readonly code: 'DELIBERATION_DATE_INVALID'; readonly date: string }
  | { readonly code: 'DELIBERATION_OUTSIDE_SESSION'; readonly date: string; readonly year: number };

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

function tidied(name: string): string {
  return name.trim().replace(/\s+/gu, ' ');
}

function tooLong(name: string): boolean {
  return Array.from(graphemes.segment(name)).length > JURY_NAME_MAX_LENGTH;
}

/** A real calendar day written AAAA-MM-JJ (2024-02-30 is not one). */
function isCalendarDay(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  return (
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day
  );
}

/**
 * The composition as recorded, or why it cannot be: a president, members
 * each named once (letter case and accents aside, « Mme Durand » and « mme
 * durand » are one person), and a deliberation day of the session's year.
 */
export function juryComposition(input: {
  readonly year: number;
  readonly president: string;
  readonly members: readonly string[];
  readonly deliberatedOn: string;
}): { readonly ok: true; readonly composition: JuryComposition } | Refused<JuryCompositionRefusal> {
  const president = tidied(input.president);
  if (president === '') return refuse({ code: 'PRESIDENT_REQUIRED' });
  if (input.members.length > JURY_MAX_MEMBERS)
    return refuse({ code: 'TOO_MANY_MEMBERS', max: JURY_MAX_MEMBERS });
  const members = input.members.map(tidied);
  const empty = members.findIndex((m) => m === '');
  if (empty >= 0) return refuse({ code: 'MEMBER_NAME_REQUIRED', position: empty + 1 });
  const named = [president, ...members];
  const long = named.find(tooLong);
  if (long !== undefined)
    return refuse({ code: 'NAME_TOO_LONG', name: long, maxLength: JURY_NAME_MAX_LENGTH });
  const twice = named.find((name, i) =>
    named.slice(0, i).some((earlier) => sameName(earlier, name)),
  );
  if (twice !== undefined) return refuse({ code: 'NAMED_TWICE', name: twice });
  const date = input.deliberatedOn.trim();
  if (!isCalendarDay(date)) return refuse({ code: 'DELIBERATION_DATE_INVALID', date });
  if (Number(date.slice(0, 4)) !== input.year)
    return refuse({ code: 'DELIBERATION_OUTSIDE_SESSION', date, year: input.year });
  return { ok: true, composition: { president, members, deliberatedOn: date } };
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, 'fr', { sensitivity: 'base' }) === 0;
}

/** A refusal in French, for the exam office. */
export function juryCompositionRefusalText(refusal: JuryCompositionRefusal): string {
  switch (refusal.code) {
    case 'PRESIDENT_REQUIRED':
      return 'Indiquez le nom du président du jury.';
    case 'MEMBER_NAME_REQUIRED':
      return `Le membre n° ${String(refusal.position)} n’a pas de nom : complétez-le ou retirez-le.`;
    case 'NAME_TOO_LONG':
      return `Le nom « ${refusal.name.slice(0, 40)}… » dépasse ${String(refusal.maxLength)} caractères.`;
    case 'TOO_MANY_MEMBERS':
      return `Un jury compte au plus ${String(refusal.max)} membres.`;
    case 'NAMED_TWICE':
      return `« ${refusal.name} » est nommé deux fois (le président ne figure pas parmi les membres).`;
    case 'DELIBERATION_DATE_INVALID':
      return `« ${refusal.date} » n’est pas une date (AAAA-MM-JJ, par exemple 2024-07-05).`;
    case 'DELIBERATION_OUTSIDE_SESSION':
      return `La délibération du ${refusal.date} n’est pas de la session ${String(refusal.year)}.`;
  }
}
