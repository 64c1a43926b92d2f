const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/**
 * The time left until `deadline`, in plain French, rounded down (never
 * promises more time than there is): « 2 jours et 3 heures »,
 * « 5 heures et 12 minutes », « 7 minutes », « moins d’une minute ».
 * Null once the deadline has passed.
 */
export function remainingTimeFr(now: Date, deadline: Date): string | null {
  const left = deadline.getTime() - now.getTime();
  if (!(left > 0)) return null;
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const join = (a: string, b: string | null) => (b === null ? a : `${a} et ${b}`);
  if (days > 0)
    return join(plural(days, 'jour', 'jours'), hours > 0 ? plural(hours, 'heure', 'heures') : null);
  if (hours > 0)
    return join(
      plural(hours, 'heure', 'heures'),
      minutes > 0 ? plural(minutes, 'minute', 'minutes') : null,
    );
  if (minutes > 0) return plural(minutes, 'minute', 'minutes');
  return 'moins d’une minute';
}
