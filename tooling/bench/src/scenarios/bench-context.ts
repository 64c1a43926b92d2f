import type { LoadPlan, ServerLoad } from '../load/load-plan.ts';
import { runLoad } from '../load/run-load.ts';
import { mergeLoads } from '../load/merge-loads.ts';
import { watchCpu, watchDatabaseCpu, watchMachineBusy } from '../measure/cpu-time.ts';
import { watchPeakRssOf } from '../measure/peak-rss.ts';
import type { BenchOptions } from '../options.ts';
import type { ServerProcess } from '../processes/http-server-process.ts';

/** What every scenario is given. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** Scratch folder of the run: logs, load plans, CSV files, PGlite data. */
  readonly workDir: string;
  /** The PostgreSQL server's URL the bench databases were created from (to find their server processes). */
  readonly adminUrl: string;
  /** One line of progress, on standard error (the table goes to standard output). */
  progress(message: string): void;
}

export type LoadShape = Omit<LoadPlan, 'targets' | 'durationSeconds'>;

export type { ServerLoad };

/** One measured stretch of load on some servers, with their memory and CPU and their database's CPU. */
export async function measureSlice(
  ctx: BenchContext,
  servers: readonly ServerProcess[],
  shape: LoadShape,
  seconds: number,
): Promise<ServerLoad> {
  const targets = servers.map((s) => s.graphqlUrl);
  const databases = [...new Set(servers.flatMap((s) => (s.database === null ? [] : [s.database])))];
  const databaseCpu = await watchDatabaseCpu(ctx.adminUrl, databases);
  const memory = watchPeakRssOf(servers.map((s) => s.process.pid));
  const serverCpu = watchCpu(servers.map((s) => s.process.pid));
  const machine = watchMachineBusy();
  const load = await runLoad({ ...shape, targets, durationSeconds: seconds }, ctx.workDir);
  const machineBusy = machine.stop();
  const peakRss = memory.stop();
  const cpuSeconds = serverCpu.stop();
  const databaseSeconds = await databaseCpu.stop();
  return {
    load,
    peakRss,
    cpuSeconds,
    databaseCpuSeconds: databases.length === 0 ? null : databaseSeconds,
    machineBusy,
  };
}

/** The slices of one server set as one measurement: loads merged, memory at its worst, CPU added. */
export function mergeSlices(slices: readonly ServerLoad[]): ServerLoad {
  const perServer = (
    pick: (s: ServerLoad) => readonly number[],
    combine: (a: number, b: number) => number,
  ) =>
    (slices[0] ? pick(slices[0]) : []).map((_, i) =>
      slices.map((s) => pick(s)[i] ?? 0).reduce(combine),
    );
  const database = slices.map((s) => s.databaseCpuSeconds);
  return {
    load: mergeLoads(slices.map((s) => s.load)),
    peakRss: perServer(
      (s) => s.peakRss,
      (a, b) => Math.max(a, b),
    ),
    cpuSeconds: perServer(
      (s) => s.cpuSeconds,
      (a, b) => a + b,
    ),
    // Weighted by duration: each slice's share of the run.
    machineBusy:
      slices.reduce((n, s) => n + s.machineBusy * s.load.durationSeconds, 0) /
      slices.reduce((n, s) => n + s.load.durationSeconds, 0),
    databaseCpuSeconds: database.includes(null)
      ? null
      : database.reduce((a, b) => (a ?? 0) + (b ?? 0), 0),
  };
}

/**
 * Drives the servers with one load shape: a warm-up that is not counted
 * (JIT, pools, caches), then the measured run.
 */
export async function loadServers(
  ctx: BenchContext,
  servers: readonly ServerProcess[],
  shape: LoadShape,
  options: { readonly seconds?: number; readonly warmup?: boolean } = {},
): Promise<ServerLoad> {
  const targets = servers.map((s) => s.graphqlUrl);
  if (options.warmup ?? true)
    await runLoad({ ...shape, targets, durationSeconds: ctx.options.warmupSeconds }, ctx.workDir);
  const seconds = options.seconds ?? ctx.options.measureSeconds;
  return mergeSlices([await measureSlice(ctx, servers, shape, seconds)]);
}

export interface Side {
  readonly servers: readonly ServerProcess[];
  readonly shape: LoadShape;
}

/** Load that is not counted: JIT, pools and caches settle. */
export async function warmUp(ctx: BenchContext, side: Side): Promise<void> {
  await runLoad(
    {
      ...side.shape,
      targets: side.servers.map((s) => s.graphqlUrl),
      durationSeconds: ctx.options.warmupSeconds,
    },
    ctx.workDir,
  );
}

/**
 * Measures two sides against each other: each is warmed up, then they take
 * turns, slice after slice (A B A B A B), so that whatever else the machine
 * does meanwhile weighs on both alike; each side's slices are merged.
 */
export async function compareServers(
  ctx: BenchContext,
  a: Side,
  b: Side,
): Promise<{ readonly a: ServerLoad; readonly b: ServerLoad }> {
  for (const side of [a, b]) await warmUp(ctx, side);
  const slices = ctx.options.slices;
  const seconds = ctx.options.measureSeconds / slices;
  const fromA: ServerLoad[] = [];
  const fromB: ServerLoad[] = [];
  for (let i = 0; i < slices; i++) {
    fromA.push(await measureSlice(ctx, a.servers, a.shape, seconds));
    fromB.push(await measureSlice(ctx, b.servers, b.shape, seconds));
  }
  return { a: mergeSlices(fromA), b: mergeSlices(fromB) };
}
