import { Pool } from 'undici';
import { percentile, sortedCopy } from '../measure/percentiles.ts';
import { type LoadPlan, type LoadResult, share } from './load-plan.ts';
import { emptyTally, loadResultOf, recordAnswer } from './load-tally.ts';

/** Time as the schedule sees it, in milliseconds; a test gives its own. */
export interface ScheduleClock {
  now(): number;
  /** Resolves at `instant` or after it, never before. */
  sleepUntil(instant: number): Promise<void>;
}

export const realClock: ScheduleClock = {
  now: () => performance.now(),
  sleepUntil: (instant) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - performance.now()))),
};

/**
 * Sends request k at `k / rate` seconds after the start, whatever became of
 * the requests before it, until `durationMs` has passed; returns how many
 * left. A request whose instant the sender missed (its own event loop was
 * late) leaves at once, with its lag, so the count never depends on timing.
 */
export async function sendAtRate(
  schedule: { readonly rate: number; readonly durationMs: number },
  send: (index: number, lagMs: number) => void,
  clock: ScheduleClock = realClock,
): Promise<number> {
  if (!(schedule.rate > 0)) throw new RangeError('A paced load needs a positive rate.');
  const start = clock.now();
  let index = 0;
  for (;;) {
    const due = (index * 1000) / schedule.rate;
    if (due >= schedule.durationMs) return index;
    const elapsed = clock.now() - start;
    if (elapsed < due) await clock.sleepUntil(start + due);
    else {
      send(index, elapsed - due);
      index += 1;
    }
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * An open-loop load at the plan's fixed rate (row 3's overload, row 10's
 * log-ins): requests leave evenly spaced over kept-alive connections, as
 * many as the plan allows, the next one whether or not the last was
 * answered. autocannon's own rate gives each connection one request a
 * second on timers all set at the same instant: the whole second's requests
 * left in one burst, and the last of them waited behind the rest.
 *
 * Latency runs from the moment a request is handed to its connections; how
 * late the sender itself was on the schedule is `sendLagMs`. Every request
 * sent within the duration is waited for (at most the plan's timeout), so
 * the successes counted are those of the requests offered.
 */
export async function runPacedLoad(
  plan: LoadPlan & { readonly overallRate: number },
  clock: ScheduleClock = realClock,
): Promise<LoadResult> {
  if (plan.requests.length === 0 || plan.targets.length === 0)
    throw new Error('A load plan needs at least one request and one target.');
  const timeoutMs = plan.timeoutSeconds * 1000;
  const targets = plan.targets.map((target, i) => {
    const url = new URL(target);
    const connections = share(plan.connections, plan.targets.length, i);
    return {
      path: url.pathname + url.search,
      pool: new Pool(url.origin, {
        connections: Math.max(1, connections),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      }),
    };
  });
  const tally = emptyTally();
  const failures = { connectionErrors: 0, timeouts: 0 };
  const lags: number[] = [];
  const inFlight = new Set<Promise<void>>();

  const sendOne = async (index: number): Promise<void> => {
    const chosen = plan.requests[index % plan.requests.length];
    const target = targets[index % targets.length];
    if (chosen === undefined || target === undefined) return; // both lists were checked non-empty
    const sentAt = performance.now();
    try {
      const answer = await target.pool.request(
        chosen.method === 'GET'
          ? { path: target.path, method: 'GET', headers: chosen.headers }
          : {
              path: target.path,
              method: 'POST',
              headers: { 'content-type': 'application/json', ...chosen.headers },
              body: chosen.body,
            },
      );
      const body = await answer.body.text();
      recordAnswer(tally, plan, {
        status: answer.statusCode,
        body,
        headers: answer.headers,
        elapsedMs: performance.now() - sentAt,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && TIMEOUT_CODES.has(code)) failures.timeouts++;
      else failures.connectionErrors++;
      tally.sampleFailure ??= String(error).slice(0, 300);
    }
  };

  await sendAtRate(
    { rate: plan.overallRate, durationMs: plan.durationSeconds * 1000 },
    (index, lagMs) => {
      lags.push(lagMs);
      const request = sendOne(index);
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    },
    clock,
  );
  await Promise.all(inFlight);
  await Promise.all(targets.map(({ pool }) => pool.close()));
  const sortedLags = sortedCopy(lags);
  return loadResultOf(tally, plan.durationSeconds, failures, {
    sendLagMs: { p99: percentile(sortedLags, 99), max: sortedLags.at(-1) ?? 0 },
  });
}
