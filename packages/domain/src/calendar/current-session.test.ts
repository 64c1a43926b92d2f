import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from './exam-session-calendar.ts';
import { CALENDAR_2024_DATA, calendar2024 } from './session-2024.ts';
import { currentSessionYear, sessionStartsAt } from './current-session.ts';

/** The 2024 calendar moved one year on, every wall time included (a fictitious 2025). */
const calendar2025 = buildCalendar({
  year: 2025,
  batches: CALENDAR_2024_DATA.batches.map((b) => ({
    ...b,
    firstGroupResultsAt: b.firstGroupResultsAt.replace('2024-', '2025-'),
    choiceWindow: {
      opensAt: b.choiceWindow.opensAt.replace('2024-', '2025-'),
      closesAt: b.choiceWindow.closesAt.replace('2024-', '2025-'),
    },
  })),
  oralDays: CALENDAR_2024_DATA.oralDays.map((d) => ({
    ...d,
    date: d.date.replace('2024-', '2025-'),
  })),
  secondGroupResultsAt: CALENDAR_2024_DATA.secondGroupResultsAt.replace('2024-', '2025-'),
});
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe('currentSessionYear', () => {
  const start2024 = sessionStartsAt(calendar2024);
  const end2024 = calendar2024.secondGroupResultsAt;
  const start2025 = sessionStartsAt(calendar2025);

  it('starts a session at its first publication', () => {
    expect(start2024).toEqual(new Date('2024-06-28T08:00:00.000Z'));
    expect(calendar2025.year).toBe(2025);
  });

  it.each([
    ['no session', [], new Date('2024-07-01T00:00:00.000Z'), null],
    ['one session, long before it', [calendar2024], new Date('2020-01-01T00:00:00.000Z'), 2024],
    ['two sessions, inside 2024', [calendar2025, calendar2024], start2024, 2024],
    ['two sessions, at 2024’s last instant', [calendar2025, calendar2024], end2024, 2024],
    ['two sessions, 1 ms after 2024', [calendar2024, calendar2025], ms(end2024, 1), 2025],
    ['two sessions, 1 ms before 2025', [calendar2024, calendar2025], ms(start2025, -1), 2025],
    ['two sessions, inside 2025', [calendar2024, calendar2025], ms(start2025, 1), 2025],
    ['only 2024, after it', [calendar2024], ms(end2024, 86_400_000), 2024],
  ] as const)('%s → %s', (_label, calendars, at, year) => {
    expect(currentSessionYear(calendars, at)).toBe(year);
  });

  it('always names a defined session, and the one containing the instant when there is one', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2023-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
        (at) => {
          const year = currentSessionYear([calendar2024, calendar2025], at);
          expect([2024, 2025]).toContain(year);
          const inside2024 = start2024 <= at && at <= end2024;
          if (inside2024) expect(year).toBe(2024);
          else expect(year).toBe(2025);
        },
      ),
    );
  });
});
