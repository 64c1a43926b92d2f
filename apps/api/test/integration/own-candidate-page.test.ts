import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionListConsentOf } from '../../src/repositories/admission-list.repository.ts';
import { calendarLinkInForce } from '../../src/repositories/calendar-links.repository.ts';
import { loadChoiceHistories } from '../../src/repositories/choice-history.repository.ts';
import { loadChoices } from '../../src/repositories/choices.repository.ts';
import { loadConvocations } from '../../src/repositories/convocations.repository.ts';
import { loadControlMarks } from '../../src/repositories/marks.repository.ts';
import { loadOwnCandidatePage } from '../../src/repositories/own-candidate-page.repository.ts';
import {
  loadAccommodations,
  storeAccommodation,
} from '../../src/repositories/planning.repository.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';
import { seedDemoCandidates } from '../support/demo-candidates.ts';

/**
 * A candidate's page reads what it shows of them in one statement: each kind
 * must come out as its own reader gives it, for every candidate, whatever
 * they hold (nothing, one row, several, instants to the microsecond).
 */
describe.each(backendsUnderTest())('a candidate’s own page in one statement, on %s', (backend) => {
  let t: TestDatabase;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    ids = await seedDemoCandidates(t.db, 60, 2024);
    const [a, b, c] = ids as [string, string, string];
    await storeAccommodation(t.db, a, {
      extraPreparation: { numerator: 1, denominator: 3 },
      accessibleRoomRequired: true,
      note: 'Salle « au rez-de-chaussée »',
    });
    await storeAccommodation(t.db, b, {
      extraPreparation: null,
      accessibleRoomRequired: false,
      note: null,
    });
    // Instants with microseconds: PostgreSQL writes them so in JSON.
    const at = sql<Date>`timestamptz '2024-06-28 10:11:12.345678+02'`;
    await t.db
      .insertInto('calendar_links')
      .values([
        { token_hash: Buffer.alloc(32, 1), candidate_id: a, created_at: at, revoked_at: at },
        { token_hash: Buffer.alloc(32, 2), candidate_id: a, created_at: at },
        { token_hash: Buffer.alloc(32, 3), candidate_id: c, created_at: at, revoked_at: at },
      ])
      .execute();
    const { id: author } = await t.db
      .selectFrom('accounts')
      .select('id')
      .orderBy('identifier')
      .executeTakeFirstOrThrow();
    // A's choice was entered late by the exam office, then changed; B's on time.
    for (const [id, late] of [
      [a, 'Dossier médical reçu le 2 juillet'],
      [b, null],
    ] as const)
      await sql`insert into control_choices (candidate_id, individual, test_code_1, test_code_2,
          channel, entered_at, entered_by_account_id, late_reason)
        select id, individual, 'E1', 'E3', case when individual then 'CANDIDATE_SPACE' else 'SCHOOL' end,
          ${at}, ${author}, ${late} from candidates where id = ${id}`.execute(t.db);
    await t.db
      .insertInto('control_marks')
      .values([
        {
          candidate_id: a,
          test_code: 'E3',
          status: 'MARK',
          hundredths: 1250,
          recorded_at: at,
          recorded_by_account_id: author,
        },
        {
          candidate_id: a,
          test_code: 'E1',
          status: 'ABSENT',
          hundredths: null,
          recorded_at: at,
          recorded_by_account_id: author,
        },
      ])
      .execute();
    const oral = (day: number, centre: boolean) => ({
      candidate_id: a,
      test_code: `E${String(day)}`,
      preparation_starts_at: new Date(Date.UTC(2024, 6, day, 7, 0)),
      starts_at: new Date(Date.UTC(2024, 6, day, 7, 30)),
      ends_at: new Date(Date.UTC(2024, 6, day, 8, 0)),
      place: 'Lycée « Clemenceau », Reims',
      issued_at: at,
      room: centre ? 'B 12' : null,
      ...(centre
        ? {
            centre_name: 'Centre',
            centre_street: '1 rue',
            centre_postcode: '51100',
            centre_city: 'Reims',
          }
        : {}),
    });
    await t.db
      .insertInto('convocations')
      .values([oral(9, true), oral(8, false)])
      .execute();
    const entry = (id: string, action: string, after: unknown) => ({
      actor_account_id: author,
      actor_role: 'SCHOOL' as const,
      action,
      channel: 'SCHOOL' as const,
      candidate_id: id,
      after: JSON.stringify(after),
    });
    await t.db
      .insertInto('audit_log')
      .values([
        entry(a, 'CONTROL_CHOICE_ENTERED', { testCodes: ['E1', 'E2'] }),
        entry(a, 'ADMISSION_LIST_CONSENT_GIVEN', { givenAt: 'x' }),
        entry(a, 'CONTROL_CHOICE_LATE_ENTERED', {
          testCodes: ['E1', 'E3'],
          lateReason: 'Dossier médical reçu le 2 juillet',
        }),
        entry(b, 'CONTROL_CHOICE_ENTERED', { testCodes: ['E1'] }),
        entry(b, 'CONTROL_CHOICE_ENTERED', { testCodes: ['E1', 'E3'] }),
      ])
      .execute();
    await t.db
      .insertInto('admission_list_consents')
      .values({ candidate_id: b, given_at: at })
      .execute();
    await t.db
      .insertInto('attestations')
      .values({ candidate_id: c, code: 'ABCD2345EFGH6789JKMN', issued_at: at })
      .execute();
  });
  afterAll(() => t.close());

  it('gives each kind as its own reader does, for every candidate', async () => {
    const [accommodations, choices, histories, controlMarks, convocations] = await Promise.all([
      loadAccommodations(t.db, ids),
      loadChoices(t.db, ids),
      loadChoiceHistories(t.db, ids),
      loadControlMarks(t.db, ids),
      loadConvocations(t.db, ids),
    ]);
    const seen = {
      accommodation: 0,
      choice: 0,
      history: 0,
      marks: 0,
      convocations: 0,
      link: 0,
      consent: 0,
      code: 0,
    };
    for (const id of ids) {
      const page = await loadOwnCandidatePage(t.db, id);
      expect(page).toEqual({
        accommodation: accommodations.get(id) ?? null,
        choice: choices.get(id) ?? null,
        choiceHistory: histories.get(id) ?? [],
        controlMarks: controlMarks.get(id) ?? [],
        convocations: convocations.get(id) ?? [],
        calendarLinkCreatedAt: await calendarLinkInForce(t.db, id),
        admissionConsentGivenAt: await admissionListConsentOf(t.db, id),
        attestationCode:
          (
            await t.db
              .selectFrom('attestations')
              .select('code')
              .where('candidate_id', '=', id)
              .executeTakeFirst()
          )?.code ?? null,
      });
      if (page.choice !== null) seen.choice += 1;
      if (page.choiceHistory.length > 1) seen.history += 1;
      if (page.accommodation !== null) seen.accommodation += 1;
      if (page.controlMarks.length > 0) seen.marks += 1;
      if (page.convocations.length > 1) seen.convocations += 1;
      if (page.calendarLinkCreatedAt !== null) seen.link += 1;
      if (page.admissionConsentGivenAt !== null) seen.consent += 1;
      if (page.attestationCode !== null) seen.code += 1;
    }
    // Every kind was compared with something in it, not only empty.
    expect(
      Object.values(seen).every((n) => n > 0),
      JSON.stringify(seen),
    ).toBe(true);
  });

  it('keeps an instant read through JSON to the millisecond, as the driver reads it', async () => {
    const page = await loadOwnCandidatePage(t.db, ids[0] as string);
    const instants = [
      page.choice?.enteredAt,
      ...page.controlMarks.map((m) => m.recordedAt),
      ...page.convocations.map((c) => c.issuedAt),
    ];
    expect(instants.map((i) => i?.toISOString())).toEqual(
      Array.from({ length: 5 }, () => '2024-06-28T08:11:12.345Z'),
    );
  });
});
