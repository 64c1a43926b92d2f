import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DatabaseHandle } from '@rattrapage/api/database';
import { sql } from 'kysely';
import copyStreams from 'pg-copy-streams';
import { type Cell, type TableRows, copyTextChunks } from './table-rows.ts';

/**
 * Loads rows the fastest way the backend offers: COPY … FROM STDIN on
 * PostgreSQL; multi-row INSERTs on PGlite (small data sets only there).
 */
export async function loadRows(handle: DatabaseHandle, rows: TableRows): Promise<void> {
  if (handle.withPgClient !== undefined) {
    await copyRows(handle, rows.table, rows.columns, copyTextChunks(rows.rows()), {
      skipForeignKeyChecks: true,
    });
    return;
  }
  const perInsert = Math.floor(60_000 / rows.columns.length);
  let batch: (readonly Cell[])[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((row) => sql`(${sql.join(row.map((v) => sql`${v}`))})`);
    await sql`insert into ${sql.table(rows.table)} (${sql.join(rows.columns.map((c) => sql.ref(c)))})
      values ${sql.join(values)}`.execute(handle.db);
    batch = [];
  };
  for (const row of rows.rows()) {
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
}

/**
 * COPY text chunks into a table through one pooled client (PostgreSQL only).
 * `skipForeignKeyChecks` is for the bench's own set-up data, consistent by
 * construction: foreign keys are checked by per-row triggers, which a
 * superuser may skip (session_replication_role), saving most of the load
 * time; a server that refuses it simply checks them. Never for a measured COPY.
 */
export async function copyRows(
  handle: DatabaseHandle,
  table: string,
  columns: readonly string[],
  chunks: Iterable<string>,
  options: { readonly skipForeignKeyChecks?: boolean } = {},
): Promise<void> {
  const withPgClient = handle.withPgClient;
  if (withPgClient === undefined) throw new Error('COPY needs PostgreSQL.');
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  await withPgClient(async (client) => {
    let skipping = false;
    if (options.skipForeignKeyChecks === true) {
      skipping = await client.query('set session_replication_role = replica').then(
        () => true,
        () => false,
      );
    }
    try {
      await pipeline(Readable.from(chunks), client.query(copyStreams.from(statement)));
    } finally {
      if (skipping) await client.query('reset session_replication_role');
    }
  });
}

/** COPY a file of COPY text into a table (PostgreSQL only): the peer of the CSV import. */
export async function copyFile(
  handle: DatabaseHandle,
  table: string,
  columns: readonly string[],
  path: string,
): Promise<void> {
  const withPgClient = handle.withPgClient;
  if (withPgClient === undefined) throw new Error('COPY needs PostgreSQL.');
  const statement = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  await withPgClient(async (client) => {
    await pipeline(createReadStream(path), client.query(copyStreams.from(statement)));
  });
}
