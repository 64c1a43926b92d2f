import { hash, randomBytes } from 'node:crypto';

/** What a token's prefix says it is: a log-in session, an académie API token, a password reset link. */
export const TOKEN_PREFIXES = { session: 'rs', apiToken: 'rat', passwordReset: 'rp' } as const;

/**
 * Which table a bearer token can be in, from its prefix; null for anything
 * this API never issued (then no table is read at all).
 */
export function bearerKind(token: string): 'session' | 'apiToken' | null {
  if (token.startsWith(`${TOKEN_PREFIXES.session}_`)) return 'session';
  if (token.startsWith(`${TOKEN_PREFIXES.apiToken}_`)) return 'apiToken';
  return null;
}

/** 256 random bits, URL-safe. Only its SHA-256 is ever stored. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): Buffer {
  // One-shot: every authenticated request hashes its token, and a Hash
  // object per call cost more than the digest itself (profile of reads).
  return hash('sha256', token, 'buffer');
}
