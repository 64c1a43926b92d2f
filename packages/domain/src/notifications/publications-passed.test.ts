import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExamSessionCalendar } from '../calendar/exam-session-calendar.ts';
import { parisWallTimeToInstant } from '../calendar/paris-time.ts';
import { publicationAt } from '../calendar/publication.ts';
import { calendar2024 } from '../calendar/session-2024.ts';
import { publicationsPassed } from './publications-passed.ts';

const cal = calendar2024;
const paris = (wall: string, deltaMs = 0) =>
  new Date(parisWallTimeToInstant(wall).getTime() + deltaMs);
const names = (at: Date, calendar = cal) =>
  publicationsPassed(calendar, at).map((p) => (p.kind === 'FIRST_GROUP' ? p.batchId : 'SECOND'));

describe('publicationsPassed', () => {
  it.each<[string, Date, string[]]>([
    ['1 ms before batch A', paris('2024-06-28T10:00', -1), []],
    ['at batch A', paris('2024-06-28T10:00'), ['A']],
    ['1 ms before batch B', paris('2024-07-01T19:00', -1), ['A']],
    ['at batch B', paris('2024-07-01T19:00'), ['A', 'B']],
    ['1 ms before the second group', paris('2024-07-10T16:30', -1), ['A', 'B']],
    ['at the second group', paris('2024-07-10T16:30'), ['A', 'B', 'SECOND']],
  ])('%s', (_, at, expected) => {
    expect(names(at)).toEqual(expected);
  });

  it('names the specialties and instant of a batch', () => {
    expect(publicationsPassed(cal, paris('2024-06-29T00:00'))).toEqual([
      {
        kind: 'FIRST_GROUP',
        batchId: 'A',
        specialtyCodes: ['MCO', 'NDRC'],
        publishedAt: paris('2024-06-28T10:00'),
      },
    ]);
  });

  // One rule: a notice goes out exactly when the embargo (publicationAt) lets the results be seen.
  it('agrees with publicationAt at any instant of the session', () => {
    const from = paris('2024-06-27T00:00').getTime();
    const to = paris('2024-07-12T00:00').getTime();
    const instants = [
      ...cal.batches.map((b) => b.firstGroupResultsAt.getTime()),
      cal.secondGroupResultsAt.getTime(),
    ];
    const near = fc
      .tuple(fc.constantFrom(...instants), fc.integer({ min: -2, max: 2 }))
      .map(([t, d]) => t + d);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: from, max: to }), near), (t) => {
        const at = new Date(t);
        const passed = publicationsPassed(cal, at);
        const specialties = cal.batches.flatMap((b) => b.specialtyCodes);
        const noticed = passed.flatMap((p) => (p.kind === 'FIRST_GROUP' ? p.specialtyCodes : []));
        expect(new Set(noticed)).toEqual(
          new Set(specialties.filter((code) => publicationAt(cal, code, at).firstGroupResults)),
        );
        expect(passed.some((p) => p.kind === 'SECOND_GROUP')).toBe(
          specialties.every((code) => publicationAt(cal, code, at).finalResults),
        );
      }),
    );
  });

  it('announces the second group only once every specialty’s final results are public', () => {
    // A calendar no builder accepts (second group before batch B's first group), to tell the
    // embargo rule from a bare comparison of instants.
    const odd: ExamSessionCalendar = { ...cal, secondGroupResultsAt: paris('2024-06-30T12:00') };
    expect(publicationsPassed(odd, paris('2024-06-30T12:00')).map((p) => p.kind)).toEqual([
      'FIRST_GROUP',
    ]);
    expect(names(paris('2024-07-01T19:00'), odd)).toEqual(['A', 'SECOND', 'B']);
  });
});
