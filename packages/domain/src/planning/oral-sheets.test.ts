import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parisDateOf } from '../calendar/paris-time.ts';
import {
  MARK_SLIP_IMPORT_COLUMNS,
  type SheetOral,
  markSlipTable,
  markSlips,
  signInSheets,
} from './oral-sheets.ts';

const at = (iso: string) => new Date(iso);
function oral(over: Partial<SheetOral>): SheetOral {
  return {
    number: '02419000001',
    lastName: 'André',
    firstName: 'Océane',
    testCode: 'E1',
    testName: 'Culture générale et expression',
    preparationStartsAt: at('2024-07-04T06:00:00Z'),
    startsAt: at('2024-07-04T06:30:00Z'),
    endsAt: at('2024-07-04T06:50:00Z'),
    room: 'Salle 101',
    examiner: 'M. Martin',
    accommodation: null,
    ...over,
  };
}

describe('sign-in sheets and mark slips', () => {
  it('group by Paris day and room, or day and examiner, in the order the orals are held', () => {
    const orals = [
      oral({ number: '3', startsAt: at('2024-07-04T08:00:00Z'), room: 'Salle 102' }),
      oral({ number: '1', startsAt: at('2024-07-04T07:00:00Z') }),
      oral({ number: '2', startsAt: at('2024-07-04T06:30:00Z'), examiner: 'Mme Durand' }),
      // 23:30 UTC on the 4th is the 5th in Paris (summer time).
      oral({ number: '4', startsAt: at('2024-07-04T23:30:00Z') }),
    ];
    expect(
      signInSheets(orals).map((s) => [s.day, s.heading, s.orals.map((o) => o.number)]),
    ).toEqual([
      ['2024-07-04', 'Salle 101', ['2', '1']],
      ['2024-07-04', 'Salle 102', ['3']],
      ['2024-07-05', 'Salle 101', ['4']],
    ]);
    expect(markSlips(orals).map((s) => [s.day, s.heading, s.orals.map((o) => o.number)])).toEqual([
      ['2024-07-04', 'M. Martin', ['1', '3']],
      ['2024-07-04', 'Mme Durand', ['2']],
      ['2024-07-05', 'M. Martin', ['4']],
    ]);
  });

  it('orders rooms as people number them (Salle 2 before Salle 10)', () => {
    const sheets = signInSheets([
      oral({ room: 'Salle 10' }),
      oral({ number: '2', room: 'Salle 2' }),
    ]);
    expect(sheets.map((s) => s.heading)).toEqual(['Salle 2', 'Salle 10']);
  });

  it('put every oral on exactly one sheet and one slip, with its own day and heading', () => {
    const arbitraryOral = fc
      .record({
        number: fc.stringMatching(/^[0-9]{3}$/),
        testCode: fc.constantFrom('E1', 'E2', 'E3'),
        minutes: fc.integer({ min: 0, max: 60 * 24 * 5 }),
        room: fc.option(fc.constantFrom('Salle 1', 'Salle 2', 'Salle 10')),
        examiner: fc.option(fc.constantFrom('M. A', 'Mme B')),
      })
      .map((r) =>
        oral({
          number: r.number,
          testCode: r.testCode,
          startsAt: new Date(Date.UTC(2024, 6, 3) + r.minutes * 60_000),
          room: r.room,
          examiner: r.examiner,
        }),
      );
    fc.assert(
      fc.property(fc.array(arbitraryOral, { maxLength: 40 }), (orals) => {
        for (const [sheets, heading] of [
          [signInSheets(orals), (o: SheetOral) => o.room],
          [markSlips(orals), (o: SheetOral) => o.examiner],
        ] as const) {
          expect(sheets.flatMap((s) => s.orals)).toHaveLength(orals.length);
          expect(new Set(sheets.flatMap((s) => s.orals))).toEqual(new Set(orals));
          for (const sheet of sheets)
            for (const [i, o] of sheet.orals.entries()) {
              expect(parisDateOf(o.startsAt)).toBe(sheet.day);
              expect(heading(o)).toBe(sheet.heading);
              const next = sheet.orals[i + 1];
              if (next !== undefined)
                expect(o.startsAt.getTime()).toBeLessThanOrEqual(next.startsAt.getTime());
            }
          const days = sheets.map((s) => s.day);
          expect(days).toEqual([...days].sort());
        }
      }),
    );
  });

  it('writes the slip with the import’s columns first and the mark left empty', () => {
    const table = markSlipTable(markSlips([oral({}), oral({ testCode: 'E3', number: '2' })]));
    expect(table.header.slice(0, 3)).toEqual([...MARK_SLIP_IMPORT_COLUMNS]);
    expect(table.header).toEqual([
      'number',
      'test',
      'mark',
      'last_name',
      'first_name',
      'day',
      'starts_at',
      'room',
      'examiner',
    ]);
    // 06:30Z is 08:30 in Paris in July.
    expect(table.rows[0]).toEqual([
      '02419000001',
      'E1',
      '',
      'André',
      'Océane',
      '2024-07-04',
      '08:30',
      'Salle 101',
      'M. Martin',
    ]);
    expect(table.rows).toHaveLength(2);
  });
});
