import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../src/db/database.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

/** The files of docs/examples, which docs/operations.md tells a new user to load. */
export function exampleFile(name: string): string {
  return fileURLToPath(new URL(`../../../../docs/examples/${name}`, import.meta.url));
}

export function readExample(name: string): Promise<Buffer> {
  return readFile(exampleFile(name));
}

export interface WalkthroughApi extends TestApi {
  get(path: string, token: string): Promise<Response>;
}

/**
 * A real API server over a fresh, migrated and EMPTY database (no demo
 * data): the walkthrough loads everything itself, as an exam office would.
 * Production mode, so nothing is seeded and no stack trace helps a test pass;
 * the clock stands still until the test moves it.
 */
export async function startEmptyApi(backend: Backend, at: Date): Promise<WalkthroughApi> {
  const api = await startTestApi(backend, { at, candidates: 0, mode: 'production' });
  return {
    ...api,
    get(path, token) {
      return fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    },
  };
}
