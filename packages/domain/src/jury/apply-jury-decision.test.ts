import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyJuryDecision } from './apply-jury-decision.ts';
import { validateJuryDecision } from './validate-jury-decision.ts';

const decidedAt = new Date('2024-07-05T10:00:00.000Z');

describe('applyJuryDecision', () => {
  it.each([
    ['FAILED', 'ADMITTED', 'ADMITTED'],
    ['CONTROL_ALLOWED', 'ADMITTED', 'ADMITTED'],
    ['ADMITTED', 'FAILED', 'FAILED'],
    ['FAILED', 'CONTROL_ALLOWED', 'CONTROL_ALLOWED'],
  ] as const)(
    'computed %s, jury %s → %s, keeping the computed outcome',
    (computed, jury, shown) => {
      const result = applyJuryDecision(
        { outcome: computed, overall: 9 },
        { outcome: jury, reason: 'Délibération', decidedAt, decidedBy: 'pilote' },
      );
      expect(result.outcome).toBe(shown);
      expect(result.computedOutcome).toBe(computed);
      expect(result.juryDecision?.reason).toBe('Délibération');
      expect(result.overall).toBe(9);
    },
  );

  it('leaves the computed outcome alone without a decision', () => {
    fc.assert(
      fc.property(fc.constantFrom('ADMITTED', 'CONTROL_ALLOWED', 'FAILED'), (outcome) => {
        const result = applyJuryDecision({ outcome }, null);
        return result.outcome === outcome && result.juryDecision === null;
      }),
    );
  });

  it('always shows the jury’s outcome when there is one (the jury is sovereign)', () => {
    const outcomes = fc.constantFrom('ADMITTED', 'CONTROL_ALLOWED', 'FAILED');
    fc.assert(
      fc.property(outcomes, outcomes, (computed, jury) => {
        const result = applyJuryDecision(
          { outcome: computed },
          { outcome: jury, reason: 'x', decidedAt, decidedBy: 'p' },
        );
        return result.outcome === jury && result.computedOutcome === computed;
      }),
    );
  });
});

describe('validateJuryDecision', () => {
  it.each([
    ['FIRST_GROUP', 'CONTROL_ALLOWED', 'motif', true, null],
    ['FINAL', 'ADMITTED', '  motif  ', true, null],
    ['FINAL', 'CONTROL_ALLOWED', 'motif', false, 'OUTCOME_NOT_FOR_STAGE'],
    ['FIRST_GROUP', 'ADMITTED', '', false, 'REASON_REQUIRED'],
    ['FIRST_GROUP', 'ADMITTED', '   \n ', false, 'REASON_REQUIRED'],
    ['FIRST_GROUP', 'ADMITTED', 'x'.repeat(2001), false, 'REASON_TOO_LONG'],
    ['FIRST_GROUP', 'MAYBE', 'motif', false, 'OUTCOME_NOT_FOR_STAGE'],
  ] as const)('%s %s %j → ok %s (%s)', (stage, outcome, reason, ok, kind) => {
    const v = validateJuryDecision({ stage, outcome, reason });
    expect(v.ok).toBe(ok);
    if (v.ok) expect(v.reason).toBe(reason.trim());
    else expect(v.refusal.code).toBe(kind);
  });
});
