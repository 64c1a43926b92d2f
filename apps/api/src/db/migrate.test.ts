import { ruleSetFrom } from '@rattrapage/domain';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';
import { createDatabase } from './database.ts';
import {
  MIGRATION_NAMES,
  migrateDownToNothing,
  migrateToLatest,
  pendingMigrations,
} from './migrate.ts';
import * as sessionRules from './migrations/2026120404_session_rules.ts';
import type { Database } from './schema.ts';

const TABLES: readonly (keyof Database)[] = [
  'academies',
  'exam_sessions',
  'publication_batches',
  'specialties',
  'tests',
  'test_parts',
  'oral_days',
  'schools',
  'candidates',
  'first_group_marks',
  'accounts',
  'sessions',
  'api_tokens',
  'login_throttle',
  'control_choices',
  'convocations',
  'control_marks',
  'audit_log',
  'outbox',
  'password_resets',
  'calendar_links',
  'admission_list_consents',
  'withheld_results',
  'attestations',
  'juries',
  'signed_minutes',
  'reference_revision',
  'jury_decisions',
  'examiners',
  'examiner_tests',
  'rooms',
  'exam_centres',
  'candidate_accommodations',
  'import_runs',
];
/** Tables, leaving out the migrator's own (as Kysely's introspection does). */
async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

async function functionNames(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select proname as name from pg_proc where pronamespace = 'public'::regnamespace order by proname`.execute(
    db,
  );
  return rows.map((r) => r.name);
}

describe.each(backendsUnderTest())('migrations on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend, { migrate: false });
  });
  afterAll(() => t.close());

  it('apply on a fresh database, creating every table', async () => {
    expect(await pendingMigrations(t.db)).toEqual(MIGRATION_NAMES);
    const ran = await migrateToLatest(t.db);
    expect(ran.map((r) => [r.migrationName, r.direction, r.status])).toEqual(
      MIGRATION_NAMES.map((name) => [name, 'Up', 'Success']),
    );
    expect(await tableNames(t.db)).toEqual([...TABLES].sort());
    expect(await pendingMigrations(t.db)).toEqual([]);
  });

  it('do nothing the second time', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('revert cleanly with down', async () => {
    const ran = await migrateDownToNothing(t.db);
    expect(ran.map((r) => [r.migrationName, r.direction])).toEqual(
      [...MIGRATION_NAMES].reverse().map((name) => [name, 'Down']),
    );
    expect(await tableNames(t.db)).toEqual([]);
    expect(await functionNames(t.db)).toEqual([]);
  });

  it('apply again after down', async () => {
    await migrateToLatest(t.db);
    expect(await tableNames(t.db)).toEqual([...TABLES].sort());
  });
});

describe('PGlite on disk', () => {
  it('keeps the schema across a restart', async () => {
    const first = await createTestDatabaseFor('pglite', { onDisk: true });
    try {
      await first.db.insertInto('academies').values({ code: '19', name: 'Reims' }).execute();
      const dataDir = first.dataDir ?? '';
      // The test database's own close would remove the folder: close only the connection.
      await first.db.destroy();
      const reopened = await createDatabase({ dataDir });
      try {
        expect(await pendingMigrations(reopened.db)).toEqual([]);
        expect(await reopened.db.selectFrom('academies').selectAll().execute()).toEqual([
          { code: '19', name: 'Reims' },
        ]);
      } finally {
        await reopened.close();
      }
    } finally {
      await first.close();
    }
  });
});

describe('migrateToLatest', () => {
  it('names the failing migration in its error', async () => {
    const handle = await createDatabase({});
    try {
      // A table in the way makes the initial migration fail half-way.
      await sql`create table schools (uai text)`.execute(handle.db);
      await expect(migrateToLatest(handle.db)).rejects.toThrow(
        `migration ${MIGRATION_NAMES[0]}, up`,
      );
      // …and, being one transaction, it leaves nothing behind.
      expect(await tableNames(handle.db)).toEqual(['schools']);
      expect(await pendingMigrations(handle.db)).toEqual(MIGRATION_NAMES);
    } finally {
      await handle.close();
    }
  });
});

const NATIONAL_THRESHOLDS = {
  admittedHundredths: 1000,
  controlHundredths: 800,
  professionalHundredths: 1000,
};

describe.each(backendsUnderTest())('the rule-set migration on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
  });
  afterAll(() => t.close());

  it('folds a session’s two policies into its rule set, and back', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before the migration
    const before = t.db as unknown as Kysely<any>;
    await sessionRules.down(before);
    await before
      .insertInto('exam_sessions')
      .values([
        { year: 2023, second_group_results_at: '2023-07-10T14:30:00Z' },
        {
          year: 2022,
          second_group_results_at: '2022-07-10T14:30:00Z',
          optional_tests_policy: 'IGNORED',
          absent_at_control_policy: 'FAIL',
        },
      ])
      .execute();
    await sessionRules.up(before);
    const rows = await t.db.selectFrom('exam_sessions').selectAll().orderBy('year').execute();
    // Each stored rule set is whole and sound (the domain reads it back), with
    // the session's own policies and the national rules of the migration's time.
    const read = rows.map((r) => {
      const check = ruleSetFrom(r.rules);
      if (!check.ok) throw new Error(check.problems.join(' '));
      return [
        r.year,
        check.rules.optionalTests,
        check.rules.absentAtControlOral,
        check.rules.thresholds,
      ];
    });
    expect(read).toEqual([
      [2022, 'IGNORED', 'FAIL', NATIONAL_THRESHOLDS],
      [2023, 'POINTS_ABOVE_10', 'KEEP_FIRST_GROUP_MARK', NATIONAL_THRESHOLDS],
    ]);
    await sessionRules.down(before);
    const back = await before
      .selectFrom('exam_sessions')
      .select(['year', 'optional_tests_policy', 'absent_at_control_policy'])
      .orderBy('year')
      .execute();
    expect(back).toEqual([
      { year: 2022, optional_tests_policy: 'IGNORED', absent_at_control_policy: 'FAIL' },
      {
        year: 2023,
        optional_tests_policy: 'POINTS_ABOVE_10',
        absent_at_control_policy: 'KEEP_FIRST_GROUP_MARK',
      },
    ]);
    await sessionRules.up(before);
  });
});
