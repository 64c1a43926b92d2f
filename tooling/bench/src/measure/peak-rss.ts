import { readFileSync, writeFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM); null once the process is gone. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

export interface PeakRss {
  /** The highest resident set size since start(), in bytes. */
  stop(): number;
}

/**
 * Watches a process's peak resident memory over one scenario. Linux keeps a
 * high-water mark (VmHWM) that writing 5 to clear_refs resets; where that is
 * refused, the resident size is polled every 50 ms instead (and the larger
 * of the two is kept either way).
 */
export function watchPeakRss(pid: number): PeakRss {
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  let polled = statusBytes(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    polled = Math.max(polled, statusBytes(pid, 'VmRSS') ?? 0);
  }, 50);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const hwm = reset ? (statusBytes(pid, 'VmHWM') ?? 0) : 0;
      return Math.max(polled, hwm, statusBytes(pid, 'VmRSS') ?? 0);
    },
  };
}

/** Watches several processes at once; stop() gives each one's peak, in the order given. */
export function watchPeakRssOf(pids: readonly number[]): { stop(): number[] } {
  const watches = pids.map(watchPeakRss);
  return { stop: () => watches.map((w) => w.stop()) };
}
