import { describe, expect, it } from 'vitest';
import { publicationAt, specialtiesPublishedAt } from './publication.ts';
import { calendar2024 } from './session-2024.ts';

const ms = (iso: string, delta = 0) => new Date(new Date(iso).getTime() + delta);
// Batch A (MCO, NDRC) 28 June 10:00 Paris; batch B (SIO) 1 July 19:00; final 10 July 16:30.
const A = '2024-06-28T08:00:00.000Z';
const B = '2024-07-01T17:00:00.000Z';
const FINAL = '2024-07-10T14:30:00.000Z';

describe('publicationAt', () => {
  it.each([
    ['MCO', ms(A, -1), false, false],
    ['MCO', ms(A), true, false],
    ['SIO', ms(A), false, false],
    ['SIO', ms(B, -1), false, false],
    ['SIO', ms(B), true, false],
    ['SIO', ms(FINAL, -1), true, false],
    ['SIO', ms(FINAL), true, true],
    ['NDRC', ms(FINAL), true, true],
  ] as const)('%s at %s: first group %s, final %s', (code, at, first, final) => {
    const p = publicationAt(calendar2024, code, at);
    expect(p.firstGroupResults).toBe(first);
    // Convocations are shown in the candidate space once the first-group results are.
    expect(p.convocations).toBe(first);
    expect(p.finalResults).toBe(final);
  });

  it('never publishes a final result before the first group’s', () => {
    for (const code of ['MCO', 'NDRC', 'SIO'])
      for (const at of [ms(A, -1), ms(A), ms(B, -1), ms(B), ms(FINAL, -1), ms(FINAL)]) {
        const p = publicationAt(calendar2024, code, at);
        if (p.finalResults) expect(p.firstGroupResults).toBe(true);
      }
  });
});

describe('specialtiesPublishedAt', () => {
  it.each([
    [ms(A, -1), []],
    [ms(A), ['MCO', 'NDRC']],
    [ms(B), ['MCO', 'NDRC', 'SIO']],
  ] as const)('at %s: %j', (at, codes) => {
    expect(specialtiesPublishedAt(calendar2024, at).sort()).toEqual([...codes].sort());
  });

  it('lists final results only from the second-group instant', () => {
    expect(specialtiesPublishedAt(calendar2024, ms(FINAL, -1), 'finalResults')).toEqual([]);
    expect(specialtiesPublishedAt(calendar2024, ms(FINAL), 'finalResults').sort()).toEqual([
      'MCO',
      'NDRC',
      'SIO',
    ]);
  });
});
