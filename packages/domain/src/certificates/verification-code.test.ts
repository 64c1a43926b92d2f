import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  VERIFICATION_CODE_ALPHABET,
  formatVerificationCode,
  readVerificationCode,
  verificationCodeOf,
} from './verification-code.ts';

const tenBytes = fc.uint8Array({ minLength: 10, maxLength: 10 });

describe('an attestation’s verification code', () => {
  it('is 16 characters of the alphabet, different for different bytes', () => {
    expect(verificationCodeOf(new Uint8Array(10))).toBe('0000000000000000');
    expect(verificationCodeOf(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    fc.assert(
      fc.property(tenBytes, tenBytes, (a, b) => {
        const ca = verificationCodeOf(a);
        expect(ca).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
        expect(ca === verificationCodeOf(b)).toBe(a.every((x, i) => x === b[i]));
      }),
    );
  });

  it('is read back as printed, or as a person copies it', () => {
    fc.assert(
      fc.property(tenBytes, (bytes) => {
        const code = verificationCodeOf(bytes);
        expect(readVerificationCode(formatVerificationCode(code))).toBe(code);
        expect(readVerificationCode(` ${formatVerificationCode(code).toLowerCase()} `)).toBe(code);
      }),
    );
    expect(formatVerificationCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(readVerificationCode('abcd efgh jkmn pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(readVerificationCode('O0IL-0000-0000-0000')).toBe('0011000000000000');
  });

  it.each([
    ['too short', 'ABCD-EFGH-JKMN-PQR'],
    ['too long', 'ABCD-EFGH-JKMN-PQRST'],
    ['a letter not in the alphabet', 'ABCD-EFGH-JKMN-PQRU'],
    ['empty', ''],
    ['far too long', 'A'.repeat(65)],
  ])('is refused %s', (_label, input) => {
    expect(readVerificationCode(input)).toBeNull();
  });

  it('uses 32 distinct characters, none of I, L, O, U', () => {
    expect(new Set(VERIFICATION_CODE_ALPHABET).size).toBe(32);
    expect(VERIFICATION_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });
});
