import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JURY_MAX_MEMBERS,
  JURY_NAME_MAX_LENGTH,
  type JuryCompositionRefusal,
  juryComposition,
  juryCompositionRefusalText,
} from './jury-composition.ts';

const base = {
  year: 2024,
  president: 'M. Jean Dupont, IA-IPR',
  members: ['Mme Claire Martin', 'M. Paul Bernard'],
  deliberatedOn: '2024-07-05',
};

describe('a jury’s composition', () => {
  it('keeps the names as written, spaces tidied, and the day', () => {
    expect(
      juryComposition({
        ...base,
        president: '  M.  Jean   Dupont, IA-IPR ',
        members: [' Mme Claire Martin', 'M. Paul\tBernard  '],
        deliberatedOn: ' 2024-07-05 ',
      }),
    ).toEqual({
      ok: true,
      composition: {
        president: 'M. Jean Dupont, IA-IPR',
        members: ['Mme Claire Martin', 'M. Paul Bernard'],
        deliberatedOn: '2024-07-05',
      },
    });
  });

  it('accepts a jury of its president alone, and of the most members allowed', () => {
    expect(juryComposition({ ...base, members: [] }).ok).toBe(true);
    const many = Array.from({ length: JURY_MAX_MEMBERS }, (_, i) => `Membre ${String(i + 1)}`);
    expect(juryComposition({ ...base, members: many }).ok).toBe(true);
  });

  it.each<[string, Partial<typeof base>, JuryCompositionRefusal]>([
    ['no president', { president: '   ' }, { code: 'PRESIDENT_REQUIRED' }],
    [
      'an empty member',
      { members: ['Mme Martin', ' '] },
      { code: 'MEMBER_NAME_REQUIRED', position: 2 },
    ],
    [
      'one member too many',
      {
        members: Array.from({ length: JURY_MAX_MEMBERS + 1 }, (_, i) => `M${String(i)}`),
      },
      { code: 'TOO_MANY_MEMBERS', max: JURY_MAX_MEMBERS },
    ],
    [
      'a name over the limit',
      { members: ['x'.repeat(JURY_NAME_MAX_LENGTH + 1)] },
      { code: 'NAME_TOO_LONG', name: 'x'.repeat(121), maxLength: 120 },
    ],
    [
      'a member named twice, case and accents aside',
      { members: ['Mme Hélène Roy', 'MME HELENE ROY'] },
      { code: 'NAMED_TWICE', name: 'MME HELENE ROY' },
    ],
    [
      'the president among the members',
      { members: ['m. jean dupont, ia-ipr'] },
      { code: 'NAMED_TWICE', name: 'm. jean dupont, ia-ipr' },
    ],
    [
      'a day that does not exist',
      { deliberatedOn: '2024-02-30' },
      { code: 'DELIBERATION_DATE_INVALID', date: '2024-02-30' },
    ],
    [
      'a French-order date',
      { deliberatedOn: '05/07/2024' },
      { code: 'DELIBERATION_DATE_INVALID', date: '05/07/2024' },
    ],
    [
      'a day of another session',
      { deliberatedOn: '2023-07-05' },
      { code: 'DELIBERATION_OUTSIDE_SESSION', date: '2023-07-05', year: 2024 },
    ],
  ])('refuses %s', (_label, change, refusal) => {
    expect(juryComposition({ ...base, ...change })).toEqual({ ok: false, refusal });
  });

  it('counts a name’s length as a person does (an accented letter is one)', () => {
    const name = 'é'.repeat(JURY_NAME_MAX_LENGTH);
    expect(juryComposition({ ...base, president: name }).ok).toBe(true);
    expect(juryComposition({ ...base, president: 'e\u0301'.repeat(JURY_NAME_MAX_LENGTH) }).ok).toBe(
      true,
    );
  });

  it('words every refusal in French, naming what is wrong', () => {
    expect(juryCompositionRefusalText({ code: 'MEMBER_NAME_REQUIRED', position: 3 })).toContain(
      'n° 3',
    );
    expect(juryCompositionRefusalText({ code: 'NAMED_TWICE', name: 'Mme Roy' })).toContain(
      '« Mme Roy »',
    );
    expect(
      juryCompositionRefusalText({
        code: 'DELIBERATION_OUTSIDE_SESSION',
        date: '2023-07-05',
        year: 2024,
      }),
    ).toBe('La délibération du 2023-07-05 n’est pas de la session 2024.');
  });

  it('accepts every real day of the session’s year, and names no one twice once accepted', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2024-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 8 }),
        (day, members) => {
          const deliberatedOn = day.toISOString().slice(0, 10);
          const outcome = juryComposition({ ...base, members, deliberatedOn });
          if (!outcome.ok) {
            expect(outcome.refusal.code).not.toMatch(/^DELIBERATION/u);
            return;
          }
          const names = [outcome.composition.president, ...outcome.composition.members];
          const folded = names.map((n) => n.toLocaleLowerCase('fr').normalize('NFD'));
          expect(outcome.composition.deliberatedOn).toBe(deliberatedOn);
          expect(names.every((n) => n === n.trim() && n !== '')).toBe(true);
          expect(new Set(folded).size).toBe(names.length);
        },
      ),
    );
  });
});
