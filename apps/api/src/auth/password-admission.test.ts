import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_ADMISSION,
  LATE_REFUSAL_FACTOR,
  Overloaded,
  PasswordAdmission,
  passwordPool,
} from './password-admission.ts';

/** A piece of work that finishes when the test says so. */
function deferred(): { promise: Promise<void>; finish: () => void; fail: () => void } {
  let finish = () => {};
  let fail = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = () => {
      reject(new Error('work failed'));
    };
  });
  return { promise, finish, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PasswordAdmission', () => {
  it('runs at most `concurrency` at once and admits waiters in arrival order', async () => {
    const admission = new PasswordAdmission({ concurrency: 2, queue: 10, maxWaitMs: 60_000 });
    const works = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const runs = works.map((w, i) =>
      admission.run(() => {
        started.push(i);
        return w.promise;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([admission.running, admission.waiting]).toEqual([2, 3]);
    works[1]?.finish();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const w of works) w.finish();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([admission.running, admission.waiting, admission.refused]).toEqual([0, 0, 0]);
  });

  it('refuses at once when the queue is full, with a Retry-After of at least a second', async () => {
    let refusals = 0;
    const admission = new PasswordAdmission({ concurrency: 1, queue: 1, maxWaitMs: 60_000 }, () => {
      refusals += 1;
    });
    const running = deferred();
    const waiting = deferred();
    const first = admission.run(() => running.promise);
    const second = admission.run(() => waiting.promise);
    const third = admission.run(() => Promise.resolve('never'));
    await expect(third).rejects.toBeInstanceOf(Overloaded);
    await third.catch((error: unknown) => {
      expect((error as Overloaded).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((error as Overloaded).retryAfterSeconds).toBeLessThanOrEqual(30);
    });
    expect([admission.refused, refusals]).toEqual([1, 1]);
    running.finish();
    waiting.finish();
    await Promise.all([first, second]);
  });

  it('lets a waiter admitted on its expected wait wait past maxWaitMs, and refuses it at one and a half times', async () => {
    vi.useFakeTimers();
    try {
      // Expected to wait 40 ms of a 100 ms limit; the check ahead runs on.
      const admission = new PasswordAdmission({
        concurrency: 1,
        queue: 5,
        maxWaitMs: 100,
        expectedServiceMs: 40,
      });
      const stuck = deferred();
      const first = admission.run(() => stuck.promise);
      const late = admission.run(() => Promise.resolve());
      const outcome = late.then(
        () => 'ran',
        (error: unknown) => error,
      );
      await vi.advanceTimersByTimeAsync(100 * LATE_REFUSAL_FACTOR - 1);
      expect([admission.waiting, admission.refused]).toEqual([1, 0]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toBeInstanceOf(Overloaded);
      expect([admission.waiting, admission.refused]).toEqual([0, 1]);

      // The same wait, and then the slot frees: the waiter runs.
      const next = admission.run(() => Promise.resolve('ran'));
      await vi.advanceTimersByTimeAsync(100 * LATE_REFUSAL_FACTOR - 1);
      stuck.finish();
      await first;
      expect(await next).toBe('ran');
      expect([admission.running, admission.waiting, admission.refused]).toEqual([0, 0, 1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a waiter that waited past its limit, and forgets it', async () => {
    const admission = new PasswordAdmission({ concurrency: 1, queue: 5, maxWaitMs: 20 });
    const running = deferred();
    const first = admission.run(() => running.promise);
    let ran = false;
    const late = admission.run(() => {
      ran = true;
      return Promise.resolve();
    });
    await expect(late).rejects.toBeInstanceOf(Overloaded);
    expect(admission.waiting).toBe(0);
    running.finish();
    await first;
    expect(ran).toBe(false);
    expect(admission.running).toBe(0);
  });

  it('refuses at once a check whose expected wait already exceeds the limit', async () => {
    // One slot, checks of about 40 ms, at most 100 ms of waiting: two waiters fit, not three.
    const admission = new PasswordAdmission({
      concurrency: 1,
      queue: 50,
      maxWaitMs: 100,
      expectedServiceMs: 40,
    });
    const running = deferred();
    const first = admission.run(() => running.promise);
    const waiters = [
      admission.run(() => Promise.resolve()),
      admission.run(() => Promise.resolve()),
    ];
    const third = admission.run(() => Promise.resolve());
    await expect(third).rejects.toBeInstanceOf(Overloaded);
    // Refused while the first check still runs: no waiting involved.
    expect([admission.running, admission.waiting, admission.refused]).toEqual([1, 2, 1]);
    running.finish();
    await Promise.all([first, ...waiters]);
  });

  it('frees the slot when the work fails', async () => {
    const admission = new PasswordAdmission({ concurrency: 1, queue: 0, maxWaitMs: 0 });
    const work = deferred();
    const failing = admission.run(() => work.promise);
    work.fail();
    await expect(failing).rejects.toThrow('work failed');
    await expect(admission.run(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('refuses nonsensical limits', () => {
    expect(() => new PasswordAdmission({ concurrency: 0, queue: 1, maxWaitMs: 1 })).toThrow(
      RangeError,
    );
  });

  it('never runs more than its concurrency, and refuses only when running and queue are full', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        async (concurrency, queue, steps) => {
          const admission = new PasswordAdmission({ concurrency, queue, maxWaitMs: 60_000 });
          const inWork: (() => void)[] = [];
          const outcomes: Promise<string>[] = [];
          let submitted = 0;
          let refusedAtFull = 0;
          for (const submit of steps) {
            if (submit) {
              const full = admission.running === concurrency && admission.waiting === queue;
              if (full) refusedAtFull += 1;
              submitted += 1;
              outcomes.push(
                admission
                  .run(
                    () =>
                      new Promise<void>((resolve) => {
                        inWork.push(resolve);
                      }),
                  )
                  .then(
                    () => 'done',
                    (error: unknown) => (error instanceof Overloaded ? 'refused' : 'other'),
                  ),
              );
            } else {
              inWork.shift()?.();
            }
            await settle();
            expect(admission.running).toBeLessThanOrEqual(concurrency);
            expect(admission.waiting).toBeLessThanOrEqual(queue);
            expect(inWork.length).toBe(admission.running);
          }
          while (inWork.length > 0) {
            inWork.shift()?.();
            await settle();
          }
          const results = await Promise.all(outcomes);
          expect(results.filter((r) => r === 'refused')).toHaveLength(refusedAtFull);
          expect(results.filter((r) => r === 'done')).toHaveLength(submitted - refusedAtFull);
          expect(admission.refused).toBe(refusedAtFull);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('says a check started now would be refused only when it would be, counting it', async () => {
    const admission = new PasswordAdmission({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    expect(admission.refusalNow()).toBeNull();
    const first = deferred();
    const second = deferred();
    const running = admission.run(() => first.promise);
    // One slot busy, the queue has room: a check would wait, not be refused.
    expect(admission.refusalNow()).toBeNull();
    const waiting = admission.run(() => second.promise);
    const refusal = admission.refusalNow();
    expect(refusal).toBeInstanceOf(Overloaded);
    expect(refusal?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(admission.refused).toBe(1);
    first.finish();
    second.finish();
    await Promise.all([running, waiting]);
    expect(admission.refusalNow()).toBeNull();
    expect(admission.refused).toBe(1);
  });

  it('expects the duration of the last checks, so a storm that slows them is seen at once', async () => {
    let now = 0;
    const admission = new PasswordAdmission(
      { concurrency: 1, queue: 10, maxWaitMs: 150, expectedServiceMs: 10 },
      () => {},
      () => now,
    );
    const checkTaking = (ms: number) =>
      admission.run(() => {
        now += ms;
        return Promise.resolve();
      });
    for (let i = 0; i < 3; i++) await checkTaking(100);
    // A slow moving average would still expect ~34 ms here, and queue a second waiter.
    expect(admission.serviceMs).toBe(100);
    const running = deferred();
    const first = admission.run(() => running.promise);
    const waiter = admission.run(() => Promise.resolve());
    expect(admission.refusalNow()).toBeInstanceOf(Overloaded);
    await expect(admission.run(() => Promise.resolve())).rejects.toBeInstanceOf(Overloaded);
    running.finish();
    await Promise.all([first, waiter]);
    // Only the last few count: once checks are fast again, so is the estimate.
    for (let i = 0; i < 8; i++) await checkTaking(20);
    expect(admission.serviceMs).toBe(20);
  });
});

describe('passwordPool', () => {
  it('sizes the thread pool to the checks allowed at once unless UV_THREADPOOL_SIZE is set', () => {
    expect(passwordPool(3, undefined)).toEqual({ concurrency: 3, threads: '3' });
    expect(passwordPool(3, '8')).toEqual({ concurrency: 3, threads: '8' });
    expect(passwordPool(undefined, undefined)).toEqual({
      concurrency: DEFAULT_ADMISSION.concurrency,
      threads: String(DEFAULT_ADMISSION.concurrency),
    });
    expect(DEFAULT_ADMISSION.concurrency).toBeGreaterThanOrEqual(2);
  });
});
