import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statedReason } from './stated-reason.ts';

describe('a stated reason', () => {
  it('is the text trimmed, refused when blank or longer than the limit in characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (text, max) => {
          const decision = statedReason(text, max);
          const trimmed = text.trim();
          const characters = [...new Intl.Segmenter('fr').segment(trimmed)].length;
          if (trimmed === '')
            expect(decision).toEqual({ ok: false, refusal: { code: 'REASON_REQUIRED' } });
          else if (characters > max)
            expect(decision).toEqual({
              ok: false,
              refusal: { code: 'REASON_TOO_LONG', maxLength: max },
            });
          else expect(decision).toEqual({ ok: true, reason: trimmed });
        },
      ),
    );
  });

  it('accepts exactly the limit and refuses one more', () => {
    expect(statedReason('ç'.repeat(3), 3)).toEqual({ ok: true, reason: 'ççç' });
    expect(statedReason('ç'.repeat(4), 3)).toMatchObject({ ok: false });
  });
});
