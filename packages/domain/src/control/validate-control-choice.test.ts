import { describe, it, expect } from 'vitest';
import type { ExamStructure } from '../marks/exam-structure.ts';
import {
  CONTROL_TEST_COUNT,
  type InvalidChoiceReason,
  validateControlChoice,
} from './validate-control-choice.ts';
import {
  EXEMPT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  gen,
  marks,
  opt,
  part,
  pro,
  structure,
  withParts,
} from '../../test/fixtures.ts';

/**
 * E1, E2 (E21 + E22), E3: eligible general tests; E4 (E41 + E42), E5:
 * professional; E7: general, not eligible; E8: general, exempted for this
 * candidate; EF1: optional.
 */
const S: ExamStructure = structure([
  gen('E1', 300),
  withParts('E2', 'GENERAL', [part('E21', 150), part('E22', 150)]),
  gen('E3', 300),
  withParts('E4', 'PROFESSIONAL', [part('E41', 300), part('E42', 300)]),
  pro('E5', 300),
  gen('E7', 100, { controlEligible: false }),
  gen('E8', 200),
  opt('EF1', 100),
]);
const M = marks({
  E1: 700,
  E21: 800,
  E22: 1000,
  E3: 600,
  E41: 1200,
  E42: 1100,
  E5: 1200,
  E7: 900,
  E8: EXEMPT,
});

describe('validateControlChoice: refusals, one per reason', () => {
  it.each<[string, readonly string[], InvalidChoiceReason, string | null]>([
    ['no test', [], 'WRONG_COUNT', null],
    ['one test', ['E1'], 'WRONG_COUNT', null],
    ['three tests', ['E1', 'E2', 'E3'], 'WRONG_COUNT', null],
    ['the same test twice', ['E1', 'E1'], 'DUPLICATE_TEST', 'E1'],
    ['an unknown code', ['E1', 'E9'], 'UNKNOWN_TEST', 'E9'],
    ['codes are exact: lower case is unknown', ['e1', 'E3'], 'UNKNOWN_TEST', 'e1'],
    ['codes are exact: spaces are not trimmed', ['E1 ', 'E3'], 'UNKNOWN_TEST', 'E1 '],
    ['a part (E21) rather than the whole test', ['E21', 'E3'], 'TEST_PART', 'E21'],
    ['a part as second code', ['E1', 'E22'], 'TEST_PART', 'E22'],
    ['a professional test', ['E1', 'E5'], 'NOT_GENERAL_DOMAIN', 'E5'],
    ['a professional test with parts', ['E4', 'E1'], 'NOT_GENERAL_DOMAIN', 'E4'],
    ['a professional part is still a part', ['E41', 'E1'], 'TEST_PART', 'E41'],
    ['a general test not eligible for control', ['E7', 'E1'], 'NOT_CONTROL_ELIGIBLE', 'E7'],
    ['an optional test', ['E1', 'EF1'], 'OPTIONAL_TEST', 'EF1'],
    ['an exempted test', ['E8', 'E3'], 'EXEMPT_TEST', 'E8'],
  ])('%s → %s', (_name, codes, reason, testCode) => {
    const v = validateControlChoice(S, M, codes);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.refusal.code).toBe(reason);
    expect(v.refusal.testCode).toBe(testCode);
    expect(v.refusal.message.trim()).not.toBe('');
    if (testCode !== null) expect(v.refusal.message).toContain(testCode);
  });

  it('reports the first offending code when both are wrong', () => {
    expect(validateControlChoice(S, M, ['E5', 'E9'])).toMatchObject({
      ok: false,
      refusal: { code: 'NOT_GENERAL_DOMAIN', testCode: 'E5' },
    });
    expect(validateControlChoice(S, M, ['E9', 'E5'])).toMatchObject({
      ok: false,
      refusal: { code: 'UNKNOWN_TEST', testCode: 'E9' },
    });
  });

  it('messages are French, distinct and non-empty', () => {
    const cases: readonly (readonly string[])[] = [
      [],
      ['E1', 'E1'],
      ['E1', 'E9'],
      ['E21', 'E3'],
      ['E1', 'E5'],
      ['E7', 'E1'],
      ['E1', 'EF1'],
      ['E8', 'E3'],
    ];
    const messages = cases.map((c) => {
      const v = validateControlChoice(S, M, c);
      return v.ok ? '' : v.refusal.message;
    });
    expect(messages.every((m) => m.length > 10)).toBe(true);
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages.some((m) => /épreuve/.test(m))).toBe(true);
  });
});

describe('validateControlChoice: accepted choices', () => {
  it('asks for exactly two tests', () => {
    expect(CONTROL_TEST_COUNT).toBe(2);
  });

  it.each([[['E1', 'E3']], [['E3', 'E1']], [['E2', 'E1']], [['E3', 'E2']]])(
    '%j → both tests, in structure order',
    (codes) => {
      const v = validateControlChoice(S, M, codes);
      expect(v.ok).toBe(true);
      if (!v.ok) return;
      const order = S.tests.map((t) => t.code);
      const got = v.tests.map((t) => t.code);
      expect(got).toEqual([...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      // The very test objects of the structure.
      expect(v.tests[0]).toBe(S.tests.find((t) => t.code === got[0]));
    },
  );

  it('MCO: the whole E2 (Langue vivante) with E3, typed in reverse order', () => {
    const v = validateControlChoice(MCO, MCO_CONTROL_CANDIDATE, ['E3', 'E2']);
    expect(v).toMatchObject({
      ok: true,
      tests: [{ code: 'E2', name: 'Langue vivante' }, { code: 'E3' }],
    });
  });

  it('does not mutate the input', () => {
    const codes = Object.freeze(['E3', 'E1']);
    expect(validateControlChoice(S, M, codes).ok).toBe(true);
    expect(codes).toEqual(['E3', 'E1']);
  });
});
