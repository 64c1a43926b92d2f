import { percentile, sortedCopy } from '../measure/percentiles.ts';
import type { LoadPlan, LoadResult } from './load-plan.ts';

/** What a load counts as its answers arrive, whichever client drives it. */
export interface LoadTally {
  completed: number;
  ok: number;
  failedBodies: number;
  slow: number;
  retryAfterMissing: number;
  statusCounts: Record<string, number>;
  latencies: number[];
  rejectLatencies: number[];
  sampleFailure: string | null;
}

export function emptyTally(): LoadTally {
  return {
    completed: 0,
    ok: 0,
    failedBodies: 0,
    slow: 0,
    retryAfterMissing: 0,
    statusCounts: {},
    latencies: [],
    rejectLatencies: [],
    sampleFailure: null,
  };
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): unknown {
  if (headers === undefined) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** One answer: its status, body and headers, `elapsedMs` after its request left. */
export function recordAnswer(
  tally: LoadTally,
  plan: Pick<LoadPlan, 'slowMs' | 'okMarker'>,
  answer: {
    readonly status: number;
    readonly body: string;
    readonly headers: Record<string, unknown> | undefined;
    readonly elapsedMs: number;
  },
): void {
  const { status, body, headers, elapsedMs } = answer;
  const fail = (text: string) => {
    tally.sampleFailure ??= text.slice(0, 300);
  };
  tally.completed++;
  tally.latencies.push(elapsedMs);
  if (elapsedMs > plan.slowMs) tally.slow++;
  tally.statusCounts[String(status)] = (tally.statusCounts[String(status)] ?? 0) + 1;
  if (status === 200) {
    if (body.includes(plan.okMarker)) tally.ok++;
    else {
      tally.failedBodies++;
      fail(`200 ${body}`);
    }
    return;
  }
  if (status === 429 || status === 503) tally.rejectLatencies.push(elapsedMs);
  if ((status === 429 || status === 503) && headerOf(headers, 'retry-after') === undefined) {
    tally.retryAfterMissing++;
    fail(`${status} without Retry-After ${body}`);
  } else if (status !== 429 && status !== 503) fail(`${status} ${body}`);
}

/** At most `limit` of the values, evenly spaced through them (sorted stays sorted). */
function evenSample(values: Float64Array, limit: number): number[] {
  if (values.length <= limit) return Array.from(values);
  return Array.from(
    { length: limit },
    (_, i) => values[Math.floor((i * values.length) / limit)] ?? 0,
  );
}

/** The result of a load that lasted `durationSeconds`, from its tally and its failures to answer. */
export function loadResultOf(
  tally: LoadTally,
  durationSeconds: number,
  failures: { readonly connectionErrors: number; readonly timeouts: number },
  extra: Pick<LoadResult, 'sendLagMs'> = {},
): LoadResult {
  const sorted = sortedCopy(tally.latencies);
  const rejects = sortedCopy(tally.rejectLatencies);
  return {
    durationSeconds,
    completed: tally.completed,
    ok: tally.ok,
    okPerSecond: tally.ok / durationSeconds,
    latencyMs: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    },
    rejectLatencyMs: { p50: percentile(rejects, 50), p99: percentile(rejects, 99) },
    statusCounts: tally.statusCounts,
    failedBodies: tally.failedBodies,
    connectionErrors: failures.connectionErrors,
    timeouts: failures.timeouts,
    slow: tally.slow,
    retryAfterMissing: tally.retryAfterMissing,
    sampleFailure: tally.sampleFailure,
    ...extra,
    samples: { latencies: evenSample(sorted, 20_000), rejects: evenSample(rejects, 20_000) },
  };
}
