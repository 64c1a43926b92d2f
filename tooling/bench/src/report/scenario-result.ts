import type { LoadResult, ServerLoad } from '../load/load-plan.ts';

/**
 * What one scenario measured: its subject (the API) and the peer or limit
 * it is held against, measured in the same run, their ratio, and the
 * issue's target as checks that are met or not. Figures only: nothing here
 * fails the run.
 */

export type Unit =
  'req/s' | 'rows/s' | 'pages/s' | 'log-ins/s' | 'verifications/s' | 's' | 'ms CPU/request';

export interface Figure {
  /** What was measured: "API", "PostGraphile", "COPY", … */
  readonly label: string;
  readonly value: number;
  readonly unit: Unit;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Failed requests: connection errors, timeouts, unexpected statuses or bodies. */
  readonly errors?: number;
  /** Peak resident memory of the measured process(es) during the scenario, MB. */
  readonly peakRssMb?: number;
  /** CPU of the measured process(es) per successful request, ms: holds better than rates on a busy machine. */
  readonly cpuMsPerRequest?: number;
  /** CPU of the PostgreSQL processes serving them, per successful request, ms. */
  readonly databaseCpuMsPerRequest?: number;
  /** How busy the whole machine was meanwhile, percent of all its cores. */
  readonly machineBusyPercent?: number;
}

export interface Check {
  readonly label: string;
  readonly met: boolean;
}

export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly data: string;
  readonly subject: Figure;
  readonly peer: Figure;
  /** subject ÷ peer (for times in seconds: how many times longer the subject took). */
  readonly ratio: number;
  /** The target, in words. */
  readonly target: string;
  /** The target, check by check; none when the issue only asks for the ratio. */
  readonly checks: readonly Check[];
  /** Whatever helps read the figures (what was compared, what was seen). */
  readonly notes: readonly string[];
  /** Raw measurements (load results and the like), for the results file. */
  readonly raw?: Readonly<Record<string, unknown>>;
}

/** subject ÷ peer; NaN when the peer measured nothing (never Infinity in a JSON file). */
export function ratioOf(subject: number, peer: number): number {
  return peer > 0 && Number.isFinite(subject) ? subject / peer : Number.NaN;
}

/** True when every check is met, false when one is not, null when there is nothing to meet. */
export function targetMet(result: Pick<ScenarioResult, 'checks'>): boolean | null {
  return result.checks.length === 0 ? null : result.checks.every((c) => c.met);
}

export const MB = 1024 * 1024;

/** Requests that did not succeed, whatever the way: errors, timeouts, other statuses or bodies. */
export function failedRequests(load: LoadResult, acceptedStatuses: readonly number[] = []): number {
  const unexpected = Object.entries(load.statusCounts)
    .filter(([status]) => status !== '200' && !acceptedStatuses.includes(Number(status)))
    .reduce((n, [, count]) => n + count, 0);
  return load.connectionErrors + load.timeouts + load.failedBodies + unexpected;
}

/**
 * A server's figure from a measured run: successful requests per second
 * (times `perRequest`, for rows), latency, failures, the largest peak
 * memory and the CPU used per successful request (all servers together).
 */
export function loadFigure(
  label: string,
  run: ServerLoad,
  unit: Unit = 'req/s',
  perRequest = 1,
): Figure {
  const { load } = run;
  const perOk = (seconds: number) => (load.ok === 0 ? Number.NaN : (seconds * 1000) / load.ok);
  return {
    label,
    value: load.okPerSecond * perRequest,
    unit,
    p50Ms: load.latencyMs.p50,
    p99Ms: load.latencyMs.p99,
    errors: failedRequests(load),
    ...(run.peakRss.length === 0 ? {} : { peakRssMb: Math.max(...run.peakRss) / MB }),
    ...(run.cpuSeconds.length === 0
      ? {}
      : { cpuMsPerRequest: perOk(run.cpuSeconds.reduce((a, b) => a + b, 0)) }),
    ...(run.databaseCpuSeconds === null
      ? {}
      : { databaseCpuMsPerRequest: perOk(run.databaseCpuSeconds) }),
    machineBusyPercent: run.machineBusy * 100,
  };
}

/** CPU per request, server and database together (ms); NaN when not measured. */
export function totalCpuMs(f: Figure): number {
  return (f.cpuMsPerRequest ?? Number.NaN) + (f.databaseCpuMsPerRequest ?? 0);
}

/**
 * The two figures' CPU per request side by side, and the ratio it implies:
 * how the rates would compare if CPU were the only limit. It moves far less
 * than the rates with whatever else the machine runs.
 */
export function cpuNote(subject: Figure, peer: Figure): string {
  const ms = (f: Figure) =>
    `${f.label} ${(f.cpuMsPerRequest ?? Number.NaN).toFixed(2)} ms` +
    (f.databaseCpuMsPerRequest === undefined
      ? ''
      : ` + PostgreSQL ${f.databaseCpuMsPerRequest.toFixed(2)} ms`);
  const ratio = ratioOf(totalCpuMs(peer), totalCpuMs(subject));
  return `CPU per request: ${ms(subject)}; ${ms(peer)}; by CPU alone, ${ratio.toFixed(2)}×.`;
}
