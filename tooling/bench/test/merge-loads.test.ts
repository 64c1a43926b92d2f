import { describe, expect, it } from 'vitest';
import { mergeLoads } from '../src/load/merge-loads.ts';
import { loadResult } from './load-result.ts';

const slice = loadResult;

describe('merging the slices of a run', () => {
  const a = slice({
    completed: 4,
    ok: 3,
    latencyMs: { p50: 2, p99: 4, max: 4 },
    statusCounts: { '200': 4 },
    failedBodies: 1,
    sampleFailure: null,
    samples: { latencies: [1, 2, 3, 4], rejects: [] },
  });
  const b = slice({
    durationSeconds: 10,
    completed: 2,
    ok: 1,
    latencyMs: { p50: 50, p99: 100, max: 100 },
    statusCounts: { '200': 1, '503': 1 },
    sampleFailure: '503 busy',
    samples: { latencies: [10, 100], rejects: [100] },
  });

  it('adds the counts and takes the rate over the whole duration', () => {
    const merged = mergeLoads([a, b]);
    expect(merged.completed).toBe(6);
    expect(merged.ok).toBe(4);
    expect(merged.okPerSecond).toBeCloseTo(4 / 15, 9);
    expect(merged.statusCounts).toEqual({ '200': 5, '503': 1 });
    expect(merged.failedBodies).toBe(1);
    expect(merged.sampleFailure).toBe('503 busy');
  });

  it('takes percentiles over every slice’s latencies, and drops the samples', () => {
    const merged = mergeLoads([a, b]);
    expect(merged.latencyMs).toEqual({ p50: 3, p99: 100, max: 100 });
    expect(merged.rejectLatencyMs.p99).toBe(100);
    expect(merged.samples).toBeUndefined();
  });

  it('weighs a subsampled slice by what it answered', () => {
    const big = slice({ completed: 1000, samples: { latencies: [5, 5], rejects: [] } });
    const small = slice({ completed: 2, samples: { latencies: [100, 100], rejects: [] } });
    expect(mergeLoads([big, small]).latencyMs.p99).toBe(5);
  });

  it('keeps a paced load’s lag on its schedule, the worst slice’s, and adds none to a load without', () => {
    const early = slice({ sendLagMs: { p99: 2, max: 9 } });
    const late = slice({ sendLagMs: { p99: 4, max: 6 } });
    expect(mergeLoads([early, late]).sendLagMs).toEqual({ p99: 4, max: 9 });
    expect(mergeLoads([a, b])).not.toHaveProperty('sendLagMs');
  });
});
