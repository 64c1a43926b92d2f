import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parisWallTimeToInstant } from '../calendar/paris-time.ts';
import { choiceWindow } from '../calendar/phase.ts';
import { calendar2024 } from '../calendar/session-2024.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import {
  WINDOW_REMINDER_LEAD_MS,
  isWindowReminderDue,
  windowReminderFrom,
} from './window-reminder.ts';

const cal = calendar2024;
const A = choiceWindow(cal, 'MCO'); // 28 June 10:00 → 1 July 10:00 Paris
const B = choiceWindow(cal, 'SIO'); // 1 July 19:00 → 2 July 17:00 Paris (22 h)
const paris = (wall: string, deltaMs = 0) =>
  new Date(parisWallTimeToInstant(wall).getTime() + deltaMs);
const waiting = { firstGroupOutcome: 'CONTROL_ALLOWED', hasChoice: false } as const;

describe('isWindowReminderDue', () => {
  it.each<[string, FirstGroupOutcome | null, boolean, Date, boolean]>([
    ['25 h before closing', 'CONTROL_ALLOWED', false, paris('2024-06-30T09:00'), false],
    [
      '24 h before closing, to the millisecond',
      'CONTROL_ALLOWED',
      false,
      paris('2024-06-30T10:00'),
      true,
    ],
    ['1 ms before 24 h', 'CONTROL_ALLOWED', false, paris('2024-06-30T10:00', -1), false],
    ['1 ms before closing', 'CONTROL_ALLOWED', false, paris('2024-07-01T10:00', -1), true],
    ['at closing (half-open window)', 'CONTROL_ALLOWED', false, paris('2024-07-01T10:00'), false],
    ['with a choice', 'CONTROL_ALLOWED', true, paris('2024-07-01T09:00'), false],
    ['admitted', 'ADMITTED', false, paris('2024-07-01T09:00'), false],
    ['failed', 'FAILED', false, paris('2024-07-01T09:00'), false],
    ['outcome unknown (missing mark)', null, false, paris('2024-07-01T09:00'), false],
  ])('batch A, %s', (_, outcome, hasChoice, at, due) => {
    expect(isWindowReminderDue({ firstGroupOutcome: outcome, hasChoice }, A, at)).toBe(due);
  });

  it('a window shorter than 24 h is due from its opening, never before', () => {
    expect(windowReminderFrom(B)).toEqual(B.opensAt);
    expect(isWindowReminderDue(waiting, B, new Date(B.opensAt.getTime() - 1))).toBe(false);
    expect(isWindowReminderDue(waiting, B, B.opensAt)).toBe(true);
  });

  it('is due exactly on [max(opening, closing − 24 h), closing)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5 * WINDOW_REMINDER_LEAD_MS, max: 5 * WINDOW_REMINDER_LEAD_MS }),
        fc.constantFrom(A, B),
        (offset, w) => {
          const at = new Date(w.closesAt.getTime() + offset);
          const expected =
            at.getTime() < w.closesAt.getTime() &&
            at.getTime() >= w.opensAt.getTime() &&
            w.closesAt.getTime() - at.getTime() <= WINDOW_REMINDER_LEAD_MS;
          expect(isWindowReminderDue(waiting, w, at)).toBe(expected);
        },
      ),
    );
  });
});
