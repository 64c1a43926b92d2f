import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVERYTHING_PUBLISHED, NOTHING_PUBLISHED, publicationAt } from '../calendar/publication.ts';
import { calendar2024 } from '../calendar/session-2024.ts';
import {
  WITHHOLDING_REASON_MAX_LENGTH,
  heldBack,
  publicationUnlessWithheld,
  withholdingReason,
  withholdingRefusalText,
} from './withhold-result.ts';

const [FIRST] = calendar2024.batches;
if (FIRST === undefined) throw new Error('the 2024 calendar has batches');

describe('a result held back', () => {
  it.each([
    ['an empty reason', '', { ok: false, refusal: { code: 'REASON_REQUIRED' } }],
    ['blanks only', ' \n\t ', { ok: false, refusal: { code: 'REASON_REQUIRED' } }],
    ['a reason, trimmed', '  Enquête pour fraude  ', { ok: true, reason: 'Enquête pour fraude' }],
    [
      '500 accented letters',
      'é'.repeat(WITHHOLDING_REASON_MAX_LENGTH),
      { ok: true, reason: 'é'.repeat(500) },
    ],
    [
      '501 characters',
      'a'.repeat(501),
      { ok: false, refusal: { code: 'REASON_TOO_LONG', maxLength: 500 } },
    ],
  ] as const)('%s', (_label, reason, expected) => {
    expect(withholdingReason(reason)).toEqual(expected);
  });

  it('counts an emoji or a decomposed accent as one character', () => {
    expect(withholdingReason('👩‍⚖️'.repeat(500)).ok).toBe(true);
    expect(withholdingReason('e\u0301'.repeat(500)).ok).toBe(true);
  });

  it('words each refusal in French', () => {
    expect(withholdingRefusalText({ code: 'REASON_REQUIRED' })).toBe(
      'Indiquez le motif pour lequel le résultat est réservé.',
    );
    expect(withholdingRefusalText({ code: 'REASON_TOO_LONG', maxLength: 500 })).toBe(
      'Le motif dépasse 500 caractères : résumez-le.',
    );
  });

  it('publishes nothing while held, and what the calendar says once released', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2024-06-01T00:00:00Z'),
          max: new Date('2024-08-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...FIRST.specialtyCodes),
        (at, code) => {
          const publication = publicationAt(calendar2024, code, at);
          expect(publicationUnlessWithheld(publication, true)).toEqual(NOTHING_PUBLISHED);
          expect(publicationUnlessWithheld(publication, false)).toEqual(publication);
          // Told only once there is something the hold hides.
          expect(heldBack(publication, true)).toBe(publication.firstGroupResults);
          expect(heldBack(publication, false)).toBe(false);
        },
      ),
    );
  });

  it('is told from the first-group instant, not 1 ms before', () => {
    const at = FIRST.firstGroupResultsAt;
    const code = FIRST.specialtyCodes[0] ?? '';
    const before = publicationAt(calendar2024, code, new Date(at.getTime() - 1));
    expect(heldBack(before, true)).toBe(false);
    expect(heldBack(publicationAt(calendar2024, code, at), true)).toBe(true);
    expect(heldBack(EVERYTHING_PUBLISHED, true)).toBe(true);
  });
});
