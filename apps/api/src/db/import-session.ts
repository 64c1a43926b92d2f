import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import copyStreams from 'pg-copy-streams';
import { withPgClientOf } from './database.ts';
import type { Database } from './schema.ts';

/** COPY text, as a string or as its UTF-8 bytes. */
export type CopyChunk = string | Uint8Array;

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
    | ((statement: string, chunks: Iterable<CopyChunk> | AsyncIterable<CopyChunk>) => Promise<void>)
    | null;
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

type Copy = NonNullable<ImportSession['copy']>;

/**
 * One COPY statement per `partChunks` chunks of `chunks`, the next part
 * read ahead while the server finishes the last. A foreign key's checks
 * are after-row triggers that PostgreSQL fires when the statement ends:
 * in one COPY of a whole file, the server waits on the reading and then
 * the process on millions of checks (10–13 of the 27–28 s of 2 000 000
 * marks); in parts, the reading of one overlaps the checks of the one
 * before.
 * Memory holds a part read ahead, whatever the file's size.
 */
export async function copyInParts(
  copy: Copy,
  statement: string,
  chunks: AsyncIterable<CopyChunk>,
  partChunks: number,
): Promise<void> {
  // Reading ahead runs in promise callbacks only (the file is read a
  // megabyte at a time): without a turn of the event loop after each
  // chunk, the socket would not be written to while a megabyte is parsed.
  async function* turning(): AsyncGenerator<CopyChunk> {
    for await (const chunk of chunks) {
      yield chunk;
      await setImmediatePromise();
    }
  }
  const ahead = Readable.from(turning(), { objectMode: true, highWaterMark: partChunks });
  const iterator = ahead[Symbol.asyncIterator]();
  const reading: { ended: boolean } = { ended: false };
  // Never returns the shared iterator: the next part reads on from where this one stopped.
  async function* part(): AsyncGenerator<CopyChunk> {
    for (let n = 0; n < partChunks; n += 1) {
      const next = await iterator.next();
      if (next.done === true) {
        reading.ended = true;
        return;
      }
      yield next.value as CopyChunk;
    }
  }
  try {
    while (!reading.ended) await copy(statement, part());
  } finally {
    ahead.destroy();
  }
}
