import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.ts';
import { type MailTransport, smtpTransport } from '../../src/notifications/mail-transport.ts';
import type { RetryPolicy } from '../../src/notifications/retry-policy.ts';
import { runWorkerOnce } from '../../src/notifications/worker.ts';
import {
  enqueueNotifications,
  listNotifications,
} from '../../src/repositories/outbox.repository.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const T0 = new Date('2024-06-30T08:00:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const LEASE = 5 * 60_000;
const FROM = 'Rattrapage <ne-pas-repondre@rattrapage.ac-reims.invalid>';

async function enqueue(db: TestDatabase['db'], count: number, at = T0): Promise<void> {
  await enqueueNotifications(
    db,
    Array.from({ length: count }, (_, i) => ({
      kind: 'WINDOW_REMINDER' as const,
      dedupeKey: `test:${at.toISOString()}:${i}`,
      candidateId: null,
      recipient: `candidat.${i}@exemple.invalid`,
      message: { subject: `Message n° ${i}`, text: `Corps du message n° ${i} : é à ç.` },
      at,
    })),
  );
}

describe.each(backendsUnderTest())('the notification worker, on %s', (backend) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let transport: MailTransport;

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = smtpTransport(sink.url, FROM);
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
  });
  beforeEach(async () => {
    database = await createTestDatabaseFor(backend);
    sink.received.length = 0;
    sink.refuseWith = null;
  });
  afterEach(async () => {
    await database.close();
  });

  it('sends each row once, with its own stable Message-ID, and never again once marked', async () => {
    await enqueue(database.db, 3);
    const clock = fixedClock(T0);
    const run = await runWorkerOnce(database.db, transport, clock, { workerId: 'w1' });
    expect(run).toMatchObject({ claimed: 3, sent: 3, retried: 0, deadLettered: 0, unmarked: 0 });
    const rows = await listNotifications(database.db);
    expect(rows.map((r) => [r.sentAt, r.attempts, r.lockedBy])).toEqual(
      rows.map(() => [T0, 1, null]),
    );
    expect(sink.received.map((m) => m.messageId)).toEqual(
      rows.map((r) => `<outbox-${r.id}@rattrapage.ac-reims.invalid>`),
    );
    expect(sink.received[0]).toMatchObject({
      to: 'candidat.0@exemple.invalid',
      subject: 'Message n° 0',
      text: expect.stringContaining('Corps du message n° 0 : é à ç.') as unknown,
    });
    clock.set(ms(T0, 365 * 24 * 3_600_000));
    expect((await runWorkerOnce(database.db, transport, clock)).claimed).toBe(0);
    expect(sink.received).toHaveLength(3);
  });

  it('loses nothing and never picks a row twice with two workers', async () => {
    await enqueue(database.db, 60);
    const clock = fixedClock(T0);
    const claimedBy = { a: 0, b: 0 };
    const drain = async (name: 'a' | 'b') => {
      for (;;) {
        const run = await runWorkerOnce(database.db, transport, clock, {
          workerId: name,
          batchSize: 7,
        });
        claimedBy[name] += run.claimed;
        if (run.claimed === 0) return;
      }
    };
    // The race is real on PostgreSQL only: PGlite has one connection, so
    // there the workers take turns.
    if (backend === 'postgres') await Promise.all([drain('a'), drain('b')]);
    else {
      await drain('a');
      await drain('b');
    }
    expect(claimedBy.a + claimedBy.b).toBe(60);
    const ids = sink.received.map((m) => m.messageId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const rows = await listNotifications(database.db);
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);
  });

  it('a crash between sending and marking sends again after the lease, with the same Message-ID', async () => {
    await enqueue(database.db, 1);
    const clock = fixedClock(T0);
    // The mark step fails as if the process died right after sending.
    await sql`create function outbox_refuse_mark() returns trigger language plpgsql as $$
      begin
        if new.sent_at is not null then raise exception 'simulated crash before marking'; end if;
        return new;
      end $$`.execute(database.db);
    await sql`create trigger outbox_refuse_mark before update on outbox
      for each row execute function outbox_refuse_mark()`.execute(database.db);
    const logged: string[] = [];
    const first = await runWorkerOnce(database.db, transport, clock, {
      workerId: 'crashing',
      leaseMs: LEASE,
      log: (m) => logged.push(m),
    });
    expect(first).toMatchObject({ claimed: 1, sent: 0, unmarked: 1 });
    expect(logged.join()).toContain('simulated crash before marking');
    expect(sink.received).toHaveLength(1);
    await sql`drop trigger outbox_refuse_mark on outbox`.execute(database.db);

    // Still leased: no other worker takes it yet.
    clock.set(ms(T0, LEASE - 1));
    expect((await runWorkerOnce(database.db, transport, clock, { workerId: 'next' })).claimed).toBe(
      0,
    );
    clock.set(ms(T0, LEASE));
    const second = await runWorkerOnce(database.db, transport, clock, { workerId: 'next' });
    expect(second).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.received).toHaveLength(2);
    expect(sink.received[1]?.messageId).toBe(sink.received[0]?.messageId);

    clock.set(ms(T0, 10 * LEASE));
    expect((await runWorkerOnce(database.db, transport, clock)).claimed).toBe(0);
    expect(sink.received).toHaveLength(2);
    const [row] = await listNotifications(database.db);
    expect(row).toMatchObject({ attempts: 2, sentAt: ms(T0, LEASE), lockedBy: null });
  });

  it('retries a refused message with exponential back-off, then dead-letters it', async () => {
    await enqueue(database.db, 1);
    sink.refuseWith = { code: 451, message: 'Boîte temporairement indisponible' };
    const policy: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 3000, maxAttempts: 4 };
    const clock = fixedClock(T0);
    const at = async (offset: number) => {
      clock.set(ms(T0, offset));
      return runWorkerOnce(database.db, transport, clock, { retryPolicy: policy });
    };
    const row = async () => (await listNotifications(database.db))[0];

    expect(await at(0)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row()).toMatchObject({ attempts: 1, nextAttemptAt: ms(T0, 1000), lockedBy: null });
    expect((await row())?.lastError).toContain('451');
    expect((await at(999)).claimed).toBe(0);
    expect(await at(1000)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row()).toMatchObject({ attempts: 2, nextAttemptAt: ms(T0, 3000) });
    expect(await at(3000)).toMatchObject({ claimed: 1, retried: 1 });
    // Capped: 4000 would be next without the cap.
    expect(await row()).toMatchObject({ attempts: 3, nextAttemptAt: ms(T0, 6000) });
    expect(await at(6000)).toMatchObject({ claimed: 1, deadLettered: 1 });
    expect(await row()).toMatchObject({ attempts: 4, deadAt: ms(T0, 6000), sentAt: null });

    sink.refuseWith = null;
    expect((await at(24 * 3_600_000)).claimed).toBe(0);
    expect(sink.received).toHaveLength(0);
  });

  it('dead-letters at once a permanent refusal (SMTP 5xx)', async () => {
    await enqueue(database.db, 1);
    sink.refuseWith = { code: 550, message: 'Adresse inconnue' };
    const run = await runWorkerOnce(database.db, transport, fixedClock(T0));
    expect(run).toMatchObject({ claimed: 1, deadLettered: 1 });
    const [row] = await listNotifications(database.db);
    expect(row).toMatchObject({ attempts: 1, deadAt: T0 });
    expect(row?.lastError).toContain('550');
  });

  it('retries when the mail server cannot be reached', async () => {
    await enqueue(database.db, 1);
    const down = smtpTransport('smtp://127.0.0.1:1', FROM);
    try {
      const run = await runWorkerOnce(database.db, down, fixedClock(T0));
      expect(run).toMatchObject({ claimed: 1, retried: 1 });
    } finally {
      down.close();
    }
  });

  it('refuses impossible rows (constraints)', async () => {
    await enqueue(database.db, 1);
    const [row] = await listNotifications(database.db);
    const id = row?.id ?? 0;
    const update = (values: Record<string, unknown>) =>
      database.db.updateTable('outbox').set(values).where('id', '=', id).execute();
    await expect(
      update({ attempts: 1, sent_at: T0, dead_at: T0, last_error: 'x' }),
    ).rejects.toThrow(/outbox_sent_or_dead/);
    await expect(update({ attempts: 1, dead_at: T0 })).rejects.toThrow(/outbox_dead_has_error/);
    await expect(update({ sent_at: T0 })).rejects.toThrow(/outbox_final_after_attempt/);
    await expect(update({ locked_by: 'w' })).rejects.toThrow(/outbox_lease_whole/);
    await expect(
      enqueue(database.db, 1).then(() => enqueue(database.db, 1)),
    ).resolves.toBeUndefined();
    expect(await listNotifications(database.db)).toHaveLength(1);
  });
});
