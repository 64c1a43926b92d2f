import { percentile, sortedCopy } from '../measure/percentiles.ts';
import type { LoadResult } from './load-plan.ts';

/**
 * One result from the slices of a run (see compareServers): counts added,
 * rates over the summed durations, percentiles over the slices' latencies
 * (each slice weighted by its answers). The latency samples are dropped;
 * a paced load's lag on its schedule is the worst slice's.
 */
export function mergeLoads(slices: readonly LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number) => slices.reduce((n, r) => n + pick(r), 0);
  const durationSeconds = sum((r) => r.durationSeconds);
  const weighted = (
    pick: (r: LoadResult) => readonly number[] | undefined,
    count: (r: LoadResult) => number,
  ) =>
    sortedCopy(
      slices.flatMap((r) => {
        const sample = pick(r) ?? [];
        // Repeat a subsampled slice's values so that each slice weighs what it answered.
        const weight = sample.length === 0 ? 0 : Math.max(1, Math.round(count(r) / sample.length));
        return sample.flatMap((v) => Array<number>(weight).fill(v));
      }),
    );
  const latencies = weighted(
    (r) => r.samples?.latencies,
    (r) => r.completed,
  );
  const rejectCount = (r: LoadResult) =>
    (r.statusCounts['429'] ?? 0) + (r.statusCounts['503'] ?? 0);
  const rejects = weighted((r) => r.samples?.rejects, rejectCount);
  const statusCounts: Record<string, number> = {};
  for (const r of slices)
    for (const [status, n] of Object.entries(r.statusCounts))
      statusCounts[status] = (statusCounts[status] ?? 0) + n;
  const ok = sum((r) => r.ok);
  const lags = slices.flatMap((r) => (r.sendLagMs === undefined ? [] : [r.sendLagMs]));
  return {
    durationSeconds,
    completed: sum((r) => r.completed),
    ok,
    okPerSecond: durationSeconds > 0 ? ok / durationSeconds : 0,
    latencyMs: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(0, ...slices.map((r) => r.latencyMs.max)),
    },
    rejectLatencyMs: { p50: percentile(rejects, 50), p99: percentile(rejects, 99) },
    statusCounts,
    failedBodies: sum((r) => r.failedBodies),
    connectionErrors: sum((r) => r.connectionErrors),
    timeouts: sum((r) => r.timeouts),
    slow: sum((r) => r.slow),
    retryAfterMissing: sum((r) => r.retryAfterMissing),
    sampleFailure: slices.find((r) => r.sampleFailure !== null)?.sampleFailure ?? null,
    ...(lags.length === 0
      ? {}
      : {
          sendLagMs: {
            p99: Math.max(...lags.map((l) => l.p99)),
            max: Math.max(...lags.map((l) => l.max)),
          },
        }),
  };
}
