import { describe, it, expect } from 'vitest';
import { DomainInputError } from '../errors.ts';
import type { ExamStructure } from './exam-structure.ts';
import type { CandidateMarks, MarkEntry } from './mark-entry.ts';
import { isValidHundredths } from './mark-entry.ts';
import { type TestResult, checkCandidateMarks, resolveTestResult } from './test-result.ts';
import {
  ABSENT,
  ABSENT_JUSTIFIED,
  EXEMPT,
  frac,
  gen,
  kept,
  mark,
  marks,
  part,
  structure,
  withParts,
} from '../../test/fixtures.ts';

const E1 = gen('E1', 300);
/** MCO's E2: E21 écrit 1,5 + E22 oral 1,5. */
const E2 = withParts('E2', 'GENERAL', [part('E21', 150), part('E22', 150)]);
/** Unequal parts: E71 1 + E72 3. */
const E7 = withParts('E7', 'PROFESSIONAL', [part('E71', 100), part('E72', 300)]);

describe('resolveTestResult: every status of a test without parts', () => {
  it.each<[string, MarkEntry | undefined, TestResult]>([
    ['MARK', mark(1250), { kind: 'COUNTED', value: frac(25, 2), status: 'MARK' }],
    ['MARK 0', mark(0), { kind: 'COUNTED', value: frac(0), status: 'MARK' }],
    ['MARK 20', mark(2000), { kind: 'COUNTED', value: frac(20), status: 'MARK' }],
    ['KEPT', kept(1400), { kind: 'COUNTED', value: frac(14), status: 'KEPT' }],
    ['EXEMPT', EXEMPT, { kind: 'EXEMPT' }],
    [
      'ABSENT_JUSTIFIED',
      ABSENT_JUSTIFIED,
      { kind: 'COUNTED', value: frac(0), status: 'ABSENT_JUSTIFIED' },
    ],
    ['ABSENT', ABSENT, { kind: 'ABSENT' }],
    ['missing', undefined, { kind: 'MISSING', missingCodes: ['E1'] }],
  ])('%s', (_name, entry, expected) => {
    const m = marks(entry === undefined ? {} : { E1: entry });
    expect(resolveTestResult(E1, m)).toEqual(expected);
  });

  it.each([-1, 2001, 12.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses the mark %d with INVALID_MARK',
    (h) => {
      expect(isValidHundredths(h)).toBe(false);
      const run = () => resolveTestResult(E1, marks({ E1: mark(h) }));
      expect(run).toThrow(DomainInputError);
      expect(run).toThrow(expect.objectContaining({ code: 'INVALID_MARK' }) as Error);
      expect(() => resolveTestResult(E1, marks({ E1: kept(h) }))).toThrow(DomainInputError);
    },
  );
});

describe('resolveTestResult: tests with parts (MCO E2 = E21 1,5 + E22 1,5)', () => {
  it.each<[string, Record<string, MarkEntry | number>, TestResult]>([
    [
      'equal weights: (12 + 9) / 2',
      { E21: 1200, E22: 900 },
      { kind: 'COUNTED', value: frac(21, 2), status: 'MARK' },
    ],
    [
      'odd hundredths stay exact',
      { E21: 1201, E22: 900 },
      { kind: 'COUNTED', value: frac(2101, 200), status: 'MARK' },
    ],
    [
      'both kept → KEPT',
      { E21: kept(1200), E22: kept(1400) },
      { kind: 'COUNTED', value: frac(13), status: 'KEPT' },
    ],
    [
      'kept and mark → MARK',
      { E21: kept(1200), E22: 1400 },
      { kind: 'COUNTED', value: frac(13), status: 'MARK' },
    ],
    [
      'a justified absence counts 0',
      { E21: ABSENT_JUSTIFIED, E22: 1400 },
      { kind: 'COUNTED', value: frac(7), status: 'MARK' },
    ],
    [
      'both justified absences → ABSENT_JUSTIFIED',
      { E21: ABSENT_JUSTIFIED, E22: ABSENT_JUSTIFIED },
      { kind: 'COUNTED', value: frac(0), status: 'ABSENT_JUSTIFIED' },
    ],
    [
      'one exempt part: average of the other',
      { E21: EXEMPT, E22: 1400 },
      { kind: 'COUNTED', value: frac(14), status: 'MARK' },
    ],
    ['both parts exempt → EXEMPT', { E21: EXEMPT, E22: EXEMPT }, { kind: 'EXEMPT' }],
    ['an unjustified absence at a part → ABSENT', { E21: ABSENT, E22: 1400 }, { kind: 'ABSENT' }],
    [
      'a missing part → MISSING with its code',
      { E22: 1400 },
      { kind: 'MISSING', missingCodes: ['E21'] },
    ],
    ['both missing → both codes in order', {}, { kind: 'MISSING', missingCodes: ['E21', 'E22'] }],
    [
      'missing wins over absent (no outcome yet)',
      { E21: ABSENT },
      { kind: 'MISSING', missingCodes: ['E22'] },
    ],
  ])('%s', (_name, entries, expected) => {
    expect(resolveTestResult(E2, marks(entries))).toEqual(expected);
  });

  it('weights unequal parts by their coefficients: (1×8 + 3×12) / 4 = 11', () => {
    expect(resolveTestResult(E7, marks({ E71: 800, E72: 1200 }))).toEqual({
      kind: 'COUNTED',
      value: frac(11),
      status: 'MARK',
    });
    // (1×9,99 + 3×10) / 4 = 39,99/4 = 3999/400
    expect(resolveTestResult(E7, marks({ E71: 999, E72: 1000 }))).toMatchObject({
      value: frac(3999, 400),
    });
  });

  it.each<[string, MarkEntry]>([
    ['a mark', mark(1500)],
    ['kept', kept(1500)],
    ['exempt', EXEMPT],
    ['absent justified', ABSENT_JUSTIFIED],
    ['absent', ABSENT],
  ])('an entry on the whole test (%s) wins over the parts', (_name, whole) => {
    const withParts = marks({ E2: whole, E21: 200, E22: ABSENT });
    const alone = marks({ E2: whole });
    expect(resolveTestResult(E2, withParts)).toEqual(resolveTestResult(E2, alone));
    // Missing parts do not matter either when the whole test has an entry.
    expect(resolveTestResult(E2, alone).kind).not.toBe('MISSING');
  });

  it('refuses an invalid part mark', () => {
    expect(() => resolveTestResult(E2, marks({ E21: 2001, E22: 1000 }))).toThrow(DomainInputError);
  });
});

describe('checkCandidateMarks: the codes of each structure, whichever was checked before', () => {
  const refusalOf = (s: ExamStructure, m: CandidateMarks): string | null => {
    try {
      checkCandidateMarks(s, m);
      return null;
    } catch (e) {
      return e instanceof DomainInputError ? e.code : 'not a DomainInputError';
    }
  };

  it('checks each structure against its own codes, the same specialty or not', () => {
    // Two structures of one specialty: a set of codes remembered by specialty
    // rather than by structure would let E9 through the second, or refuse E7's parts.
    const first = structure([E1, E2], 'MCO');
    const second = structure([E1, E7], 'MCO');
    expect(refusalOf(first, marks({ E1: 1200, E21: 1000 }))).toBeNull();
    expect(refusalOf(second, marks({ E1: 1200, E71: 1000 }))).toBeNull();
    expect(refusalOf(second, marks({ E21: 1000 }))).toBe('UNKNOWN_MARK_CODE');
    expect(refusalOf(first, marks({ E71: 1000 }))).toBe('UNKNOWN_MARK_CODE');
    // Checked again after both: each still answers with its own codes.
    expect(refusalOf(first, marks({ E22: 900 }))).toBeNull();
    expect(refusalOf(second, marks({ E72: 900 }))).toBeNull();
  });

  it('names every unknown code, and an invalid entry wins over them', () => {
    const s = structure([E1, E2], 'MCO');
    try {
      checkCandidateMarks(s, marks({ E9: 1200, E1: 1000, E8: 1300 }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainInputError);
      expect((e as DomainInputError).details).toEqual(['E9', 'E8']);
    }
    expect(refusalOf(s, marks({ E9: 1200, E1: { status: 'MARK', hundredths: 2001 } }))).toBe(
      'INVALID_MARK',
    );
  });
});
