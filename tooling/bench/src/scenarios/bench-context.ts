import type { LoadPlan, LoadResult, ServerLoad } from '../load/load-plan.ts';
import { runLoad } from '../load/run-load.ts';
import { mergeLoads } from '../load/merge-loads.ts';
import { watchCpu, watchDatabaseCpu, watchMachineBusy } from '../measure/cpu-time.ts';
import { watchDatabaseBlocks } from '../measure/database-blocks.ts';
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

/** What the measure watches beside the load: memory and CPU of processes, CPU of their databases. */
interface Watches {
  stop(): Promise<Omit<ServerLoad, 'load'>>;
}

/** The PostgreSQL databases some servers answer from, each once (none on PGlite). */
function databasesOf(servers: readonly ServerProcess[]): string[] {
  return [...new Set(servers.flatMap((s) => (s.database === null ? [] : [s.database])))];
}

async function watchServers(
  ctx: BenchContext,
  servers: readonly ServerProcess[],
): Promise<Watches> {
  const databases = databasesOf(servers);
  const databaseCpu = await watchDatabaseCpu(ctx.adminUrl, databases);
  const memory = watchPeakRssOf(servers.map((s) => s.process.pid));
  const serverCpu = watchCpu(servers.map((s) => s.process.pid));
  const machine = watchMachineBusy();
  return {
    async stop() {
      const machineBusy = machine.stop();
      const peakRss = memory.stop();
      const cpuSeconds = serverCpu.stop();
      const database = await databaseCpu.stop();
      const none = databases.length === 0;
      return {
        peakRss,
        cpuSeconds,
        databaseCpuSeconds: none ? null : database.serving,
        autovacuumCpuSeconds: none ? null : database.autovacuum,
        machineBusy,
      };
    },
  };
}

/**
 * One measured stretch of load on some servers, with their memory and CPU and
 * their database's CPU. `alsoWatched` are measured without being sent the
 * load (the API behind the web server): their figures follow the servers'.
 */
export async function measureSlice(
  ctx: BenchContext,
  servers: readonly ServerProcess[],
  shape: LoadShape,
  seconds: number,
  alsoWatched: readonly ServerProcess[] = [],
): Promise<ServerLoad> {
  const targets = servers.map((s) => s.url);
  const watches = await watchServers(ctx, [...servers, ...alsoWatched]);
  const load = await runLoad({ ...shape, targets, durationSeconds: seconds }, ctx.workDir);
  return { load, ...(await watches.stop()) };
}

/**
 * Several loads at once on the same servers, each from its own load process
 * (a fixed rate for one kind, as fast as answered for another), measured
 * together: each kind's answers apart, the servers' memory and CPU for all.
 */
export async function measureTogether(
  ctx: BenchContext,
  servers: readonly ServerProcess[],
  shapes: readonly LoadShape[],
  seconds: number,
): Promise<{ readonly loads: readonly LoadResult[]; readonly servers: Omit<ServerLoad, 'load'> }> {
  const targets = servers.map((s) => s.url);
  const watches = await watchServers(ctx, servers);
  const loads = await Promise.all(
    shapes.map((shape) => runLoad({ ...shape, targets, durationSeconds: seconds }, ctx.workDir)),
  );
  return { loads, servers: await watches.stop() };
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
  const added = (pick: (s: ServerLoad) => number | null) => {
    const values = slices.map(pick);
    return values.includes(null) ? null : values.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
  };
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
    databaseCpuSeconds: added((s) => s.databaseCpuSeconds),
    autovacuumCpuSeconds: added((s) => s.autovacuumCpuSeconds),
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
  const targets = servers.map((s) => s.url);
  if (options.warmup ?? true)
    await runLoad({ ...shape, targets, durationSeconds: ctx.options.warmupSeconds }, ctx.workDir);
  const seconds = options.seconds ?? ctx.options.measureSeconds;
  return mergeSlices([await measureSlice(ctx, servers, shape, seconds)]);
}

export interface Side {
  readonly servers: readonly ServerProcess[];
  readonly shape: LoadShape;
  /** Processes measured beside the servers but not sent the load (see measureSlice). */
  readonly alsoWatched?: readonly ServerProcess[];
}

/** Load that is not counted: JIT, pools and caches settle. */
export async function warmUp(ctx: BenchContext, side: Side): Promise<void> {
  await runLoad(
    {
      ...side.shape,
      targets: side.servers.map((s) => s.url),
      durationSeconds: ctx.options.warmupSeconds,
    },
    ctx.workDir,
  );
}

/**
 * Measures sides against each other: each is warmed up, then they take
 * turns, slice after slice (A B C A B C …), so that whatever else the
 * machine does meanwhile weighs on all alike; each side's slices are merged.
 */
export async function measureInTurns(
  ctx: BenchContext,
  sides: readonly Side[],
  options: { readonly countBlocks?: boolean } = {},
): Promise<ServerLoad[]> {
  for (const side of sides) await warmUp(ctx, side);
  // Each side's own database from the end of the warm-ups to the end of the
  // turns: every side must have a database of its own, or both count it.
  const blocks =
    options.countBlocks === true
      ? await Promise.all(
          sides.map((side) =>
            watchDatabaseBlocks(
              ctx.adminUrl,
              databasesOf(side.servers),
              ctx.options.statisticsSettleSeconds,
            ),
          ),
        )
      : null;
  const slices = ctx.options.slices;
  const seconds = ctx.options.measureSeconds / slices;
  const measured: ServerLoad[][] = sides.map(() => []);
  for (let i = 0; i < slices; i++)
    for (const [n, side] of sides.entries())
      measured[n]?.push(
        await measureSlice(ctx, side.servers, side.shape, seconds, side.alsoWatched),
      );
  const merged = measured.map(mergeSlices);
  if (blocks === null) return merged;
  const counted = await Promise.all(blocks.map((b) => b.stop()));
  return merged.map((load, n) => {
    const databaseBlocks = counted[n];
    return databaseBlocks === undefined ? load : { ...load, databaseBlocks };
  });
}

/** Two sides in turns (A B A B A B): see measureInTurns. */
export async function compareServers(
  ctx: BenchContext,
  a: Side,
  b: Side,
): Promise<{ readonly a: ServerLoad; readonly b: ServerLoad }> {
  const [fromA, fromB] = await measureInTurns(ctx, [a, b]);
  if (fromA === undefined || fromB === undefined) throw new Error('Two sides, two measures.');
  return { a: fromA, b: fromB };
}
