import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, hashToken } from '@rattrapage/api/accounts';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAll } from '../src/cleanup.ts';
import { watchDatabaseCpu } from '../src/measure/cpu-time.ts';
import { watchDatabaseBlocks } from '../src/measure/database-blocks.ts';
import { publishBatchAt } from '../src/data/publication-calendar.ts';
import { openDatabase } from '../src/data/seed-population.ts';
import { type SizedSession, seedSessionsOfSizes } from '../src/data/seed-sizes.ts';

// The cost-growth scenario compares sessions that differ in size alone: the
// smaller one must be the first candidates of the larger, deliberated the
// same way. Needs PostgreSQL (DATABASE_URL, as CI sets it).
const adminUrl = process.env['DATABASE_URL'] || undefined;

describe.runIf(adminUrl !== undefined)('sessions of several sizes', () => {
  let workDir = '';
  let sessions: SizedSession[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'rattrapage-sizes-'));
    sessions = await seedSessionsOfSizes({
      adminUrl: adminUrl ?? '',
      stamp: `test_${randomBytes(4).toString('hex')}`,
      workDir,
      sizes: [120, 300],
      schoolsPerAcademy: 1,
      sessions: 10,
      passwordHash: await hashPassword('banc'),
      progress: () => undefined,
    });
  }, 120_000);

  afterAll(async () => {
    await cleanUpAll();
    await rm(workDir, { recursive: true, force: true });
  });

  async function candidatesOf(session: SizedSession) {
    const handle = await openDatabase(session.location);
    try {
      return await handle.db
        .selectFrom('candidates')
        .select(['id', 'number', 'first_group_outcome'])
        .orderBy('number')
        .execute();
    } finally {
      await handle.close();
    }
  }

  it('makes the smaller session the first candidates of the larger, each deliberated', async () => {
    const [small, large] = await Promise.all(sessions.map(candidatesOf));
    expect(small).toHaveLength(120);
    expect(large).toHaveLength(300);
    // Numbers carry the académie, so their order is not the draw's: matched by id.
    const inLarge = new Map(large?.map((c) => [c.id, c]));
    expect(small?.map((c) => inLarge.get(c.id))).toEqual(small);
    expect(large?.every((c) => c.first_group_outcome !== null)).toBe(true);
  });

  it('leaves each session vacuumed after its deliberation, so that no size is read mid-autovacuum', async () => {
    for (const s of sessions) {
      const handle = await openDatabase(s.location);
      try {
        const stats = await sql<{ vacuumed: boolean }>`
          select last_vacuum is not null as vacuumed from pg_stat_user_tables
          where relname = 'candidates'`.execute(handle.db);
        expect(stats.rows).toEqual([{ vacuumed: true }]);
      } finally {
        await handle.close();
      }
    }
  });

  it('counts the CPU of a database’s client backends, one that connected during the run included', async () => {
    const session = sessions[0] as SizedSession;
    const watch = await watchDatabaseCpu(adminUrl ?? '', [session.database.name]);
    const handle = await openDatabase(session.location);
    try {
      await sql`select count(*) from generate_series(1, 3000000)`.execute(handle.db);
      const used = await watch.stop();
      expect(used.serving).toBeGreaterThan(0);
      expect(used.autovacuum).toBeGreaterThanOrEqual(0);
    } finally {
      await handle.close();
    }
  });

  it('counts the blocks a database’s backends used, in PostgreSQL’s buffers or from outside them', async () => {
    const session = sessions[1] as SizedSession;
    const client = new pg.Client({ connectionString: session.database.url });
    await client.connect();
    try {
      await client.query(
        `create table blocks_probe as select g, repeat('x', 500) as x from generate_series(1, 20000) g`,
      );
      const pages = await client.query<{ n: number }>(
        `select (pg_relation_size('blocks_probe') / 8192)::int as n`,
      );
      // A backend publishes what it counted when told to, before its next
      // ReadyForQuery; otherwise at most once a second.
      await client.query(`select pg_stat_force_next_flush()`);
      const watch = await watchDatabaseBlocks(adminUrl ?? '', [session.database.name], 0);
      await client.query(`select sum(length(x)) from blocks_probe`);
      await client.query(`select pg_stat_force_next_flush()`);
      const used = await watch.stop();
      const heapPages = pages.rows[0]?.n ?? 0;
      expect(heapPages).toBeGreaterThan(1000);
      expect(used.inBuffers + used.fromOutside).toBeGreaterThanOrEqual(heapPages);
    } finally {
      await client.query(`drop table if exists blocks_probe`);
      await client.end();
    }
  });

  it('gives each session its readers’ and its académie’s tokens', () => {
    for (const s of sessions) {
      expect(s.candidateTokens).toHaveLength(10);
      expect(s.academyToken).not.toBe('');
    }
  });

  /** The candidate numbers these tokens' sessions read, in this session's database. */
  async function readersOf(session: SizedSession, tokens: readonly string[]) {
    const handle = await openDatabase(session.location);
    try {
      const rows = await handle.db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select('accounts.identifier')
        .where('sessions.token_hash', 'in', tokens.map(hashToken))
        .orderBy('accounts.identifier')
        .execute();
      return rows.map((r) => r.identifier);
    } finally {
      await handle.close();
    }
  }

  it('gives the larger session sessions of the smaller one’s readers, spread over the smaller one only', async () => {
    const [small, large] = sessions as [SizedSession, SizedSession];
    expect(small.smallestsReaders).toBe(small.candidateTokens);
    const smallReaders = await readersOf(small, small.candidateTokens);
    const largeOwn = await readersOf(large, large.candidateTokens);
    expect(smallReaders).toHaveLength(10);
    expect(await readersOf(large, large.smallestsReaders)).toEqual(smallReaders);
    // Its own readers reach past the smaller session's candidates.
    const smallNumbers = new Set((await candidatesOf(small)).map((c) => c.number));
    expect(largeOwn.some((n) => !smallNumbers.has(n))).toBe(true);
  });

  it('publishes the bench batch at a given instant, its window open three days, the rest of the calendar after it', async () => {
    const at = new Date('2026-12-04T20:00:00Z');
    const handle = await openDatabase(sessions[0]?.location ?? { kind: 'pglite', dataDir: '' });
    try {
      await publishBatchAt(handle, at);
      const batch = await sql<{ published: Date; opens: Date; closes: Date; second: Date }>`
        select b.first_group_results_at as published, b.choice_opens_at as opens,
          b.choice_closes_at as closes, s.second_group_results_at as second
        from publication_batches b join exam_sessions s using (year)
        join specialties p on p.year = b.year and p.batch_id = b.id
        where p.code = 'MCO'`.execute(handle.db);
      const row = batch.rows[0];
      expect(row?.published.toISOString()).toBe(at.toISOString());
      expect(row?.opens.toISOString()).toBe(at.toISOString());
      expect(row?.closes.toISOString()).toBe('2026-12-07T20:00:00.000Z');
      expect(row && row.second > row.closes).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
