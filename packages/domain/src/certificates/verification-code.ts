/**
 * The verification code printed on an attestation de réussite: whoever
 * holds the paper (an employer, a school) types it on the public page, which
 * says whether the attestation is genuine. 16 characters of Crockford's
 * base 32 (80 bits: not to be guessed), shown in groups of four; read back
 * forgiving what people do when they copy one (case, spaces, dashes, O for
 * 0, I or L for 1).
 */
export const VERIFICATION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 16;
/** Random bytes a code needs (16 × 5 bits). */
export const VERIFICATION_CODE_BYTES = 10;

/** The code of ten random bytes, canonical (no dashes). */
export function verificationCodeOf(bytes: Uint8Array): string {
  if (bytes.length !== VERIFICATION_CODE_BYTES)
    throw new RangeError(`a verification code takes ${String(VERIFICATION_CODE_BYTES)} bytes`);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = VERIFICATION_CODE_LENGTH - 1; i >= 0; i--)
    code += VERIFICATION_CODE_ALPHABET.charAt(Number((bits >> BigInt(i * 5)) & 31n));
  return code;
}

/** « ABCD-EFGH-JKMN-PQRS »: as printed. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

/** The canonical code typed by a person, or null when it cannot be one. */
export function readVerificationCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[OIL]/g, (c) => CONFUSABLE[c] ?? c);
  // Only ASCII letters and digits pass: any other character fails the pattern.
  return code.length === VERIFICATION_CODE_LENGTH && /^[0-9A-HJKMNP-TV-Z]+$/.test(code)
    ? code
    : null;
}
