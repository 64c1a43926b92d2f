/**
 * What the load process is asked to do, and what it answers. The load runs
 * in a process of its own (load-worker.ts), so that the load generator's CPU
 * is not counted in the process being measured, and the reverse.
 */

import type { DatabaseBlocks } from '../measure/database-blocks.ts';

export interface LoadRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** A page rather than a GraphQL request (the web scenario): GET, no body. */
  readonly method?: 'GET' | 'POST';
}

export interface LoadPlan {
  /**
   * Where requests go, each URL with its path (a GraphQL endpoint, or a web
   * page); the connections (and the rate) are shared out among them.
   */
  readonly targets: readonly string[];
  readonly connections: number;
  readonly durationSeconds: number;
  /**
   * A fixed offered rate over all targets, requests per second, evenly spaced
   * whatever the answers (paced-load.ts); none: each connection sends its next
   * request when the last is answered.
   */
  readonly overallRate?: number;
  /** A request not answered within this is abandoned and counted as a timeout. */
  readonly timeoutSeconds: number;
  /** Answers slower than this are counted (the overload's "no request hangs" bound). */
  readonly slowMs: number;
  /** A 200 whose body contains this counts as a success; any other 200 is a failed request. */
  readonly okMarker: string;
  /** Sent in turn, one after the other, over all connections. */
  readonly requests: readonly LoadRequest[];
}

export interface LoadResult {
  readonly durationSeconds: number;
  /** Answers received, whatever their status. */
  readonly completed: number;
  /** 200 answers carrying okMarker. */
  readonly ok: number;
  readonly okPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Latency of the 429 and 503 answers alone (0 when there were none). */
  readonly rejectLatencyMs: { readonly p50: number; readonly p99: number };
  /** Answers by HTTP status. */
  readonly statusCounts: Readonly<Record<string, number>>;
  /** 200 answers without okMarker (a GraphQL error, a refused log-in). */
  readonly failedBodies: number;
  readonly connectionErrors: number;
  readonly timeouts: number;
  /** Answers slower than slowMs. */
  readonly slow: number;
  /** 429 and 503 answers that said nothing of when to retry. */
  readonly retryAfterMissing: number;
  /** A load at a fixed rate: how late its requests left on their schedule (the load process's own lag). */
  readonly sendLagMs?: { readonly p99: number; readonly max: number };
  /** The first unexpected answer, cut short, to tell what went wrong. */
  readonly sampleFailure: string | null;
  /**
   * The latencies themselves (all of them, or an even sample of at most
   * 20 000), so that slices of a run can be merged; dropped once merged.
   */
  readonly samples?: { readonly latencies: readonly number[]; readonly rejects: readonly number[] };
}

/** A load result with what the servers used meanwhile (measured by the bench, not the load process). */
export interface ServerLoad {
  readonly load: LoadResult;
  /** Peak resident memory of each server during the measured run, bytes, in the order given. */
  readonly peakRss: readonly number[];
  /** CPU seconds each server used during the measured run. */
  readonly cpuSeconds: readonly number[];
  /** CPU seconds of the PostgreSQL backends answering the servers' database(s); null on PGlite. */
  readonly databaseCpuSeconds: number | null;
  /** CPU seconds of autovacuum workers on that database meanwhile, not counted above; null on PGlite. */
  readonly autovacuumCpuSeconds: number | null;
  /** How busy the whole machine was meanwhile, 0 to 1 (every core, every program). */
  readonly machineBusy: number;
  /** PostgreSQL's blocks for the servers' database over the measure, where counted (measureInTurns). */
  readonly databaseBlocks?: DatabaseBlocks;
}

/** `total` shared out as evenly as possible over `parts` (the first ones get the remainder). */
export function share(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}
