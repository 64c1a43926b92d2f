import { join } from 'node:path';
import { BENCH_YEAR } from '../data/population.ts';
import { watchPeakRss } from '../measure/peak-rss.ts';
import { runNode } from '../processes/node-process.ts';
import { MB, type ScenarioResult, ratioOf } from '../report/scenario-result.ts';
import type { BenchContext } from './bench-context.ts';

const WORKER = new URL('../measure/deliberate-worker.ts', import.meta.url).pathname;

interface WorkerRun {
  readonly seconds: number;
  readonly candidates: number;
  readonly marks?: number;
  readonly peakRssBytes: number;
}

async function runWorker(
  ctx: BenchContext,
  url: string,
  what: 'read' | 'deliberate' | 'store',
): Promise<WorkerRun> {
  const run = runNode(WORKER, [what, String(BENCH_YEAR)], {
    env: { ...process.env, DATABASE_URL: url },
    logFile: join(ctx.workDir, 'deliberate-worker.log'),
  });
  const memory = watchPeakRss(run.pid);
  const measured = JSON.parse((await run.output).trim()) as Omit<WorkerRun, 'peakRssBytes'>;
  return { ...measured, peakRssBytes: memory.stop() };
}

/**
 * Row 6: the API's deliberation of a whole session (deliberateFirstGroup:
 * every candidate's outcome by the domain, stored) against reading the
 * same rows the same way (the same repository calls, in the same batches)
 * and doing nothing with them. Each runs in a process of its own, after a
 * first read that warms the caches.
 */
export async function deliberate(
  ctx: BenchContext,
  url: string,
  data: string,
): Promise<ScenarioResult> {
  ctx.progress('deliberation: reading the rows (warm-up, then measured)');
  await runWorker(ctx, url, 'read');
  const read = await runWorker(ctx, url, 'read');
  ctx.progress('deliberation: deliberateFirstGroup over the whole session');
  const decided = await runWorker(ctx, url, 'deliberate');
  ctx.progress(
    'deliberation: its writes alone (storeFirstGroupOutcomes), to tell where the time goes',
  );
  const stored = await runWorker(ctx, url, 'store');
  const ratio = ratioOf(decided.seconds, read.seconds);
  const evaluation = decided.seconds - read.seconds - stored.seconds;
  return {
    id: 'deliberate',
    title: 'Deliberate a whole session',
    data,
    subject: {
      label: 'deliberate',
      value: decided.seconds,
      unit: 's',
      peakRssMb: decided.peakRssBytes / MB,
    },
    peer: { label: 'read', value: read.seconds, unit: 's', peakRssMb: read.peakRssBytes / MB },
    ratio,
    target: '≤ 10 s and ≤ 3× the read time',
    checks: [
      { label: 'deliberation ≤ 10 s', met: decided.seconds <= 10 },
      { label: 'deliberation ≤ 3 × the read time', met: ratio <= 3 },
      { label: 'every candidate decided', met: decided.candidates === read.candidates },
    ],
    notes: [
      `${read.candidates} candidates and ${read.marks ?? 0} marks read; ${decided.candidates} outcomes stored.`,
      `Where the time goes: reading ${read.seconds.toFixed(1)} s, writing the outcomes ${stored.seconds.toFixed(1)} s (storeFirstGroupOutcomes alone), the rest ${evaluation.toFixed(1)} s (the domain's evaluation and the loop, less the reading it overlaps: deliberation asks for the next page before it decides this one).`,
    ],
    raw: { read, deliberate: decided, store: stored },
  };
}
