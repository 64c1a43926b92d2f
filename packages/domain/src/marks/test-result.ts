import { DomainInputError } from '../errors.ts';
import type { ExamTest } from './exam-structure.ts';
import { type Fraction, ZERO, add, fraction, fromHundredths, multiply } from './fraction.ts';
import { type CandidateMarks, type MarkEntry, isValidHundredths } from './mark-entry.ts';

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

function checkEntry(code: string, entry: MarkEntry): void {
  if (
    (entry.status === 'MARK' || entry.status === 'KEPT') &&
    !isValidHundredths(entry.hundredths)
  ) {
    throw new DomainInputError(
      'INVALID_MARK',
      `La note de ${code} doit être un nombre entier de centièmes entre 0 et 2000.`,
      [`${code}: ${entry.hundredths}`],
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
      // Force majeure: the test counts, with 0 (spec, "absent justifié").
      return { kind: 'COUNTED', value: ZERO, status: 'ABSENT_JUSTIFIED' };
    case 'EXEMPT':
      return { kind: 'EXEMPT' };
    case 'ABSENT':
      return { kind: 'ABSENT' };
  }
}

/**
 * Resolves a test's result from a candidate's marks. A test with parts is
 * the coefficient-weighted average of its parts; an entry under the test's
 * own code covers the whole test and wins over the parts.
 */
export function resolveTestResult(test: ExamTest, marks: CandidateMarks): TestResult {
  const whole = marks.get(test.code);
  if (whole !== undefined) return fromEntry(test.code, whole);
  if (test.parts.length === 0) return { kind: 'MISSING', missingCodes: [test.code] };

  const missing: string[] = [];
  let absent = false;
  let weighted = ZERO;
  let weights = 0n;
  let allKept = true;
  let anyMark = false;
  for (const part of test.parts) {
    const entry = marks.get(part.code);
    if (entry === undefined) {
      missing.push(part.code);
      continue;
    }
    const result = fromEntry(part.code, entry);
    if (result.kind === 'ABSENT') absent = true;
    if (result.kind !== 'COUNTED') continue;
    const coefficient = BigInt(part.coefficientHundredths);
    weighted = add(weighted, multiply(result.value, fraction(coefficient, 1n)));
    weights += coefficient;
    if (result.status !== 'KEPT') allKept = false;
    if (result.status !== 'ABSENT_JUSTIFIED') anyMark = true;
  }
  if (missing.length > 0) return { kind: 'MISSING', missingCodes: missing };
  if (absent) return { kind: 'ABSENT' };
  if (weights === 0n) return { kind: 'EXEMPT' };
  const value = multiply(weighted, fraction(1n, weights));
  const status = !anyMark ? 'ABSENT_JUSTIFIED' : allKept ? 'KEPT' : 'MARK';
  return { kind: 'COUNTED', value, status };
}
