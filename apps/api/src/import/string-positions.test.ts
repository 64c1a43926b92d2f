import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringPositions } from './string-positions.ts';

describe('StringPositions', () => {
  it('finds every key it was given at the position it was added, and no other key', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 2_000 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 50 }),
        (keys, others) => {
          const positions = new StringPositions();
          keys.forEach((key, i) => {
            expect(positions.add(key)).toBe(i);
          });
          expect(positions.size).toBe(keys.length);
          keys.forEach((key, i) => {
            expect(positions.positionOf(key)).toBe(i);
          });
          for (const other of others)
            expect(positions.positionOf(other)).toBe(
              keys.includes(other) ? keys.indexOf(other) : undefined,
            );
        },
      ),
    );
  });

  it('gives a key added again its first position, and grows past the size it was given', () => {
    const positions = new StringPositions(1_000, 4);
    const numbers = Array.from({ length: 50_000 }, (_, i) => `I${String(i).padStart(7, '0')}`);
    for (const n of numbers) positions.add(n);
    expect(positions.add('I0000042')).toBe(42);
    expect(positions.size).toBe(50_000);
    expect(positions.positionOf('I0049999')).toBe(49_999);
    expect(positions.positionOf('I0050000')).toBeUndefined();
    // Same code units in another order, a prefix, the empty string, a surrogate pair.
    expect(positions.positionOf('0000042I')).toBeUndefined();
    expect(positions.positionOf('I000004')).toBeUndefined();
    expect(positions.add('')).toBe(50_000);
    expect(positions.add('\u{1F600}')).toBe(50_001);
    expect(positions.positionOf('\u{1F600}')).toBe(50_001);
    expect(positions.positionOf('')).toBe(50_000);
  });
});
