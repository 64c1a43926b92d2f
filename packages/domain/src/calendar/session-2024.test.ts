import { describe, it, expect, afterEach } from 'vitest';
import { buildCalendar } from './exam-session-calendar.ts';
import { formatParisDateTime } from './format-fr.ts';
import { instantToParisWallTime, parisDateOf, parisWallTimeToInstant } from './paris-time.ts';
import {
  choiceWindow,
  firstGroupResultsAt,
  isWindowOpen,
  oralDayFor,
  phaseAt,
  windowState,
} from './phase.ts';
import { CALENDAR_2024_DATA, calendar2024 } from './session-2024.ts';

const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe('the 2024 session (seed document)', () => {
  it('has its instants in UTC, Paris being UTC+2 in summer', () => {
    const a = choiceWindow(calendar2024, 'MCO');
    const b = choiceWindow(calendar2024, 'SIO');
    expect(a.opensAt.toISOString()).toBe('2024-06-28T08:00:00.000Z');
    expect(a.closesAt.toISOString()).toBe('2024-07-01T08:00:00.000Z');
    expect(b.opensAt.toISOString()).toBe('2024-07-01T17:00:00.000Z');
    expect(b.closesAt.toISOString()).toBe('2024-07-02T15:00:00.000Z');
    expect(firstGroupResultsAt(calendar2024, 'NDRC').toISOString()).toBe(
      '2024-06-28T08:00:00.000Z',
    );
    expect(firstGroupResultsAt(calendar2024, 'SIO').toISOString()).toBe('2024-07-01T17:00:00.000Z');
    expect(calendar2024.secondGroupResultsAt.toISOString()).toBe('2024-07-10T14:30:00.000Z');
  });

  it('puts MCO and NDRC in batch A and SIO in batch B, labelled as demo data', () => {
    expect(calendar2024.batches.map((b) => [b.id, [...b.specialtyCodes]])).toEqual([
      ['A', ['MCO', 'NDRC']],
      ['B', ['SIO']],
    ]);
    for (const batch of calendar2024.batches) expect(batch.label).toMatch(/démo/);
  });

  it.each([
    ['batch A', 'MCO'],
    ['batch B', 'SIO'],
  ])('%s: the window is half-open, exact to the millisecond', (_batch, specialty) => {
    const w = choiceWindow(calendar2024, specialty);
    expect(isWindowOpen(w, ms(w.opensAt, -1))).toBe(false);
    expect(windowState(w, ms(w.opensAt, -1))).toBe('NOT_OPEN');
    expect(isWindowOpen(w, w.opensAt)).toBe(true);
    expect(windowState(w, w.opensAt)).toBe('OPEN');
    expect(isWindowOpen(w, ms(w.closesAt, -1))).toBe(true);
    expect(isWindowOpen(w, w.closesAt)).toBe(false);
    expect(windowState(w, w.closesAt)).toBe('CLOSED');
  });

  it('batch A window edges, as explicit UTC instants', () => {
    const w = choiceWindow(calendar2024, 'MCO');
    expect(isWindowOpen(w, new Date('2024-06-28T07:59:59.999Z'))).toBe(false);
    expect(isWindowOpen(w, new Date('2024-06-28T08:00:00.000Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2024-07-01T07:59:59.999Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2024-07-01T08:00:00.000Z'))).toBe(false);
  });

  it('batch B window edges, as explicit UTC instants', () => {
    const w = choiceWindow(calendar2024, 'SIO');
    expect(isWindowOpen(w, new Date('2024-07-01T16:59:59.999Z'))).toBe(false);
    expect(isWindowOpen(w, new Date('2024-07-01T17:00:00.000Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2024-07-02T14:59:59.999Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2024-07-02T15:00:00.000Z'))).toBe(false);
  });

  it('has oral days on 3 or 4 July only', () => {
    const days = new Set(calendar2024.oralDays.map((r) => r.date));
    expect([...days].sort()).toEqual(['2024-07-03', '2024-07-04']);
  });
});

describe('independence from the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  function snapshot() {
    const cal = buildCalendar(CALENDAR_2024_DATA);
    const probe = new Date('2024-06-30T22:30:00.000Z');
    return {
      opensAt: choiceWindow(cal, 'MCO').opensAt.toISOString(),
      closesAt: choiceWindow(cal, 'SIO').closesAt.toISOString(),
      wall: instantToParisWallTime(probe),
      day: parisDateOf(probe),
      text: formatParisDateTime(probe),
      instant: parisWallTimeToInstant('2024-07-10T16:30').toISOString(),
      phase: phaseAt(cal, 'MCO', new Date('2024-07-02T22:00:00.000Z')),
      oralDay: oralDayFor(cal, 'MCO', '24'),
    };
  }

  const expected = {
    opensAt: '2024-06-28T08:00:00.000Z',
    closesAt: '2024-07-02T15:00:00.000Z',
    wall: '2024-07-01T00:30',
    day: '2024-07-01',
    text: 'lundi 1er juillet 2024 à 0 h 30',
    instant: '2024-07-10T14:30:00.000Z',
    phase: 'ORALS',
    oralDay: '2024-07-04',
  };

  it('runs the suite under a non-Paris zone (shared test config)', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(snapshot()).toEqual(expected);
  });

  it.each(['Pacific/Chatham', 'UTC', 'Asia/Kolkata'])(
    'gives the same results under TZ=%s',
    (tz) => {
      process.env.TZ = tz;
      // The switch is real: the process's local offset did change.
      const localOffset = new Date('2024-07-01T00:00:00.000Z').getTimezoneOffset();
      expect(localOffset).toBe({ 'Pacific/Chatham': -765, UTC: 0, 'Asia/Kolkata': -330 }[tz]);
      expect(snapshot()).toEqual(expected);
    },
  );
});
