import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type { DatabaseConnection } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { OID, parseDate, parseInt8 } from './value-parsers.ts';
import { preparingPool } from './prepared-statements.ts';

export type Backend = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** A PostgreSQL URL. Without one, the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite only: the folder that holds the data (created if absent); `memory://` or none keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL only: the most connections the pool opens. */
  poolSize?: number | undefined;
  /**
   * PostgreSQL only: send parameterised reads as named prepared statements
   * (db/prepared-statements.ts). On unless false.
   */
  preparedStatements?: boolean | undefined;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  close(): Promise<void>;
  /** PostgreSQL only: one pooled client of its own, for COPY (bulk import); session in UTC. */
  withPgClient?: WithPgClient;
}

export type WithPgClient = <T>(run: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

const pgClientAccess = new WeakMap<Kysely<Database>, WithPgClient>();

/** The raw-client access of a PostgreSQL handle's Kysely instance; undefined on PGlite. */
export function withPgClientOf(db: Kysely<Database>): WithPgClient | undefined {
  return pgClientAccess.get(db);
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

const poolStats = new WeakMap<Kysely<Database>, () => PoolStats>();

/** The connection pool's state of a PostgreSQL handle, for metrics; undefined on PGlite. */
export function poolStatsOf(db: Kysely<Database>): PoolStats | undefined {
  return poolStats.get(db)?.();
}

export const MEMORY_DATA_DIR = 'memory://';
const DEFAULT_POOL_SIZE = 10;

/**
 * Every instant is stored as timestamptz and comes back as a Date, whatever
 * the session's zone; UTC only keeps SQL-side date arithmetic and casts
 * (`at::date`) from depending on the server's configuration.
 */
async function useUtc(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw("SET TIME ZONE 'UTC'"));
}

/** Opens the database: PostgreSQL when a URL is given, PGlite otherwise. */
export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  return options.url === undefined
    ? createPgliteDatabase(options.dataDir)
    : createPostgresDatabase(
        options.url,
        options.poolSize ?? DEFAULT_POOL_SIZE,
        options.preparedStatements ?? true,
      );
}

function createPostgresDatabase(
  url: string,
  poolSize: number,
  preparedStatements: boolean,
): DatabaseHandle {
  // Per pool, not pg.types.setTypeParser: the global one would change every
  // other pg client in the process.
  const types = new pg.TypeOverrides();
  types.setTypeParser(OID.INT8, parseInt8);
  types.setTypeParser(OID.DATE, parseDate);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    // A server that silently drops packets, or a pool exhausted for this
    // long, fails the request (503 DATABASE_UNAVAILABLE) instead of leaving
    // it to the operating system's TCP timeout.
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server emits 'error' on the pool; with no
  // listener that would end the process. The next query reconnects.
  pool.on('error', (error) => {
    console.error('PostgreSQL: idle connection lost:', error.message);
  });
  pool.on('connect', (client) => {
    // A client checked out of the pool has no listener of the pool's: losing
    // its server (restart, failover) would emit an unhandled 'error' and end
    // the process. The query in flight fails by itself, and the pool drops
    // the broken client when it comes back.
    client.on('error', () => undefined);
    // Queued before whatever the client is lent for, so it runs first. Not
    // Kysely's onCreateConnection: when that fails (a connection cut right
    // after it opened) Kysely never gives the client back, and a few such
    // cuts leave the pool empty and every request waiting forever.
    client.query("SET TIME ZONE 'UTC'").catch(() => {
      // Not in UTC, so not to be used: ending it fails its queued queries.
      void client.end().catch(() => undefined);
    });
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparedStatements ? preparingPool(pool) : pool }),
  });
  const withPgClient: WithPgClient = async (run) => {
    const client = await pool.connect();
    try {
      // Already in UTC: the pool's 'connect' handler set it before any use.
      return await run(client);
    } finally {
      client.release();
    }
  };
  pgClientAccess.set(db, withPgClient);
  poolStats.set(db, () => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));
  return { db, backend: 'postgres', close: () => db.destroy(), withPgClient };
}

async function createPgliteDatabase(dataDir: string | undefined): Promise<DatabaseHandle> {
  const inMemory = dataDir === undefined || dataDir === MEMORY_DATA_DIR;
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? MEMORY_DATA_DIR : dataDir, {
    parsers: { [OID.INT8]: parseInt8, [OID.DATE]: parseDate },
  });
  const db = new Kysely<Database>({
    dialect: new PGliteDialect({ pglite, onCreateConnection: useUtc }),
  });
  return {
    db,
    backend: 'pglite',
    async close() {
      await db.destroy();
      // Kysely only closes an instance it has started using.
      if (!pglite.closed) await pglite.close();
    },
  };
}
