import { MARK_SLIP_READING_COLUMNS } from '@rattrapage/domain';
import type { ImportKindName } from '../db/schema.ts';

/**
 * The five files an académie's exam system exports, each with its columns
 * in order (the first line of a file names them; see docs/operations.md).
 */
export type ImportKind = ImportKindName;

export const IMPORT_KINDS: Readonly<Record<ImportKind, readonly string[]>> = {
  SCHOOLS: ['uai', 'name', 'academy_code'],
  CANDIDATES: [
    'number',
    'last_name',
    'first_name',
    'specialty',
    'origin_academy',
    'school_uai',
    'individual',
    'email',
  ],
  STRUCTURES: [
    'specialty',
    'test',
    'part',
    'name',
    'coefficient',
    'domain',
    'optional',
    'control_eligible',
    'language',
  ],
  MARKS: ['number', 'code', 'mark'],
  CONTROL_MARKS: ['number', 'test', 'mark'],
};

/**
 * Columns a file of that kind may carry after its own, all or none: for the
 * people who fill it in, read past (a mark slip filled in,
 * /documents/bordereaux.csv, is a control marks file); or added since the
 * kind was first defined, read when present, so that older files still load
 * (the structures' blocs de compétences: a file without them maps no block).
 */
export const TRAILING_COLUMNS: Readonly<Partial<Record<ImportKind, readonly string[]>>> = {
  CONTROL_MARKS: MARK_SLIP_READING_COLUMNS,
  STRUCTURES: ['block', 'block_name'],
};

/** The CLI's spelling of each kind (`control-marks` → CONTROL_MARKS). */
export function importKindOf(name: string): ImportKind | null {
  const kind = name.trim().toUpperCase().replaceAll('-', '_');
  return kind in IMPORT_KINDS ? (kind as ImportKind) : null;
}

/** French column names, for the reports read by people. */
export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  uai: 'uai',
  name: 'nom',
  academy_code: 'académie',
  number: 'numéro',
  last_name: 'nom',
  first_name: 'prénom',
  specialty: 'spécialité',
  origin_academy: 'académie d’origine',
  school_uai: 'établissement',
  individual: 'individuel',
  email: 'courriel',
  test: 'épreuve',
  part: 'sous-épreuve',
  coefficient: 'coefficient',
  domain: 'domaine',
  optional: 'facultative',
  control_eligible: 'contrôle',
  language: 'langue',
  block: 'bloc',
  block_name: 'nom du bloc',
  code: 'épreuve',
  mark: 'note',
};
