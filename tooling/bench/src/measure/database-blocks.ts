import { setTimeout as sleep } from 'node:timers/promises';
import { onAdmin } from '../data/bench-database.ts';

/**
 * Blocks of 8 kB PostgreSQL needed for some databases' work: found in its
 * shared buffers, or read from outside them (the system's file cache, here,
 * where the machine's memory holds every database).
 */
export interface DatabaseBlocks {
  readonly inBuffers: number;
  readonly fromOutside: number;
}

/**
 * PostgreSQL 15's backends publish their counters at most once a second
 * while busy, and ten seconds after they fall idle: counters read right
 * after a load lack its last second. Waiting this long after the load
 * lets every idle backend publish.
 */
export const STATISTICS_SETTLE_SECONDS = 11;

async function blocksNow(adminUrl: string, databases: readonly string[]): Promise<DatabaseBlocks> {
  const { rows } = await onAdmin(adminUrl, (client) =>
    client.query<{ hit: string; read: string }>(
      `select coalesce(sum(blks_hit), 0)::text as hit, coalesce(sum(blks_read), 0)::text as read
         from pg_stat_database where datname = any($1::text[])`,
      [databases],
    ),
  );
  return { inBuffers: Number(rows[0]?.hit ?? 0), fromOutside: Number(rows[0]?.read ?? 0) };
}

/**
 * Counts the blocks some databases use between start and stop, each end
 * read once their backends have published (STATISTICS_SETTLE_SECONDS): the
 * databases must be idle at both ends, or the counts take in what runs then.
 */
export async function watchDatabaseBlocks(
  adminUrl: string,
  databases: readonly string[],
  settleSeconds: number,
): Promise<{ stop(): Promise<DatabaseBlocks> }> {
  await sleep(settleSeconds * 1000);
  const before = await blocksNow(adminUrl, databases);
  return {
    async stop() {
      await sleep(settleSeconds * 1000);
      const after = await blocksNow(adminUrl, databases);
      return {
        inBuffers: after.inBuffers - before.inBuffers,
        fromOutside: after.fromOutside - before.fromOutside,
      };
    },
  };
}
