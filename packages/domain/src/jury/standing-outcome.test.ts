import { describe, expect, it } from 'vitest';
import { type DecidedFinal, type DecidedFirstGroup, standingOutcome } from './decided-outcome.ts';

const first = (outcome: DecidedFirstGroup['outcome']) => ({ outcome }) as DecidedFirstGroup;
const final = (outcome: DecidedFinal['outcome']) => ({ outcome }) as DecidedFinal;

describe('the standing outcome', () => {
  it.each([
    ['nothing published', null, null, null],
    ['the first group alone', first('ADMITTED'), null, 'ADMITTED'],
    ['allowed to the control, before the final', first('CONTROL_ALLOWED'), null, 'CONTROL_ALLOWED'],
    ['the final over the first group', first('CONTROL_ALLOWED'), final('FAILED'), 'FAILED'],
    [
      'the final, admitted after the control',
      first('CONTROL_ALLOWED'),
      final('ADMITTED'),
      'ADMITTED',
    ],
  ] as const)('%s', (_label, f, g, expected) => {
    expect(standingOutcome(f, g)).toBe(expected);
  });
});
