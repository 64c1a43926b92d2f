import { describe, it, expect } from 'vitest';
import type { MarkEntry } from '../marks/mark-entry.ts';
import {
  type IneligibilityReason,
  eligibleControlTests,
  ineligibilityOf,
} from './eligible-control-tests.ts';
import {
  ABSENT_JUSTIFIED,
  EXEMPT,
  MCO,
  MCO_CONTROL_CANDIDATE,
  MCO_WITH_OPTIONAL,
  gen,
  kept,
  marks,
  opt,
  part,
  pro,
  structure,
  withParts,
} from '../../test/fixtures.ts';

const codes = (tests: readonly { code: string }[]) => tests.map((t) => t.code);

describe('eligibleControlTests', () => {
  it('MCO: the three general tests, whole tests only (E2, never E21/E22), in structure order', () => {
    expect(codes(eligibleControlTests(MCO, MCO_CONTROL_CANDIDATE))).toEqual(['E1', 'E2', 'E3']);
  });

  it('never lists an optional test', () => {
    expect(codes(eligibleControlTests(MCO_WITH_OPTIONAL, MCO_CONTROL_CANDIDATE))).toEqual([
      'E1',
      'E2',
      'E3',
    ]);
  });

  it.each<[string, Record<string, MarkEntry | number>, readonly string[]]>([
    ['E1 exempted', { E1: EXEMPT }, ['E2', 'E3']],
    ['E2 exempted as a whole', { E2: EXEMPT }, ['E1', 'E3']],
    ['both parts of E2 exempted', { E21: EXEMPT, E22: EXEMPT }, ['E1', 'E3']],
    [
      'one part of E2 exempted (E2 still has a mark)',
      { E21: EXEMPT, E22: 1000 },
      ['E1', 'E2', 'E3'],
    ],
    ['E3 kept from an earlier session (still eligible)', { E3: kept(1200) }, ['E1', 'E2', 'E3']],
    ['E3 justified absence (0, eligible)', { E3: ABSENT_JUSTIFIED }, ['E1', 'E2', 'E3']],
    ['no marks at all (missing is not exempt)', {}, ['E1', 'E2', 'E3']],
  ])('%s → %j', (_name, entries, expected) => {
    expect(codes(eligibleControlTests(MCO, marks(entries)))).toEqual(expected);
  });

  it('follows the structure flags: a general test not marked eligible is left out', () => {
    const s = structure([
      gen('A', 100, { controlEligible: false }),
      gen('B', 100),
      pro('P', 100, { controlEligible: true }),
      gen('C', 100),
    ]);
    expect(codes(eligibleControlTests(s, marks({})))).toEqual(['B', 'C']);
  });
});

describe('ineligibilityOf: one reason per rule', () => {
  it.each<
    [string, ReturnType<typeof gen>, Record<string, MarkEntry | number>, IneligibilityReason | null]
  >([
    ['an eligible general test', gen('A', 100), {}, null],
    [
      'a general test with parts',
      withParts('A', 'GENERAL', [part('A1', 50), part('A2', 50)]),
      {},
      null,
    ],
    ['a professional test', pro('P', 100), {}, 'NOT_GENERAL_DOMAIN'],
    [
      'a professional test, even flagged eligible',
      pro('P', 100, { controlEligible: true }),
      {},
      'NOT_GENERAL_DOMAIN',
    ],
    [
      'a general test not eligible',
      gen('A', 100, { controlEligible: false }),
      {},
      'NOT_CONTROL_ELIGIBLE',
    ],
    ['an optional test', opt('F', 100), {}, 'OPTIONAL_TEST'],
    [
      'an optional test, even flagged eligible',
      gen('F', 100, { optional: true, controlEligible: true }),
      {},
      'OPTIONAL_TEST',
    ],
    ['an exempted test', gen('A', 100), { A: EXEMPT }, 'EXEMPT_TEST'],
    [
      'a test whose parts are all exempted',
      withParts('A', 'GENERAL', [part('A1', 50), part('A2', 50)]),
      { A1: EXEMPT, A2: EXEMPT },
      'EXEMPT_TEST',
    ],
  ])('%s → %s', (_name, test, entries, reason) => {
    expect(ineligibilityOf(test, marks(entries))).toBe(reason);
  });
});
