import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type DemoClock, fixedClock } from '../../src/clock.ts';
import type { Backend } from '../../src/db/database.ts';
import { pendingMigrations } from '../../src/db/migrate.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import type { GraphQLResponse } from '../support/api-harness.ts';
import { type TestDatabase, createTestDatabaseFor } from '../support/test-database.ts';

/** The files of docs/examples, which docs/operations.md tells a new user to load. */
export function exampleFile(name: string): string {
  return fileURLToPath(new URL(`../../../../docs/examples/${name}`, import.meta.url));
}

export function readExample(name: string): Promise<Buffer> {
  return readFile(exampleFile(name));
}

export interface WalkthroughApi {
  readonly url: string;
  readonly database: TestDatabase;
  readonly clock: DemoClock;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  logIn(identifier: string, password: string): Promise<string>;
  get(path: string, token: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A real API server over a fresh, migrated and EMPTY database (no demo
 * data): the walkthrough loads everything itself, as an exam office would.
 * Production mode, so nothing is seeded and no stack trace helps a test pass;
 * the clock stands still until the test moves it.
 */
export async function startEmptyApi(backend: Backend, at: Date): Promise<WalkthroughApi> {
  const database = await createTestDatabaseFor(backend);
  const clock = fixedClock(at);
  let server: RunningServer;
  try {
    server = await startServer({
      db: database.db,
      clock,
      config: { mode: 'production', sessionHours: 12 },
      isMigrated: async () => (await pendingMigrations(database.db)).length === 0,
      port: 0,
      host: '127.0.0.1',
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const gql = async (
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = null,
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    return { status: response.status, ...body };
  };
  return {
    url: server.url,
    database,
    clock,
    gql: gql as WalkthroughApi['gql'],
    async logIn(identifier, password) {
      const result = await gql(
        'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename ... on Session { token } } }',
        { i: identifier, p: password },
      );
      const logIn = (result.data as { logIn?: { token?: string } } | null | undefined)?.logIn;
      if (logIn?.token === undefined)
        throw new Error(`log-in failed for ${identifier}: ${JSON.stringify(result)}`);
      return logIn.token;
    },
    get(path, token) {
      return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
