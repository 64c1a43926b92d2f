import { availableParallelism } from 'node:os';

export interface AdmissionLimits {
  /** Password checks running at once; more would only queue in libuv's thread pool. */
  readonly concurrency: number;
  /** Checks allowed to wait for a slot; beyond, a refusal at once. */
  readonly queue: number;
  /**
   * The longest wait for a slot a check is queued for, as expected from the
   * checks ahead; one still waiting at LATE_REFUSAL_FACTOR times this (the
   * checks ahead ran slower than expected) is refused then.
   */
  readonly maxWaitMs: number;
  /** The first guess of one check's duration, before any is measured (50 ms). */
  readonly expectedServiceMs?: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = {
  concurrency: Math.max(2, availableParallelism()),
  queue: 64,
  maxWaitMs: 1000,
};

/**
 * The checks allowed at once, and libuv's thread pool as the API starts it
 * (main.ts), where argon2id runs: UV_THREADPOOL_SIZE when set, else one
 * thread a check. A thread that has run argon2id keeps ~30 MB in its own
 * malloc arena for good, so threads beyond the checks only hold memory;
 * and on two cores four threads verify 10 % slower than two (the bench's
 * raw rate, which uses this same pool).
 */
export function passwordPool(
  concurrencySetting: number | undefined,
  threadsSetting: string | undefined,
): { readonly concurrency: number; readonly threads: string } {
  const concurrency = concurrencySetting ?? DEFAULT_ADMISSION.concurrency;
  return { concurrency, threads: threadsSetting ?? String(concurrency) };
}

/** Refused for lack of capacity; `retryAfterSeconds` says when trying again makes sense. */
export class Overloaded extends Error {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('overloaded');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A waiter is admitted on a wait expected within the limit, so under a
 * steady overload the last one admitted is expected just under it, and
 * checks ahead a little slower than their recent mean take it past: refused
 * at the limit, it would have waited a second for nothing, a few checks
 * from its turn. The timer leaves the estimate half the limit again for
 * its error, and still answers well within two seconds.
 */
export const LATE_REFUSAL_FACTOR = 1.5;

/** Checks the expected duration is the mean of: enough to smooth one slow check, few enough to follow a storm within a second. */
const RECENT_CHECKS = 8;

interface Waiter {
  readonly admit: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A bounded queue in front of password checks (argon2id costs ~19 MiB and
 * milliseconds of a core each). At the publication instant every candidate
 * logs in at once: past capacity, a fast refusal with Retry-After keeps the
 * process answering and its memory bounded, where an unbounded queue would
 * make every request late and the process swell.
 */
export class PasswordAdmission {
  readonly limits: AdmissionLimits;
  #running = 0;
  readonly #waiting: Waiter[] = [];
  #refused = 0;
  /** The durations of the last checks (a ring): expected waits and Retry-After. */
  readonly #recentMs: number[] = [];
  #nextSample = 0;
  readonly #firstGuessMs: number;
  readonly #onRefused: () => void;
  readonly #now: () => number;

  /** `now` in milliseconds: a test's own clock makes checks of a known duration. */
  constructor(
    limits: AdmissionLimits = DEFAULT_ADMISSION,
    onRefused: () => void = () => {},
    now: () => number = () => performance.now(),
  ) {
    if (limits.concurrency < 1 || limits.queue < 0 || limits.maxWaitMs < 0)
      throw new RangeError('Admission limits must be positive.');
    this.limits = limits;
    this.#firstGuessMs = limits.expectedServiceMs ?? 50;
    this.#onRefused = onRefused;
    this.#now = now;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Checks refused since start (full queue or waited too long). */
  get refused(): number {
    return this.#refused;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.#admit();
    const started = this.#now();
    try {
      return await work();
    } finally {
      this.#sample(this.#now() - started);
      this.#release();
    }
  }

  /**
   * One check's expected duration: the mean of the last few. A slow moving
   * average lagged when a storm made checks slower (the main thread takes
   * the CPU argon2 would use), so waiters were admitted on an optimistic
   * wait and then refused late, after waiting out the whole limit.
   */
  get serviceMs(): number {
    if (this.#recentMs.length === 0) return this.#firstGuessMs;
    return this.#recentMs.reduce((sum, ms) => sum + ms, 0) / this.#recentMs.length;
  }

  #sample(ms: number): void {
    this.#recentMs[this.#nextSample] = ms;
    this.#nextSample = (this.#nextSample + 1) % RECENT_CHECKS;
  }

  /**
   * The refusal a check started now would get at once, or null when it
   * would run or wait: lets the HTTP layer turn a password request away
   * before any other work is spent on it (http/refuse-saturated-secrets.ts).
   */
  refusalNow(): Overloaded | null {
    return this.#refusedAtOnce() ? this.#refusal() : null;
  }

  // Refused at once when every slot is busy and the queue is full, or the
  // wait it would face already exceeds the limit: a late refusal helps no
  // one, and a fast one tells the client to come back (Retry-After) without
  // holding a connection and memory for a second.
  #refusedAtOnce(): boolean {
    if (this.#running < this.limits.concurrency) return false;
    const expectedWaitMs = ((this.#waiting.length + 1) * this.serviceMs) / this.limits.concurrency;
    return this.#waiting.length >= this.limits.queue || expectedWaitMs > this.limits.maxWaitMs;
  }

  #admit(): Promise<void> {
    if (this.#running < this.limits.concurrency) {
      this.#running += 1;
      return Promise.resolve();
    }
    if (this.#refusedAtOnce()) return Promise.reject(this.#refusal());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: resolve,
        timer: setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          reject(this.#refusal());
        }, this.limits.maxWaitMs * LATE_REFUSAL_FACTOR),
      };
      this.#waiting.push(waiter);
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) {
      this.#running -= 1;
      return;
    }
    // The slot passes straight to the next waiter: #running is unchanged.
    clearTimeout(next.timer);
    next.admit();
  }

  #refusal(): Overloaded {
    this.#refused += 1;
    this.#onRefused();
    const backlog = this.#waiting.length + this.#running;
    const seconds = Math.ceil((backlog * this.serviceMs) / this.limits.concurrency / 1000);
    return new Overloaded(Math.min(30, Math.max(1, seconds)));
  }
}
