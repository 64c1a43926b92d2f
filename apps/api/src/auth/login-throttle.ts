/**
 * Log-in throttling policy: per identifier (guessing one account's
 * password) and per client address (spraying many accounts). A lock is
 * always temporary, so an attacker cannot lock a candidate out for good on
 * results day.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerIdentifier: 5,
  maxFailuresPerAddress: 30,
} as const;

export function identifierKey(identifier: string): string {
  return `id:${identifier.trim().toLowerCase()}`;
}

export function addressKey(address: string): string {
  return `ip:${address}`;
}

export function limitFor(key: string): number {
  return key.startsWith('ip:') ? THROTTLE.maxFailuresPerAddress : THROTTLE.maxFailuresPerIdentifier;
}

/** The latest instant until which any of the records locks log-in, if still in the future. */
export function lockedUntil(
  records: readonly { readonly lockedUntil: Date | null }[],
  at: Date,
): Date | null {
  let latest: Date | null = null;
  for (const r of records) {
    if (r.lockedUntil !== null && r.lockedUntil > at && (latest === null || r.lockedUntil > latest))
      latest = r.lockedUntil;
  }
  return latest;
}
