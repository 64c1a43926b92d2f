import type { AdmissionLimits } from '../../src/auth/password-admission.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { type Clock, type DemoClock, fixedClock } from '../../src/clock.ts';
import type { Kysely } from 'kysely';
import type { Backend } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import type { ApiConfig } from '../../src/context.ts';
import type { ShutdownOptions } from '../../src/observability/graceful-shutdown.ts';
import type { Logger } from '../../src/observability/logger.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import { pendingMigrations } from '../../src/db/migrate.ts';
import { type TestDatabase, createTestDatabaseFor } from './test-database.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly {
    message: string;
    path?: readonly (string | number)[];
    extensions?: { code?: string };
  }[];
}

export interface TestApi {
  readonly server: RunningServer;
  readonly url: string;
  readonly database: TestDatabase;
  readonly clock: DemoClock;
  readonly gql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ) => Promise<GraphQLResponse<T>>;
  logIn(identifier: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'demo-rattrapage-2024';

/** POSTs any body to /graphql (a document by id, an operation name…), with a bearer token or none. */
export function postGraphqlBody(
  api: { readonly url: string },
  body: unknown,
  token: string | null,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${api.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
}

/**
 * A real API server on an ephemeral port over a fresh, migrated, seeded
 * database, driven through real HTTP requests. Its clock stands still at
 * `at` until a test moves it.
 */
export async function startTestApi(
  backend: Backend,
  options: {
    readonly at?: Date;
    /** Demo candidates to seed; 0 leaves the database empty (migrated only). */
    readonly candidates?: number;
    readonly mode?: 'demo' | 'production';
    /** Sessions, reset links and throttling follow it (the system clock by default). */
    readonly sessionClock?: Clock;
    readonly config?: Partial<ApiConfig>;
    readonly logger?: Logger;
    readonly shutdown?: ShutdownOptions;
    /** Let the server close the pool itself once drained (graceful-shutdown tests). */
    readonly serverClosesDatabase?: boolean;
    readonly passwordAdmission?: AdmissionLimits;
    /** GraphiQL and introspection (ServerOptions.exploration); the mode decides when absent. */
    readonly exploration?: boolean;
    readonly uploadLimitBytes?: number;
    /** What the server queries through, e.g. the test database with a counting plugin. */
    readonly instrument?: (db: Kysely<Database>) => Kysely<Database>;
    /**
     * ServerOptions.compileDocumentsAfter. 1 by default here, so that every
     * test's documents run through their compiled plan, as a document asked
     * twice does in production (graphql/compiled-execution.ts).
     */
    readonly compileDocumentsAfter?: number;
  } = {},
): Promise<TestApi> {
  const database = await createTestDatabaseFor(backend);
  if (options.candidates !== 0) {
    await seedDemo(database.db, { candidates: options.candidates ?? 80, hashPassword });
    await deliberateFirstGroup(database.db, 2024);
  }
  const clock = fixedClock(options.at ?? new Date('2024-06-29T12:00:00.000Z'));
  let server: RunningServer;
  try {
    server = await startServer({
      db: options.instrument?.(database.db) ?? database.db,
      clock,
      config: { mode: options.mode ?? 'demo', sessionHours: 12, ...options.config },
      isMigrated: async () => (await pendingMigrations(database.db)).length === 0,
      port: 0,
      host: '127.0.0.1',
      metrics: { port: 0, host: '127.0.0.1' },
      compileDocumentsAfter: options.compileDocumentsAfter ?? 1,
      ...(options.exploration === undefined ? {} : { exploration: options.exploration }),
      ...(options.uploadLimitBytes === undefined
        ? {}
        : { uploadLimitBytes: options.uploadLimitBytes }),
      ...(options.sessionClock === undefined ? {} : { sessionClock: options.sessionClock }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.passwordAdmission === undefined
        ? {}
        : { passwordAdmission: options.passwordAdmission }),
      ...(options.shutdown === undefined ? {} : { shutdown: options.shutdown }),
      ...(options.serverClosesDatabase === true
        ? { closeDatabase: () => database.db.destroy() }
        : {}),
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
    server,
    url: server.url,
    database,
    clock,
    gql: gql as TestApi['gql'],
    async logIn(identifier, password = DEMO_PASSWORD) {
      const result = await (gql as TestApi['gql'])<{
        logIn: { __typename: string; token?: string };
      }>(
        'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { __typename ... on Session { token } } }',
        { i: identifier, p: password },
      );
      const token = result.data?.logIn.token;
      if (token === undefined)
        throw new Error(`log-in failed for ${identifier}: ${JSON.stringify(result)}`);
      return token;
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
