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
  /**
   * Growing delays per identifier before the lock (ANSSI, R23 « délai
   * d'attente croissant »): after the 3rd failure within the window each
   * further failure doubles a short wait, 1 s, 2 s, 4 s… capped at a minute.
   */
  delayAfterFailures: 3,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  /** Reset links requested per identifier (each may send an e-mail), and per address. */
  maxResetRequestsPerIdentifier: 3,
  maxResetAttemptsPerAddress: 30,
} as const;

export function identifierKey(identifier: string): string {
  return `id:${identifier.trim().toLowerCase()}`;
}

export function addressKey(address: string): string {
  return `ip:${address}`;
}

export function resetIdentifierKey(identifier: string): string {
  return `reset:${identifierKey(identifier)}`;
}

export function resetAddressKey(address: string): string {
  return `reset:${addressKey(address)}`;
}

/** Whether failures under `key` wait growing delays before the lock: an account's, not an address's. */
export function delayGrowsFor(key: string): boolean {
  return key.startsWith('id:');
}

export function limitFor(key: string): number {
  if (key.startsWith('reset:id:')) return THROTTLE.maxResetRequestsPerIdentifier;
  if (key.startsWith('reset:ip:')) return THROTTLE.maxResetAttemptsPerAddress;
  return key.startsWith('ip:') ? THROTTLE.maxFailuresPerAddress : THROTTLE.maxFailuresPerIdentifier;
}

/** The wait after `failures` failures under the lock limit: 0 ms before the 3rd, then 1 s, 2 s, 4 s… */
export function growingDelayMs(failures: number): number {
  if (failures < THROTTLE.delayAfterFailures) return 0;
  const doublings = Math.min(failures - THROTTLE.delayAfterFailures, 30);
  return Math.min(THROTTLE.firstDelayMs * 2 ** doublings, THROTTLE.maxDelayMs);
}

/** Until when log-in waits after `failures` failures; null when it need not wait. */
export function growingDelayUntil(failures: number, at: Date): Date | null {
  const ms = growingDelayMs(failures);
  return ms === 0 ? null : new Date(at.getTime() + ms);
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
