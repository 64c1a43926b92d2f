import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ABSENT,
  ABSENT_JUSTIFIED,
  EXEMPT,
  frac,
  gen,
  kept,
  marks,
  part,
  pro,
  structure,
  uniformMarks,
  withParts,
} from '../../test/fixtures.ts';
import type { SkillBlock } from '../marks/exam-structure.ts';
import { compare, fromInteger } from '../marks/fraction.ts';
import type { MarkEntry } from '../marks/mark-entry.ts';
import { MCO_STRUCTURE } from '../reference/exam-structures.ts';
import { acquiredBlocks, skillBlockResults } from './skill-blocks.ts';

/** Each block as « B1 12,50 acquis », for a compact table. */
function summary(results: ReturnType<typeof skillBlockResults>): string[] {
  return results.map(
    (r) =>
      `${r.block.code} ${r.result.kind === 'COUNTED' ? `${String(r.hundredths)} ${r.result.status}` : r.result.kind}${r.acquired ? ' acquis' : ''}`,
  );
}

const block = (code: string, ...units: string[]): SkillBlock => ({
  code,
  name: `Bloc ${code}`,
  units,
});

/** A: coefficient 1, B: coefficient 2, P: E4-like test with parts, one block of A and B. */
const MIXED = structure(
  [
    gen('A', 100),
    gen('B', 200),
    gen('C', 100),
    withParts('P', 'PROFESSIONAL', [part('P1', 300), part('P2', 100)]),
    pro('Q', 300),
  ],
  'X',
  [block('B1', 'A', 'B'), block('B2', 'P1'), block('B3', 'P2'), block('B4', 'C'), block('B5', 'Q')],
);

describe('the skill blocks of a candidate', () => {
  it('MCO: each block’s mark from its unit, acquired from 10', () => {
    const m = uniformMarks(MCO_STRUCTURE, 900, { E41: 1250, E42: 999, E5: 1000, E21: 1100 });
    expect(summary(skillBlockResults(MCO_STRUCTURE, m))).toEqual([
      'B1 1250 MARK acquis',
      'B2 999 MARK',
      'B3 1000 MARK acquis',
      'B4 900 MARK',
      'B5 900 MARK',
      // E2 = (11 + 9) / 2: the test with parts is one block.
      'B6 1000 MARK acquis',
      'B7 900 MARK',
    ]);
    expect(acquiredBlocks(MCO_STRUCTURE, m).map((b) => b.block.code)).toEqual(['B1', 'B3', 'B6']);
  });

  it.each<[string, Record<string, MarkEntry | number>, string]>([
    // (9 × 1 + 10,5 × 2) / 3 = 10 exactly.
    ['a coefficient-weighted mean reaching 10 exactly', { A: 900, B: 1050 }, 'B1 1000 MARK acquis'],
    // (9,99 + 2 × 10) / 3 = 9,99666…: shown 9,99, and not acquired.
    ['a mean just under 10, truncated', { A: 999, B: 1000 }, 'B1 999 MARK'],
    ['an unjustified absence in one unit', { A: ABSENT, B: 2000 }, 'B1 ABSENT'],
    ['a justified absence, counting 0', { A: ABSENT_JUSTIFIED, B: 1500 }, 'B1 1000 MARK acquis'],
    ['an exempted unit, left out of both sums', { A: EXEMPT, B: 1100 }, 'B1 1100 MARK acquis'],
    ['every unit exempted', { A: EXEMPT, B: EXEMPT }, 'B1 EXEMPT'],
    ['bénéfices only', { A: kept(1200), B: kept(1000) }, 'B1 1066 KEPT acquis'],
    ['a missing mark', { A: 1200 }, 'B1 MISSING'],
  ])('%s', (_name, entries, expected) => {
    const m = marks({ P1: 1000, P2: 1000, C: 1000, Q: 1000, ...entries });
    expect(summary(skillBlockResults(MIXED, m))[0]).toBe(expected);
  });

  it('reads a part from its own mark; a status on the whole test is the part’s, a mark on it is no part’s mark', () => {
    const base = { A: 1000, B: 1000, C: 1000, Q: 1000 };
    expect(
      summary(skillBlockResults(MIXED, marks({ ...base, P1: 1200, P2: 800 }))).slice(1, 3),
    ).toEqual(['B2 1200 MARK acquis', 'B3 800 MARK']);
    expect(summary(skillBlockResults(MIXED, marks({ ...base, P: EXEMPT }))).slice(1, 3)).toEqual([
      'B2 EXEMPT',
      'B3 EXEMPT',
    ]);
    expect(summary(skillBlockResults(MIXED, marks({ ...base, P: ABSENT }))).slice(1, 3)).toEqual([
      'B2 ABSENT',
      'B3 ABSENT',
    ]);
    expect(summary(skillBlockResults(MIXED, marks({ ...base, P: 1500 }))).slice(1, 3)).toEqual([
      'B2 MISSING',
      'B3 MISSING',
    ]);
  });

  it('after the control: a retaken test counts its kept mark, the better of the two', () => {
    const m = marks({ A: 1000, B: 1000, P1: 1000, P2: 1000, C: 800, Q: 1000 });
    expect(summary(skillBlockResults(MIXED, m, [{ testCode: 'C', kept: frac(12) }]))[3]).toBe(
      'B4 1200 MARK acquis',
    );
    expect(summary(skillBlockResults(MIXED, m))[3]).toBe('B4 800 MARK');
  });

  it('gives nothing for a structure without blocks', () => {
    expect(skillBlockResults(structure(MIXED.tests, 'X'), uniformMarks(MIXED, 1500))).toEqual([]);
  });

  const entry = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 2000 }) },
    { weight: 1, arbitrary: fc.constantFrom(EXEMPT, ABSENT, ABSENT_JUSTIFIED) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 2000 }).map(kept) },
  );
  const mixedMarks = fc.record({ A: entry, B: entry, C: entry, P1: entry, P2: entry, Q: entry });

  it('acquires a block exactly when its exact mark is at least 10, and shows it truncated', () => {
    fc.assert(
      fc.property(mixedMarks, (entries) => {
        for (const r of skillBlockResults(MIXED, marks(entries))) {
          const atLeast10 =
            r.result.kind === 'COUNTED' && compare(r.result.value, fromInteger(10)) >= 0;
          expect(r.acquired).toBe(atLeast10);
          // A shown 10,00 always means acquired, and an acquired block never shows below 10.
          expect(r.hundredths !== null && r.hundredths >= 1000).toBe(r.acquired);
        }
      }),
    );
  });

  it('never un-acquires a block when one unit’s mark rises, or with a control mark', () => {
    const units = ['A', 'B', 'C', 'P1', 'P2', 'Q'] as const;
    fc.assert(
      fc.property(
        mixedMarks,
        fc.constantFrom(...units),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (entries, unit, raise, control) => {
          const before = skillBlockResults(MIXED, marks(entries));
          const current = entries[unit];
          if (typeof current !== 'number') return;
          const raised = { ...entries, [unit]: Math.min(2000, current + raise) };
          const oral = [
            {
              testCode: 'C',
              kept: frac(Math.max(typeof entries.C === 'number' ? entries.C : 0, control), 100),
            },
          ];
          for (const after of [
            skillBlockResults(MIXED, marks(raised)),
            skillBlockResults(MIXED, marks(entries), typeof entries.C === 'number' ? oral : []),
          ])
            before.forEach((b, i) => {
              if (b.acquired) expect(after[i]?.acquired, b.block.code).toBe(true);
            });
        },
      ),
    );
  });
});
