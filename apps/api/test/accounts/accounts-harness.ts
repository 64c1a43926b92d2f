import { type DemoClock, fixedClock } from '../../src/clock.ts';
import type { Backend } from '../../src/db/database.ts';
import { type GraphQLResponse, startTestApi } from '../support/api-harness.ts';
import type { TestDatabase } from '../support/test-database.ts';

export { DEMO_PASSWORD } from '../support/api-harness.ts';

/**
 * Like startTestApi, with a session clock the test moves (sessions, reset
 * links and throttling follow it, not the exam calendar's clock).
 */
export interface AccountsApi {
  readonly database: TestDatabase;
  readonly sessionClock: DemoClock;
  readonly gql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ) => Promise<GraphQLResponse<T>>;
  /** Moves the session clock forward by `ms`. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export const SESSION_START = new Date('2026-11-29T09:00:00.000Z');

export async function startAccountsApi(backend: Backend): Promise<AccountsApi> {
  const sessionClock = fixedClock(SESSION_START);
  const api = await startTestApi(backend, {
    candidates: 20,
    sessionClock,
    config: { webOrigin: 'https://rattrapage.example.fr' },
  });
  return {
    database: api.database,
    sessionClock,
    gql: api.gql,
    advance(ms) {
      sessionClock.set(new Date(sessionClock.now().getTime() + ms));
    },
    close: () => api.close(),
  };
}
