import { Writable } from 'node:stream';
import type { Backend } from '../../src/db/database.ts';
import { createLogger } from '../../src/observability/logger.ts';
import type { ShutdownOptions } from '../../src/observability/graceful-shutdown.ts';
import type { RunningServer } from '../../src/server.ts';
import { startTestApi } from '../support/api-harness.ts';
import type { TestDatabase } from '../support/test-database.ts';

export interface ObservedApi {
  readonly server: RunningServer;
  readonly database: TestDatabase;
  /** Every log line written so far, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Every log line written so far, as written (to look for leaked secrets). */
  readonly rawLogs: () => string;
  close(): Promise<void>;
}

/**
 * Like test/support/api-harness.ts, but the test holds the server handle
 * (draining, close) and reads the logs: a pino logger at `info` writes into
 * memory instead of stdout.
 */
export async function startObservedApi(
  backend: Backend,
  options: { readonly shutdown?: ShutdownOptions; readonly mode?: 'demo' | 'production' } = {},
): Promise<ObservedApi> {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const api = await startTestApi(backend, {
    candidates: 20,
    logger: createLogger({ level: 'info', destination }),
    serverClosesDatabase: true,
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(options.shutdown === undefined ? {} : { shutdown: options.shutdown }),
  });
  const { server, database } = api;
  const rawLogs = () => chunks.join('');
  return {
    server,
    database,
    get logs() {
      return rawLogs()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs,
    close: () => api.close(),
  };
}

/** The value of one sample in a Prometheus text exposition; undefined when absent. */
export function sampleOf(exposition: string, name: string, labels: Record<string, string> = {}) {
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const present = new Map(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => present.get(k) === v)) return Number(match[3]);
  }
  return undefined;
}

export const DEMO_PASSWORD = 'demo-rattrapage-2024';

export const LOG_IN =
  'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename ... on Session { token } } }';
