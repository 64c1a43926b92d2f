import { inspect } from 'node:util';
import type { Kysely } from 'kysely';
import {
  type Migration,
  type MigrationResult,
  type MigrationResultSet,
  Migrator,
  NO_MIGRATIONS,
} from 'kysely/migration';
import * as initial from './migrations/2026112901_initial.ts';
import * as oralPlanning from './migrations/2026112903_oral_planning.ts';
import * as outbox from './migrations/2026112904_outbox.ts';
import * as juryDecisions from './migrations/2026112905_jury_decisions.ts';
import * as importRuns from './migrations/2026112902_import_runs.ts';
import * as accountSecurity from './migrations/2026112906_account_security.ts';
import * as referenceRevision from './migrations/2026112907_reference_revision.ts';
import * as examCentres from './migrations/2026120301_exam_centres.ts';
import * as lateChoices from './migrations/2026120401_late_choices.ts';
import * as calendarAmendments from './migrations/2026120402_calendar_amendments.ts';
import * as calendarLinks from './migrations/2026120403_calendar_links.ts';
import * as sessionRules from './migrations/2026120404_session_rules.ts';
import * as admissionListConsents from './migrations/2026120501_admission_list_consents.ts';
import * as withheldResults from './migrations/2026120601_withheld_results.ts';
import * as attestations from './migrations/2026120602_attestations.ts';
import * as skillBlocks from './migrations/2026120701_skill_blocks.ts';
import * as juryMinutes from './migrations/2026120702_jury_minutes.ts';
import * as outcomeWrittenInPlace from './migrations/2026120801_outcome_written_in_place.ts';
import type { Database } from './schema.ts';

/**
 * Every migration, by name, in the order they apply. Imported statically, so
 * that migrating works wherever the code runs (bundled, tests, no folder to
 * scan). A new migration: a new timestamped file, and one line here.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026112901_initial': initial,
  '2026112903_oral_planning': oralPlanning,
  '2026112904_outbox': outbox,
  '2026112905_jury_decisions': juryDecisions,
  '2026112902_import_runs': importRuns,
  '2026112906_account_security': accountSecurity,
  '2026112907_reference_revision': referenceRevision,
  '2026120301_exam_centres': examCentres,
  '2026120401_late_choices': lateChoices,
  '2026120402_calendar_amendments': calendarAmendments,
  '2026120403_calendar_links': calendarLinks,
  '2026120404_session_rules': sessionRules,
  '2026120501_admission_list_consents': admissionListConsents,
  '2026120601_withheld_results': withheldResults,
  '2026120602_attestations': attestations,
  '2026120701_skill_blocks': skillBlocks,
  '2026120702_jury_minutes': juryMinutes,
  '2026120801_outcome_written_in_place': outcomeWrittenInPlace,
};

/** Every migration's name, in the order they apply. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

/** The name of the latest migration: the schema the code expects. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

function migratorFor(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
  });
}

function checked(action: string, { error, results = [] }: MigrationResultSet): MigrationResult[] {
  if (error === undefined) return results;
  const failed = results.find((r) => r.status === 'Error');
  const where =
    failed === undefined
      ? ''
      : ` (migration ${failed.migrationName}, ${failed.direction.toLowerCase()})`;
  const reason = error instanceof Error ? error.message : inspect(error);
  throw new Error(`Database ${action} failed${where}: ${reason}`, { cause: error });
}

/** Applies every pending migration; throws, naming the migration, on failure. Returns what ran. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  return checked('migration', await migratorFor(db).migrateToLatest());
}

/** Reverts every migration (tests and local resets: it drops all the data). */
export async function migrateDownToNothing(db: Kysely<Database>): Promise<MigrationResult[]> {
  return checked('rollback', await migratorFor(db).migrateTo(NO_MIGRATIONS));
}

/** Names of the migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migratorFor(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
