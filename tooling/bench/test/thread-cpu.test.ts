import { describe, expect, it } from 'vitest';
import { cpuSecondsOf, threadCpuSecondsOf, threadCpuUsed } from '../src/measure/cpu-time.ts';

describe('threadCpuSecondsOf', () => {
  it("adds up this process's threads by name, the main thread's growing with work done on it", () => {
    const before = threadCpuSecondsOf(process.pid);
    expect(before.get('MainThread')).toBeGreaterThanOrEqual(0);
    // Work until the process has used a third of a second of CPU, whatever
    // the wall clock (a busy machine gives a spinning thread less of it).
    const processBefore = cpuSecondsOf(process.pid);
    let spin = 0;
    while (cpuSecondsOf(process.pid) - processBefore < 0.3)
      for (let i = 0; i < 100_000; i++) spin += Math.sqrt(spin + 1);
    expect(spin).toBeGreaterThan(0);
    const used = threadCpuUsed(before, threadCpuSecondsOf(process.pid));
    const total = [...used.values()].reduce((a, b) => a + b, 0);
    // The threads' ticks add up to the process's, give or take a tick each.
    expect(total).toBeGreaterThanOrEqual(0.25);
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
