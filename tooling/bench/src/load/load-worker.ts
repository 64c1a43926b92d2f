// The load generator's own process: node load-worker.ts <plan.json>.
// Drives the targets with autocannon for the plan's duration and prints one
// line of JSON (a LoadResult) on standard output.
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { percentile, sortedCopy } from '../measure/percentiles.ts';
import type { LoadPlan, LoadResult } from './load-plan.ts';

interface Tally {
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

/** At most `limit` of the values, evenly spaced through them (sorted stays sorted). */
function evenSample(values: Float64Array, limit: number): number[] {
  if (values.length <= limit) return Array.from(values);
  return Array.from(
    { length: limit },
    (_, i) => values[Math.floor((i * values.length) / limit)] ?? 0,
  );
}

/** `total` shared out as evenly as possible over `parts` (the first ones get the remainder). */
function share(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): unknown {
  if (headers === undefined) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const tally: Tally = {
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
  let next = 0;
  const fail = (text: string) => {
    tally.sampleFailure ??= text.slice(0, 300);
  };

  const request = (path: string): autocannon.Request => ({
    method: 'POST',
    path,
    setupRequest: (req, context) => {
      const chosen = plan.requests[next++ % plan.requests.length];
      if (chosen === undefined) throw new Error('A load plan needs at least one request.');
      (context as { sentAt?: number }).sentAt = performance.now();
      if (chosen.method === 'GET') return { ...req, method: 'GET', headers: { ...chosen.headers } };
      return {
        ...req,
        headers: { 'content-type': 'application/json', ...chosen.headers },
        body: chosen.body,
      };
    },
    onResponse: (status, body, context, headers) => {
      const sentAt = (context as { sentAt?: number }).sentAt;
      const elapsed = sentAt === undefined ? 0 : performance.now() - sentAt;
      tally.completed++;
      tally.latencies.push(elapsed);
      if (elapsed > plan.slowMs) tally.slow++;
      tally.statusCounts[String(status)] = (tally.statusCounts[String(status)] ?? 0) + 1;
      if (status === 200) {
        if (body.includes(plan.okMarker)) tally.ok++;
        else {
          tally.failedBodies++;
          fail(`200 ${body}`);
        }
        return;
      }
      if (status === 429 || status === 503) tally.rejectLatencies.push(elapsed);
      if ((status === 429 || status === 503) && headerOf(headers, 'retry-after') === undefined) {
        tally.retryAfterMissing++;
        fail(`${status} without Retry-After ${body}`);
      } else if (status !== 429 && status !== 503) fail(`${status} ${body}`);
    },
  });

  const startedAt = performance.now();
  const results = await Promise.all(
    plan.targets.map((url, i) =>
      autocannon({
        url,
        connections: share(plan.connections, plan.targets.length, i),
        duration: plan.durationSeconds,
        timeout: plan.timeoutSeconds,
        ...(plan.overallRate === undefined
          ? {}
          : { overallRate: share(plan.overallRate, plan.targets.length, i) }),
        requests: [request(new URL(url).pathname)],
      }),
    ),
  );
  const durationSeconds = (performance.now() - startedAt) / 1000;
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
    connectionErrors: results.reduce((n, r) => n + r.errors - r.timeouts, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    slow: tally.slow,
    retryAfterMissing: tally.retryAfterMissing,
    sampleFailure: tally.sampleFailure,
    samples: { latencies: evenSample(sorted, 20_000), rejects: evenSample(rejects, 20_000) },
  };
}

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: load-worker.ts <plan.json>');
  process.exit(2);
}
const plan = JSON.parse(await readFile(file, 'utf8')) as LoadPlan;
process.stdout.write(`${JSON.stringify(await run(plan))}\n`);
