import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxKind } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { enqueuePublicationNotices } from '../../src/notifications/enqueue-publication-notices.ts';
import { enqueueWindowReminders } from '../../src/notifications/enqueue-window-reminders.ts';
import { listNotifications } from '../../src/repositories/outbox.repository.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';

// 2024 (Paris): batch A (MCO, NDRC) published 28 June 10:00, window closes
// 1 July 10:00; batch B (SIO) published 1 July 19:00; second group 10 July 16:30.
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
const B_PUBLISHED = new Date('2024-07-01T17:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const DAY = 24 * 3_600_000;
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe.each(backendsUnderTest())('notification jobs, on %s', (backend) => {
  let database: TestDatabase;
  let db: TestDatabase['db'];
  /** candidat.demo (CONTROL_ALLOWED, batch A), given a choice below. */
  let chooser: string;

  /** Candidates with an address, by the stored outcome and specialties, counted in SQL. */
  async function expected(specialties: string[], outcome?: string, withoutChoice = false) {
    let q = db
      .selectFrom('candidates as c')
      .select('c.id')
      .where('c.email', 'is not', null)
      .where('c.specialty_code', 'in', specialties);
    if (outcome !== undefined) q = q.where('c.first_group_outcome', '=', outcome as 'FAILED');
    if (withoutChoice)
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('control_choices as ch')
              .select('ch.candidate_id')
              .whereRef('ch.candidate_id', '=', 'c.id'),
          ),
        ),
      );
    return (await q.execute()).map((r) => r.id).sort();
  }
  const enqueued = async (kind: OutboxKind) =>
    (await listNotifications(db, { kind })).map((n) => n.candidateId ?? '').sort();

  beforeAll(async () => {
    database = await createTestDatabaseFor(backend);
    db = database.db;
    await seedDemo(db, { candidates: 150, hashPassword });
    await deliberateFirstGroup(db, 2024);
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'candidate_id'])
      .where('identifier', '=', 'candidat.demo')
      .executeTakeFirstOrThrow();
    chooser = account.candidate_id ?? '';
    await db
      .updateTable('candidates')
      .set({ email: 'chooser@exemple.invalid' })
      .where('id', '=', chooser)
      .execute();
    await db
      .insertInto('control_choices')
      .values({
        candidate_id: chooser,
        individual: false,
        test_code_1: 'E1',
        test_code_2: 'E3',
        channel: 'CANDIDATE_SPACE',
        entered_at: A_PUBLISHED,
        entered_by_account_id: account.id,
      })
      .execute();
  });
  afterAll(async () => {
    await database.close();
  });

  it('enqueues each publication notice once, never before its instant', async () => {
    expect(await enqueuePublicationNotices(db, ms(A_PUBLISHED, -1))).toBe(0);

    const batchA = await expected(['MCO', 'NDRC']);
    expect(batchA.length).toBeGreaterThan(10);
    // Two runs at once, then a third: still one notice each.
    const [x, y] = await Promise.all([
      enqueuePublicationNotices(db, A_PUBLISHED),
      enqueuePublicationNotices(db, A_PUBLISHED),
    ]);
    expect(x + y).toBe(batchA.length);
    expect(await enqueuePublicationNotices(db, ms(A_PUBLISHED, DAY))).toBe(0);
    expect(await enqueued('FIRST_GROUP_PUBLISHED')).toEqual(batchA);

    expect(await enqueuePublicationNotices(db, ms(B_PUBLISHED, -1))).toBe(0);
    const sio = await expected(['SIO']);
    expect(await enqueuePublicationNotices(db, B_PUBLISHED)).toBe(sio.length);
    expect(await enqueued('FIRST_GROUP_PUBLISHED')).toEqual([...batchA, ...sio].sort());

    expect(await enqueuePublicationNotices(db, ms(SECOND_GROUP, -1))).toBe(0);
    const allowed = await expected(['MCO', 'NDRC', 'SIO'], 'CONTROL_ALLOWED');
    expect(allowed.length).toBeGreaterThan(0);
    expect(await enqueuePublicationNotices(db, SECOND_GROUP)).toBe(allowed.length);
    expect(await enqueuePublicationNotices(db, ms(SECOND_GROUP, DAY))).toBe(0);
    expect(await enqueued('SECOND_GROUP_PUBLISHED')).toEqual(allowed);

    const [notice] = await listNotifications(db, { kind: 'FIRST_GROUP_PUBLISHED' });
    expect(notice?.body).toContain('publiés depuis le vendredi 28 juin 2024 à 10 h 00.');
    const audit = await db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .where('action', '=', 'PUBLICATION_NOTICES_ENQUEUED')
      .executeTakeFirstOrThrow();
    expect(audit.n).toBe(3);
  });

  it('reminds once the CONTROL_ALLOWED candidates with no choice, from 24 h before closing', async () => {
    expect(await enqueueWindowReminders(db, ms(A_CLOSES, -DAY - 1))).toBe(0);
    const due = await expected(['MCO', 'NDRC'], 'CONTROL_ALLOWED', true);
    expect(due.length).toBeGreaterThan(0);
    expect(due).not.toContain(chooser);
    expect(await enqueueWindowReminders(db, ms(A_CLOSES, -DAY))).toBe(due.length);
    expect(await enqueueWindowReminders(db, ms(A_CLOSES, -1))).toBe(0);
    expect(await enqueueWindowReminders(db, A_CLOSES)).toBe(0);
    expect(await enqueued('WINDOW_REMINDER')).toEqual(due);
    const [reminder] = await listNotifications(db, { kind: 'WINDOW_REMINDER' });
    expect(reminder?.subject).toBe(
      'Rappel : choisissez vos épreuves de contrôle avant le lundi 1er juillet 2024 à 10 h 00',
    );
  });
});
