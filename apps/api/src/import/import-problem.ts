import { COLUMN_LABELS } from './import-kind.ts';

/** One reason a file is refused; `line` is the physical line in the file (the header is line 1). */
export interface ImportProblem {
  readonly line: number;
  /** The column's identifier (as in the header), or null for the whole line or file. */
  readonly column: string | null;
  readonly value: string | null;
  /** French, for people. */
  readonly reason: string;
  /** Stable, for programs: INVALID_IDENTIFIER for a malformed identifier, else INVALID_VALUE. */
  readonly code: string;
}

export const INVALID_VALUE = 'INVALID_VALUE';

export function problem(
  line: number,
  column: string | null,
  value: string | null,
  reason: string,
  code: string = INVALID_VALUE,
): ImportProblem {
  return { line, column, value, reason, code };
}

/** « ligne 48213, colonne note : « 21,5 » n’est pas une note sur 20 » */
export function describeProblem(p: ImportProblem): string {
  const where =
    p.column === null
      ? `ligne ${p.line}`
      : `ligne ${p.line}, colonne ${COLUMN_LABELS[p.column] ?? p.column}`;
  return `${where} : ${p.reason}`;
}

/** Problems listed in a report; the total is always given. */
export const MAX_LISTED_PROBLEMS = 1000;

export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
