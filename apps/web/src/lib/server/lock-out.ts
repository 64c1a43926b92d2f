import { formatParisDateTime } from '@rattrapage/domain';

/**
 * When a lock-out ends, in words: « jeudi 3 décembre 2026 à 9 h 27 (heure de
 * Paris) ». The API locks on the real clock (never the demo clock, which only
 * moves the exam calendar), so the date is always said: in a demo it differs
 * from the simulated date of the banner.
 */
export function lockOutEnd(retryAfter: string): string {
  return `${formatParisDateTime(new Date(retryAfter))} (heure de Paris)`;
}
