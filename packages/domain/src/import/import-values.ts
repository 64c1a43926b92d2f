import { type Refused, refuse } from '../errors.ts';
import { parseCoefficient, parseMark } from '../marks/format-mark.ts';
import { KEPT_MARK_MINIMUM_HUNDREDTHS, type MarkEntry } from '../marks/mark-entry.ts';

/**
 * How the exam systems' CSV exports write a first-group result, and what it
 * means (docs/rules.md, « Marks »). A cell is either a mark
 * with a French decimal comma ("12,5"), or one of the status words:
 *
 * - `ABS`  absent (unjustified): the diploma cannot be awarded (art. D643-15);
 * - `AJ`   absent justifié (force majeure): counts as 0;
 * - `DI`   dispensé: left out of both sums;
 * - `BEN <mark>` bénéfice: a mark of at least 10 kept from an earlier
 *   session, written in the same cell as its value ("BEN 12,5"), so that a
 *   kept mark can never lose its value to a missing column.
 */
export type CellReading<T> = { readonly ok: true; readonly value: T } | Refused<CellRefusal>;

/** Why a cell was refused: a stable code, and a French message naming the cell. */
export interface CellRefusal {
  readonly code: CellRefusalCode;
  readonly message: string;
}

export type CellRefusalCode =
  | 'EMPTY_MARK'
  | 'NOT_A_MARK'
  | 'KEPT_MARK_WITHOUT_VALUE'
  | 'KEPT_MARK_BELOW_10'
  | 'NOT_YES_NO'
  | 'NOT_A_TEST_DOMAIN'
  | 'NOT_A_COEFFICIENT'
  | 'INVALID_IDENTIFIER';

const ok = <T>(value: T): CellReading<T> => ({ ok: true, value });
const refuseCell = (code: CellRefusalCode, message: string): Refused<CellRefusal> =>
  refuse({ code, message });

const STATUS_WORDS: Readonly<Record<string, MarkEntry>> = {
  ABS: { status: 'ABSENT' },
  AJ: { status: 'ABSENT_JUSTIFIED' },
  DI: { status: 'EXEMPT' },
};

function quoted(text: string): string {
  return `« ${text} »`;
}

/** Reads one first-group result cell. */
export function readFirstGroupCell(text: string): CellReading<MarkEntry> {
  const cell = text.trim();
  if (cell === '')
    return refuseCell(
      'EMPTY_MARK',
      'la note est vide (une note sur 20, ABS, AJ, DI ou BEN suivi de la note)',
    );
  const word = STATUS_WORDS[cell.toUpperCase()];
  if (word !== undefined) return ok(word);
  const kept = /^BEN\s*(.*)$/i.exec(cell);
  if (kept !== null) {
    const value = (kept[1] ?? '').trim();
    if (value === '')
      return refuseCell(
        'KEPT_MARK_WITHOUT_VALUE',
        `${quoted(cell)} : un bénéfice porte sa note (par exemple « BEN 12,5 »)`,
      );
    const hundredths = parseMark(value);
    if (hundredths === null)
      return refuseCell('NOT_A_MARK', `${quoted(value)} n’est pas une note sur 20`);
    if (hundredths < KEPT_MARK_MINIMUM_HUNDREDTHS)
      return refuseCell(
        'KEPT_MARK_BELOW_10',
        `${quoted(cell)} : une note conservée (bénéfice) est d’au moins 10`,
      );
    return ok({ status: 'KEPT', hundredths });
  }
  const hundredths = parseMark(cell);
  if (hundredths === null)
    return refuseCell('NOT_A_MARK', `${quoted(cell)} n’est pas une note sur 20`);
  return ok({ status: 'MARK', hundredths });
}

export type ControlMarkReading =
  { readonly status: 'MARK'; readonly hundredths: number } | { readonly status: 'ABSENT' };

/**
 * Reads one control-oral result cell: a mark /20 or `ABS`. Only an absence
 * is possible at an oral (no dispensation, no bénéfice: the candidate chose
 * the test).
 */
export function readControlCell(text: string): CellReading<ControlMarkReading> {
  const cell = text.trim();
  if (cell.toUpperCase() === 'ABS') return ok({ status: 'ABSENT' });
  const hundredths = parseMark(cell);
  if (hundredths === null)
    return refuseCell('NOT_A_MARK', `${quoted(cell)} n’est pas une note sur 20 ni ABS`);
  return ok({ status: 'MARK', hundredths });
}

/** `O` (oui) or `N` (non), as the exam systems write booleans. */
export function readYesNo(text: string): CellReading<boolean> {
  const cell = text.trim().toUpperCase();
  if (cell === 'O') return ok(true);
  if (cell === 'N') return ok(false);
  return refuseCell('NOT_YES_NO', `${quoted(text)} : attendu O (oui) ou N (non)`);
}

/** `G` (domaine général) or `P` (domaine professionnel). */
export function readTestDomain(text: string): CellReading<'GENERAL' | 'PROFESSIONAL'> {
  const cell = text.trim().toUpperCase();
  if (cell === 'G') return ok('GENERAL');
  if (cell === 'P') return ok('PROFESSIONAL');
  return refuseCell(
    'NOT_A_TEST_DOMAIN',
    `${quoted(text)} : attendu G (général) ou P (professionnel)`,
  );
}

/** A coefficient, French decimal comma allowed ("1,5"), in hundredths. */
export function readCoefficient(text: string): CellReading<number> {
  const hundredths = parseCoefficient(text);
  return hundredths === null
    ? refuseCell(
        'NOT_A_COEFFICIENT',
        `${quoted(text)} n’est pas un coefficient positif (au plus deux décimales)`,
      )
    : ok(hundredths);
}

/**
 * A candidate number as the exam systems write it: 4 to 20 capital letters
 * and digits (`02412000001`). It becomes the candidate's log-in identifier
 * and the name of their files (`convocation-<number>.pdf`), so nothing else
 * may enter: a quote, a semicolon or a `€` would break an HTTP header.
 */
const CANDIDATE_NUMBER = /^[0-9A-Z]{4,20}$/;

/** UAI (ex-RNE): seven digits and a check letter. */
const UAI = /^[0-9]{7}[A-Z]$/;

/** The stable code of a refused identifier, for programs (the message is French). */
export const INVALID_IDENTIFIER = 'INVALID_IDENTIFIER' satisfies CellRefusalCode;

/** Reads a candidate number; the cell is trimmed, never otherwise changed. */
export function readCandidateNumber(text: string): CellReading<string> {
  const cell = text.trim();
  return CANDIDATE_NUMBER.test(cell)
    ? ok(cell)
    : refuseCell(
        INVALID_IDENTIFIER,
        'un numéro de candidat est fait de 4 à 20 chiffres ou lettres majuscules (ni espace, ni accent, ni ponctuation)',
      );
}

/** Reads a school's UAI; lower-case letters are raised (`0510001a` is `0510001A`). */
export function readUai(text: string): CellReading<string> {
  const cell = text.trim().toUpperCase();
  return UAI.test(cell)
    ? ok(cell)
    : refuseCell(INVALID_IDENTIFIER, 'un UAI est fait de 7 chiffres et d’une lettre');
}
