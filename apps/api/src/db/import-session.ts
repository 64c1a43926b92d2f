import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import copyStreams from 'pg-copy-streams';
import { withPgClientOf } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Where an import runs: a Kysely instance bound to ONE connection, so that
 * its transaction, its temporary staging table and a COPY stream all see
 * each other. On PostgreSQL that is a pooled client of its own, which also
 * serves `COPY … FROM STDIN` (pg-copy-streams); PGlite has a single
 * connection already and no COPY FROM STDIN stream, so `copy` is null there
 * and callers fall back to multi-row inserts.
 */
export interface ImportSession {
  readonly db: Kysely<Database>;
  readonly copy:
    ((statement: string, chunks: Iterable<string> | AsyncIterable<string>) => Promise<void>) | null;
}

export async function withImportSession<T>(
  db: Kysely<Database>,
  run: (session: ImportSession) => Promise<T>,
): Promise<T> {
  const withPgClient = withPgClientOf(db);
  if (withPgClient === undefined) return run({ db, copy: null });
  return withPgClient(async (client) => {
    // Kysely asks the "pool" for a connection per transaction: always this one.
    const single: PostgresPoolClient = {
      query: ((...args: unknown[]) =>
        (client.query as (...a: unknown[]) => unknown)(...args)) as PostgresPoolClient['query'],
      release: () => undefined,
    };
    const pool: PostgresPool = {
      connect: () => Promise.resolve(single),
      end: () => Promise.resolve(),
      // Only read to cancel a running query from a second connection: unused here.
      options: {},
    };
    const bound = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      return await run({
        db: bound,
        copy: async (statement, chunks) => {
          await pipeline(Readable.from(chunks), client.query(copyStreams.from(statement)));
        },
      });
    } finally {
      await bound.destroy();
    }
  });
}
