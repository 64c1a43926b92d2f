import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux we run on. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) in a /proc stat line. */
function statCpuSeconds(stat: string): number {
  // The command name may hold spaces and parentheses: fields count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    return statCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}

/**
 * CPU seconds a process's threads have used so far, added up by thread
 * name (Node names its own: `MainThread`, `libuv-worker` for the pool where
 * argon2id runs, `V8Worker` for the garbage collector's helpers). A thread
 * gone by the time it is read is skipped.
 */
export function threadCpuSecondsOf(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const task of tasks) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
      const seconds = statCpuSeconds(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8'));
      byName.set(name, (byName.get(name) ?? 0) + seconds);
    } catch {
      // ended between the listing and the read
    }
  }
  return byName;
}

/** What `after` adds to `before`, name by name (threadCpuSecondsOf). */
export function threadCpuUsed(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Map<string, number> {
  return new Map([...after].map(([name, s]) => [name, s - (before.get(name) ?? 0)]));
}

/**
 * CPU used by some processes between start and stop. CPU seconds per
 * request hold much better than requests per second on a machine shared
 * with other work: they do not count the time spent waiting for a core.
 * A process that ends meanwhile keeps the CPU it was last seen with
 * (polled), rather than counting as zero.
 */
export function watchCpu(pids: readonly number[]): { stop(): number[] } {
  const before = pids.map(cpuSecondsOf);
  const last = [...before];
  const poll = () => {
    pids.forEach((pid, i) => {
      const now = cpuSecondsOf(pid);
      if (now > 0) last[i] = now;
    });
  };
  const timer = setInterval(poll, 250);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      poll();
      return pids.map((_, i) => (last[i] ?? 0) - (before[i] ?? 0));
    },
  };
}

/** CPU seconds PostgreSQL spent on some databases during a run. */
export interface DatabaseCpu {
  /** In the backends that answer clients (their parallel workers included): the requests' cost. */
  readonly serving: number;
  /**
   * In autovacuum workers: the aftermath of earlier writes (a seeding, an
   * import), not a cost of the requests measured; kept apart so that it
   * cannot pass for one.
   */
  readonly autovacuum: number;
}

/**
 * The CPU of the PostgreSQL processes working on some databases: those there
 * at the start, and those that started during the run (counted whole).
 */
export async function watchDatabaseCpu(
  adminUrl: string,
  databases: readonly string[],
): Promise<{ stop(): Promise<DatabaseCpu> }> {
  const backendsNow = async () =>
    (await Promise.all(databases.map((name) => databaseBackends(adminUrl, name)))).flat();
  const first = await backendsNow();
  const known = watchCpu(first.map((b) => b.pid));
  return {
    async stop() {
      const firstPids = new Set(first.map((b) => b.pid));
      const newcomers = (await backendsNow()).filter((b) => !firstPids.has(b.pid));
      const used = [
        ...known.stop().map((seconds, i) => ({ seconds, backend: first[i] as Backend })),
        ...newcomers.map((backend) => ({ seconds: cpuSecondsOf(backend.pid), backend })),
      ];
      const sum = (autovacuum: boolean) =>
        used
          .filter((u) => (u.backend.type === 'autovacuum worker') === autovacuum)
          .reduce((n, u) => n + u.seconds, 0);
      return { serving: sum(false), autovacuum: sum(true) };
    },
  };
}

interface Backend {
  readonly pid: number;
  /** pg_stat_activity.backend_type: 'client backend', 'parallel worker', 'autovacuum worker'… */
  readonly type: string;
}

/** The PostgreSQL server processes working on a database right now (local server only). */
export async function databaseBackends(adminUrl: string, database: string): Promise<Backend[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result = await client.query<{ pid: number; type: string }>(
      `select pid, backend_type as type from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid()`,
      [database],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

/** Busy and total CPU time of the whole machine so far (all cores, /proc/stat), in ticks. */
function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    // idle and iowait are the time no work ran.
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * How busy the whole machine was between start and stop, 0 to 1: near 1,
 * nothing more can run faster, whatever its design (the bench's own load
 * generator and every other program on the machine included).
 */
export function watchMachineBusy(): { stop(): number } {
  const before = machineTicks();
  return {
    stop() {
      const after = machineTicks();
      const total = after.total - before.total;
      return total > 0 ? (after.busy - before.busy) / total : Number.NaN;
    },
  };
}
