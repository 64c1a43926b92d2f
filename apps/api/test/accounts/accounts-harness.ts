import { hashPassword } from '../../src/auth/password.ts';
import { type DemoClock, fixedClock } from '../../src/clock.ts';
import type { Backend } from '../../src/db/database.ts';
import { pendingMigrations } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import type { GraphQLResponse } from '../support/api-harness.ts';
import { type TestDatabase, createTestDatabaseFor } from '../support/test-database.ts';

export { DEMO_PASSWORD } from '../support/api-harness.ts';

/**
 * Like startTestApi, with a session clock the test moves (sessions, reset
 * links and throttling follow it, not the exam calendar's clock).
 */
export interface AccountsApi {
  readonly database: TestDatabase;
  readonly sessionClock: DemoClock;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Moves the session clock forward by `ms`. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export const SESSION_START = new Date('2026-11-29T09:00:00.000Z');

export async function startAccountsApi(backend: Backend): Promise<AccountsApi> {
  const database = await createTestDatabaseFor(backend);
  await seedDemo(database.db, { candidates: 20, hashPassword });
  const sessionClock = fixedClock(SESSION_START);
  let server: RunningServer;
  try {
    server = await startServer({
      db: database.db,
      clock: fixedClock(new Date('2024-06-29T12:00:00.000Z')),
      sessionClock,
      config: { mode: 'demo', sessionHours: 12, webOrigin: 'https://rattrapage.example.fr' },
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
    database,
    sessionClock,
    gql: gql as AccountsApi['gql'],
    advance(ms) {
      sessionClock.set(new Date(sessionClock.now().getTime() + ms));
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
