import { DomainInputError } from '../errors.ts';
import type { ExamStructure, ExamTest } from './exam-structure.ts';
import { type Fraction, ZERO, add, fraction, fromHundredths, multiply } from './fraction.ts';
import {
  type CandidateMarks,
  KEPT_MARK_MINIMUM_HUNDREDTHS,
  MARK_STATUSES,
  type MarkEntry,
  isValidHundredths,
} from './mark-entry.ts';

/** What one test contributes, once its parts and status are resolved. */
export type TestResult =
  | {
      readonly kind: 'COUNTED';
      readonly value: Fraction;
      readonly status: 'MARK' | 'KEPT' | 'ABSENT_JUSTIFIED';
    }
  | { readonly kind: 'EXEMPT' }
  | { readonly kind: 'ABSENT' }
  | { readonly kind: 'MISSING'; readonly missingCodes: readonly string[] };

/**
 * Marks come from storage and programs, not only from typed code: an entry
 * is checked whole before it counts, so a stray status or a kept mark below
 * 10 is refused by name instead of crashing or quietly counting.
 */
function checkEntry(code: string, entry: MarkEntry): void {
  const status: unknown = (entry as { status?: unknown } | null)?.status;
  if (!(MARK_STATUSES as readonly unknown[]).includes(status)) {
    throw new DomainInputError(
      'INVALID_MARK_STATUS',
      `Le statut de la note de ${code} est inconnu (attendu : ${MARK_STATUSES.join(', ')}).`,
      [`${code}: ${String(status)}`],
    );
  }
  if (entry.status !== 'MARK' && entry.status !== 'KEPT') return;
  if (!isValidHundredths(entry.hundredths)) {
    throw new DomainInputError(
      'INVALID_MARK',
      `La note de ${code} doit être un nombre entier de centièmes entre 0 et 2000.`,
      [`${code}: ${String(entry.hundredths)}`],
    );
  }
  if (entry.status === 'KEPT' && entry.hundredths < KEPT_MARK_MINIMUM_HUNDREDTHS) {
    throw new DomainInputError(
      'KEPT_MARK_BELOW_10',
      `La note conservée (bénéfice) de ${code} doit être d’au moins 10.`,
      [`${code}: ${entry.hundredths}`],
    );
  }
}

/**
 * The codes a structure marks (its tests' and their parts'), made once a
 * structure: a deliberation checks a whole session's candidates against a
 * few structures, and making the set a candidate was a fifth of its time.
 * Structures are read-only values, so the set stays right.
 */
const structureCodes = new WeakMap<ExamStructure, ReadonlySet<string>>();

function codesOf(structure: ExamStructure): ReadonlySet<string> {
  let codes = structureCodes.get(structure);
  if (codes === undefined) {
    codes = new Set(structure.tests.flatMap((t) => [t.code, ...t.parts.map((p) => p.code)]));
    structureCodes.set(structure, codes);
  }
  return codes;
}

/**
 * Checks every entry of a candidate's marks, and refuses a mark under a code
 * the structure does not have (a test or a part of it): ignoring it would
 * give an outcome without a mark someone entered.
 */
export function checkCandidateMarks(structure: ExamStructure, marks: CandidateMarks): void {
  const known = codesOf(structure);
  let unknown: string[] | undefined;
  for (const [code, entry] of marks) {
    checkEntry(code, entry);
    if (!known.has(code)) (unknown ??= []).push(code);
  }
  if (unknown !== undefined) {
    throw new DomainInputError(
      'UNKNOWN_MARK_CODE',
      `Note pour une épreuve inconnue de la spécialité ${structure.specialtyCode} : ${unknown.join(', ')}.`,
      unknown,
    );
  }
}

function fromEntry(code: string, entry: MarkEntry): TestResult {
  checkEntry(code, entry);
  switch (entry.status) {
    case 'MARK':
    case 'KEPT':
      return { kind: 'COUNTED', value: fromHundredths(entry.hundredths), status: entry.status };
    case 'ABSENT_JUSTIFIED':
      // Force majeure: the test counts, with 0 (docs/rules.md, « Marks »).
      return { kind: 'COUNTED', value: ZERO, status: 'ABSENT_JUSTIFIED' };
    case 'EXEMPT':
      return { kind: 'EXEMPT' };
    case 'ABSENT':
      return { kind: 'ABSENT' };
  }
}

/** The result of a code marked on its own: a test without parts, or one part. */
export function resolveEntry(code: string, marks: CandidateMarks): TestResult {
  const entry = marks.get(code);
  return entry === undefined ? { kind: 'MISSING', missingCodes: [code] } : fromEntry(code, entry);
}

export interface WeightedResult {
  readonly coefficient: bigint;
  readonly result: TestResult;
}

/**
 * Results weighed by their coefficients into one, as a test's parts make
 * the test's mark: any missing code leaves it missing, then any unjustified
 * absence makes it absent; an exempted one leaves both sums (mark and
 * coefficient), and nothing left is an exemption. Kept when every counted
 * one is kept; a justified absence when none is a mark.
 */
export function combineResults(items: readonly WeightedResult[]): TestResult {
  const missing = items.flatMap((i) => (i.result.kind === 'MISSING' ? i.result.missingCodes : []));
  if (missing.length > 0) return { kind: 'MISSING', missingCodes: missing };
  if (items.some((i) => i.result.kind === 'ABSENT')) return { kind: 'ABSENT' };
  let weighted = ZERO;
  let weights = 0n;
  let allKept = true;
  let anyMark = false;
  for (const { coefficient, result } of items) {
    if (result.kind !== 'COUNTED') continue;
    weighted = add(weighted, multiply(result.value, fraction(coefficient, 1n)));
    weights += coefficient;
    if (result.status !== 'KEPT') allKept = false;
    if (result.status !== 'ABSENT_JUSTIFIED') anyMark = true;
  }
  if (weights === 0n) return { kind: 'EXEMPT' };
  const value = multiply(weighted, fraction(1n, weights));
  const status = !anyMark ? 'ABSENT_JUSTIFIED' : allKept ? 'KEPT' : 'MARK';
  return { kind: 'COUNTED', value, status };
}

/**
 * Resolves a test's result from a candidate's marks. A test with parts is
 * the coefficient-weighted average of its parts; an entry under the test's
 * own code covers the whole test and wins over the parts.
 */
export function resolveTestResult(test: ExamTest, marks: CandidateMarks): TestResult {
  if (test.parts.length === 0 || marks.has(test.code)) return resolveEntry(test.code, marks);
  return combineResults(
    test.parts.map((p) => ({
      coefficient: BigInt(p.coefficientHundredths),
      result: resolveEntry(p.code, marks),
    })),
  );
}

/**
 * A test's result once the control orals are marked: a test retaken counts
 * its kept mark (the better of the two, from controlOrals) as a mark; any
 * other stands as the first group left it.
 */
export function keptTestResult(
  test: ExamTest,
  marks: CandidateMarks,
  kept: ReadonlyMap<string, Fraction>,
): TestResult {
  const value = kept.get(test.code);
  return value === undefined
    ? resolveTestResult(test, marks)
    : { kind: 'COUNTED', value, status: 'MARK' };
}
