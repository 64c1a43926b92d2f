import { describe, expect, it } from 'vitest';
import { threadCpuSecondsOf, threadCpuUsed } from '../src/measure/cpu-time.ts';

describe('threadCpuSecondsOf', () => {
  it("adds up this process's threads by name, the main thread's growing with work done on it", () => {
    const before = threadCpuSecondsOf(process.pid);
    expect(before.get('MainThread')).toBeGreaterThanOrEqual(0);
    // Ticks are hundredths of a second: a third of a second of work shows.
    const until = performance.now() + 300;
    let spin = 0;
    while (performance.now() < until) spin += Math.sqrt(spin + 1);
    expect(spin).toBeGreaterThan(0);
    const used = threadCpuUsed(before, threadCpuSecondsOf(process.pid));
    const total = [...used.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(0.1);
  });

  it('reads nothing of a process that is not there', () => {
    expect(threadCpuSecondsOf(2 ** 30).size).toBe(0);
  });

  it('counts a thread first seen after the start whole', () => {
    const used = threadCpuUsed(
      new Map([['MainThread', 1]]),
      new Map([
        ['MainThread', 1.5],
        ['libuv-worker', 0.25],
      ]),
    );
    expect(used).toEqual(
      new Map([
        ['MainThread', 0.5],
        ['libuv-worker', 0.25],
      ]),
    );
  });
});
