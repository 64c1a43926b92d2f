import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ShutdownOptions {
  /**
   * How long /readyz answers 503 while new connections are still accepted,
   * so a load balancer stops routing here before the port closes.
   */
  readonly readinessGraceMs?: number;
  /** The longest in-flight requests may take to finish; then their connections are cut. */
  readonly drainTimeoutMs?: number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export interface Drain {
  readonly draining: boolean;
  readonly inFlight: number;
  /** Marks the server not ready, waits out the grace, stops accepting, waits for in-flight requests. */
  drain(): Promise<void>;
}

/**
 * Tracks the requests in flight on `server` and drains it on shutdown in
 * the order a load balancer needs (« Reliability »): not ready first, then
 * no new connections, then the requests under way finish (bounded).
 */
export function trackDrain(server: Server, options: ShutdownOptions = {}): Drain {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  // Before the app's own listener, which may answer at once.
  server.prependListener('request', (_req, res) => {
    inFlight++;
    // A keep-alive client would otherwise send its next request to a
    // closing server.
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });

  let drained: Promise<void> | undefined;
  const drain = async () => {
    draining = true;
    const grace = options.readinessGraceMs ?? 0;
    if (grace > 0) await sleep(grace);
    const closed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    server.closeIdleConnections();
    const finished =
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            idle = resolve;
          });
    const timeout = new AbortController();
    const timedOut = sleep(options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS, 'timeout', {
      signal: timeout.signal,
    }).catch(() => 'aborted');
    await Promise.race([finished, timedOut]);
    timeout.abort();
    // No request is left (or the timeout is up): what remains are idle
    // keep-alive connections, or requests that had their time.
    server.closeAllConnections();
    await closed;
  };

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    drain() {
      drained ??= drain();
      return drained;
    },
  };
}
