import {
  type CandidateMarks,
  type ExamStructure,
  MCO_STRUCTURE,
  NATIONAL_RULES,
  NDRC_STRUCTURE,
  decidedFirstGroup,
} from '@rattrapage/domain';
import { describe, expect, it } from 'vitest';
import { type CandidateBasis, firstGroupDecisionOf } from './candidate-results.ts';

const mark = (hundredths: number) => ({ status: 'MARK' as const, hundredths });

/** What the decision reads of a basis; the rest is the request's. */
function basis(
  marks: CandidateMarks,
  structure: ExamStructure = MCO_STRUCTURE,
  policy = NATIONAL_RULES,
  jury: CandidateBasis['jury']['firstGroup'] = null,
): CandidateBasis {
  return {
    marks,
    specialty: { structure },
    reference: { policy },
    jury: { firstGroup: jury, final: null },
  } as unknown as CandidateBasis;
}

// 8,74 overall, 10,50 professional: allowed to the control (the demo's candidate).
const allowed: CandidateMarks = new Map([
  ['E1', mark(594)],
  ['E2', mark(627)],
  ['E3', mark(700)],
  ['E4', mark(1075)],
  ['E5', mark(1050)],
  ['E6', mark(1000)],
]);

describe('the first group decided once per loaded marks', () => {
  it('gives the domain’s decision, the same one to every field that asks for the same marks', () => {
    const first = firstGroupDecisionOf(basis(allowed));
    expect(first).toEqual(decidedFirstGroup(MCO_STRUCTURE, allowed, NATIONAL_RULES, null));
    expect(first?.outcome).toBe('CONTROL_ALLOWED');
    expect(firstGroupDecisionOf(basis(allowed))).toBe(first);
  });

  it('decides again when the jury decision, the rules or the structure differ', () => {
    const computed = firstGroupDecisionOf(basis(allowed));
    const jury = {
      outcome: 'ADMITTED' as const,
      reason: 'Délibération du jury',
      decidedAt: new Date('2024-07-01T08:00:00Z'),
      decidedBy: 'academie.pilote',
    };
    expect(firstGroupDecisionOf(basis(allowed, MCO_STRUCTURE, NATIONAL_RULES, jury))).toMatchObject(
      { outcome: 'ADMITTED', computedOutcome: 'CONTROL_ALLOWED', juryDecision: jury },
    );
    // Stricter rules: 8,74 is no longer enough to be allowed to the control.
    const stricter = {
      ...NATIONAL_RULES,
      thresholds: { ...NATIONAL_RULES.thresholds, controlHundredths: 900 },
    };
    expect(firstGroupDecisionOf(basis(allowed, MCO_STRUCTURE, stricter))?.outcome).toBe('FAILED');
    // Back to the first inputs: the decision is theirs again, not the last one's.
    expect(firstGroupDecisionOf(basis(allowed))).toEqual(computed);
  });

  it('keeps apart specialties whose candidates share one marks object (those without marks do)', () => {
    const mco = firstGroupDecisionOf(basis(allowed, MCO_STRUCTURE));
    const ndrc = firstGroupDecisionOf(basis(allowed, NDRC_STRUCTURE));
    expect(ndrc).toEqual(decidedFirstGroup(NDRC_STRUCTURE, allowed, NATIONAL_RULES, null));
    expect(ndrc?.overallAverage).not.toEqual(mco?.overallAverage);
    expect(firstGroupDecisionOf(basis(allowed, MCO_STRUCTURE))).toEqual(mco);
    const none: CandidateMarks = new Map();
    expect(firstGroupDecisionOf(basis(none, MCO_STRUCTURE))).toBeNull();
  });
});
