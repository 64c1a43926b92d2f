import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Backend, type DatabaseHandle, createDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/**
 * A fresh, migrated database for one test file (or one suite), dropped on
 * close. On PostgreSQL each gets its own database on the server named by
 * DATABASE_URL, so test files never see each other's rows.
 */
export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL: the URL of the test database. */
  url?: string;
  /** PGlite on disk: the temporary folder. */
  dataDir?: string;
}

export interface TestDatabaseOptions {
  /** PGlite: keep the data in a temporary folder instead of memory (removed on close). */
  onDisk?: boolean;
  /** Skip the migrations (tests of the migrations themselves). */
  migrate?: boolean;
}

/** PGlite always; PostgreSQL as well when DATABASE_URL names a server. */
export function backendsUnderTest(): Backend[] {
  return adminUrl() === undefined ? ['pglite'] : ['pglite', 'postgres'];
}

/** PostgreSQL when DATABASE_URL is set, PGlite otherwise. */
export function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  return createTestDatabaseFor(adminUrl() === undefined ? 'pglite' : 'postgres', options);
}

export async function createTestDatabaseFor(
  backend: Backend,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const handle =
    backend === 'postgres'
      ? await createPostgresTestDatabase()
      : await createPgliteTestDatabase(options.onDisk ?? false);
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

function adminUrl(): string | undefined {
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? undefined : url;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = adminUrl();
  if (url === undefined)
    throw new Error('DATABASE_URL is not set: no PostgreSQL server to test against.');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const name = `rattrapage_test_${randomBytes(6).toString('hex')}`;
  const quoted = pg.escapeIdentifier(name);
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${quoted}`));
  const url = new URL(adminUrl() ?? '');
  url.pathname = `/${name}`;
  // A few connections are plenty for a test, and many test databases may
  // be open at once on a small server.
  const handle = await createDatabase({ url: url.href, poolSize: 4 });
  return {
    ...handle,
    url: url.href,
    async close() {
      try {
        await handle.close();
      } finally {
        await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`));
      }
    },
  };
}

async function createPgliteTestDatabase(onDisk: boolean): Promise<TestDatabase> {
  if (!onDisk) return createDatabase({});
  const dataDir = await mkdtemp(join(tmpdir(), 'rattrapage-test-'));
  const handle = await createDatabase({ dataDir });
  return {
    ...handle,
    dataDir,
    async close() {
      try {
        await handle.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
