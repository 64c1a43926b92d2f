import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { passwordConcurrencyFromEnv, passwordPool } from '@rattrapage/api/accounts';
import { nodeOptionsOf } from './node-process.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const API_SOURCE = fileURLToPath(new URL('../../../../apps/api/src/', import.meta.url));

/**
 * Shared by the API and the web server of one run, as in production: with
 * it the API believes the client address the web forwards, so the web's
 * pages are served as they would be (docs/operations.md).
 */
export const BENCH_WEB_SECRET = randomBytes(32).toString('base64url');

export type DatabaseLocation =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string };

/** The variables that point the API's programs at a database (apps/api/src/env.ts). */
export function apiDatabaseEnv(location: DatabaseLocation): Record<string, string> {
  return location.kind === 'postgres'
    ? { DATABASE_URL: location.url }
    : // Empty means unset: PGlite, whatever the caller's DATABASE_URL.
      { DATABASE_URL: '', RATTRAPAGE_DATA_DIR: location.dataDir };
}

/**
 * The environment of a benchmarked API process: production mode (no demo
 * data, the real clock), its own port, logs at `warn` (PostGraphile logs no
 * request either; an access log line per request would be measured too),
 * and trusted documents off, because the bench sends its own candidate
 * query rather than the web's (the check itself is one hash lookup).
 * Anything else the caller exported (the admission queue's settings, for
 * one) passes through.
 */
export function apiServerEnv(location: DatabaseLocation, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...apiDatabaseEnv(location),
    PORT: String(port),
    HOST: '127.0.0.1',
    RATTRAPAGE_MODE: 'production',
    // Several instances side by side: each its own free metrics port.
    METRICS_PORT: '0',
    LOG_LEVEL: process.env['BENCH_API_LOG_LEVEL'] ?? 'warn',
    RATTRAPAGE_TRUSTED_DOCUMENTS: 'off',
    RATTRAPAGE_WEB_SECRET: BENCH_WEB_SECRET,
    NODE_ENV: 'production',
    ...nodeOptionsOf('API'),
  };
}

/**
 * The size of the thread pool the API's argon2id checks run on, as the
 * bench's API processes will size it (passwordPool, from the
 * RATTRAPAGE_PASSWORD_CONCURRENCY and UV_THREADPOOL_SIZE they inherit): for
 * the raw rate and the floor's log-ins, so that each checks on as many
 * threads as the API.
 */
export function apiPasswordThreads(): string {
  // Checked as the API checks it: a value it would refuse stops the bench too.
  return passwordPool(passwordConcurrencyFromEnv(process.env), process.env['UV_THREADPOOL_SIZE'])
    .threads;
}
