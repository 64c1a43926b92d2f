/**
 * The server's clock, injectable so that windows and embargoes can be tested
 * at exact instants. A demo clock starts at a chosen instant and then runs
 * forward with real time, so the 2024 calendar can be lived through.
 */
export interface Clock {
  now(): Date;
  readonly demo: boolean;
}

export const systemClock: Clock = { now: () => new Date(), demo: false };

export interface DemoClock extends Clock {
  /** Moves the simulated time to `at`; it keeps running from there. */
  set(at: Date): void;
}

export function demoClock(start: Date, realNow: () => number = Date.now): DemoClock {
  let offset = start.getTime() - realNow();
  return {
    demo: true,
    now: () => new Date(realNow() + offset),
    set(at: Date) {
      offset = at.getTime() - realNow();
    },
  };
}

/** A clock that stands still until told otherwise: for tests. */
export function fixedClock(at: Date): DemoClock {
  let current = at;
  return {
    demo: true,
    now: () => current,
    set(next: Date) {
      current = next;
    },
  };
}

export function isDemoClock(clock: Clock): clock is DemoClock {
  return clock.demo && 'set' in clock;
}
