import type { LoadResult } from '../src/load/load-plan.ts';

/** A load result where nothing happened, but what the test says did. */
export function loadResult(overrides: Partial<LoadResult>): LoadResult {
  return {
    durationSeconds: 5,
    completed: 0,
    ok: 0,
    okPerSecond: 0,
    latencyMs: { p50: 0, p99: 0, max: 0 },
    rejectLatencyMs: { p50: 0, p99: 0 },
    statusCounts: {},
    failedBodies: 0,
    connectionErrors: 0,
    timeouts: 0,
    slow: 0,
    retryAfterMissing: 0,
    sampleFailure: null,
    ...overrides,
  };
}
