import { join } from 'node:path';
import { openSession, issueApiToken } from '@rattrapage/api/accounts';
import { type DatabaseHandle, createDatabase, migrateToLatest } from '@rattrapage/api/database';
import { deliberateFirstGroup } from '@rattrapage/api/deliberation';
import { sql } from 'kysely';
import { runNode } from '../processes/node-process.ts';
import { API_SOURCE, type DatabaseLocation, apiDatabaseEnv } from '../processes/api-env.ts';
import { loadRows } from './load-rows.ts';
import { BENCH_ORIGIN_ACADEMY, BENCH_YEAR, type Population } from './population.ts';
import { accountRows, candidateRows, markRows, schoolRows } from './table-rows.ts';

/** The académie account of the paging scenario (a partner, Nancy-Metz). */
export const BENCH_ACADEMY_IDENTIFIER = 'bench.academie';

/** Opens the database as the API would (PGlite under a folder, or a PostgreSQL URL). */
export function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  return location.kind === 'postgres'
    ? createDatabase({ url: location.url })
    : createDatabase({ dataDir: location.dataDir });
}

/**
 * The 2024 session, defined by the API's own command (`session define
 * --builtin 2024`: calendar, MCO/NDRC/SIO and their structures), which also
 * applies the migrations. PGlite is single-process: run it with the database closed.
 */
export async function defineSession(location: DatabaseLocation, workDir: string): Promise<void> {
  await runNode(
    join(API_SOURCE, 'session-command.ts'),
    ['define', '--builtin', String(BENCH_YEAR)],
    {
      env: { ...process.env, ...apiDatabaseEnv(location) },
      logFile: join(workDir, 'session-define.log'),
    },
  ).output;
}

/** Schools, candidates and their accounts (marks are loaded apart: the import scenario loads them). */
export async function loadCandidates(
  handle: DatabaseHandle,
  population: Population,
  passwordHash: string,
): Promise<void> {
  // A no-op after `session define`, kept so the schema is checked current by the API's migrator.
  await migrateToLatest(handle.db);
  await loadRows(handle, schoolRows(population));
  await loadRows(handle, candidateRows(population));
  await loadRows(handle, accountRows(population, passwordHash));
}

/** Loads the marks directly and stores the outcomes (the small databases of the embedded scenario). */
export async function loadMarksAndDeliberate(
  handle: DatabaseHandle,
  population: Population,
): Promise<void> {
  await loadRows(handle, markRows(population));
  await deliberateFirstGroup(handle.db, BENCH_YEAR);
}

export async function analyze(handle: DatabaseHandle): Promise<void> {
  await sql`analyze`.execute(handle.db);
}

/** Dead rows cleared and statistics taken: the state a table settles in after a load. */
export async function vacuumAnalyze(handle: DatabaseHandle): Promise<void> {
  await sql`vacuum analyze`.execute(handle.db);
}

/**
 * Opens `count` candidate sessions with the API's own code (as logIn does
 * after the password check), spread evenly over the candidates, so that
 * the read scenarios reach the whole table and not one hot corner of it.
 */
export async function openCandidateSessions(
  handle: DatabaseHandle,
  count: number,
  sessionHours: number,
): Promise<string[]> {
  return openSessionsOf(handle, await spreadCandidates(handle, count), sessionHours);
}

/** The identifiers of `count` candidate accounts, evenly spaced through them. */
export async function spreadCandidates(handle: DatabaseHandle, count: number): Promise<string[]> {
  const accounts = await handle.db
    .selectFrom('accounts')
    .select('identifier')
    .where('role', '=', 'CANDIDATE')
    .orderBy('identifier')
    .execute();
  if (accounts.length === 0) throw new Error('No candidate account to open sessions for.');
  return spreadOver(accounts, count).map((a) => a.identifier);
}

/** A session for each of these candidate accounts, found by identifier. */
export async function openSessionsOf(
  handle: DatabaseHandle,
  identifiers: readonly string[],
  sessionHours: number,
): Promise<string[]> {
  if (identifiers.length === 0) return [];
  const accounts = await handle.db
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'CANDIDATE')
    .where('identifier', 'in', identifiers)
    .orderBy('identifier')
    .execute();
  if (accounts.length !== identifiers.length)
    throw new Error(`${identifiers.length - accounts.length} candidate accounts not found.`);
  return openSessions(handle, accounts, sessionHours);
}

/** `count` of the items (all of them if fewer), evenly spaced through them. */
export function spreadOver<T>(items: readonly T[], count: number): T[] {
  const n = Math.min(count, items.length);
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
}

/** A session for each account, opened as logIn opens it, a few at a time. */
async function openSessions(
  handle: DatabaseHandle,
  accounts: readonly { readonly id: string }[],
  sessionHours: number,
): Promise<string[]> {
  const tokens: string[] = [];
  const at = new Date();
  const CONCURRENT = 8;
  for (let i = 0; i < accounts.length; i += CONCURRENT) {
    const opened = await Promise.all(
      accounts
        .slice(i, i + CONCURRENT)
        .map(({ id }) => openSession(handle.db, { accountId: id, at, sessionHours })),
    );
    tokens.push(...opened.map((s) => s.token));
  }
  return tokens;
}

/** Sessions of candidates the first group allowed to the control (as deliberated): those who have a choice to enter. */
export async function openControlCandidateSessions(
  handle: DatabaseHandle,
  count: number,
): Promise<string[]> {
  const accounts = await handle.db
    .selectFrom('accounts')
    .innerJoin('candidates', 'candidates.id', 'accounts.candidate_id')
    .select('accounts.id as id')
    .where('candidates.first_group_outcome', '=', 'CONTROL_ALLOWED')
    .orderBy('candidates.number')
    .execute();
  if (accounts.length === 0) throw new Error('No candidate allowed to the control.');
  return openSessions(handle, spreadOver(accounts, count), 12);
}

/** An account and a session for `count` schools that have candidates, as the exam office opens them. */
export async function openSchoolSessions(
  handle: DatabaseHandle,
  count: number,
  passwordHash: string,
): Promise<string[]> {
  const schools = await handle.db
    .selectFrom('candidates')
    .select('school_uai')
    .distinct()
    .where('school_uai', 'is not', null)
    .orderBy('school_uai')
    .execute();
  const chosen = spreadOver(schools, count).flatMap((s) =>
    s.school_uai === null ? [] : [s.school_uai],
  );
  if (chosen.length === 0) throw new Error('No school with candidates.');
  const accounts = await handle.db
    .insertInto('accounts')
    .values(
      chosen.map((uai) => ({
        identifier: `bench.etablissement.${uai}`,
        password_hash: passwordHash,
        role: 'SCHOOL' as const,
        academy_code: null,
        candidate_id: null,
        school_uai: uai,
        must_change_password: false,
      })),
    )
    .returning('id')
    .execute();
  return openSessions(handle, accounts, 12);
}

/**
 * The partner académie's account and an API token for it, as
 * `pnpm rattrapage issue-token` makes them (a program pages, not a person).
 */
export async function issueAcademyToken(
  handle: DatabaseHandle,
  passwordHash: string,
): Promise<string> {
  await handle.db
    .insertInto('accounts')
    .values({
      identifier: BENCH_ACADEMY_IDENTIFIER,
      password_hash: passwordHash,
      role: 'ACADEMY',
      academy_code: BENCH_ORIGIN_ACADEMY,
      candidate_id: null,
      school_uai: null,
      must_change_password: false,
    })
    .execute();
  const issued = await issueApiToken(handle.db, {
    identifier: BENCH_ACADEMY_IDENTIFIER,
    label: 'benchmark',
    at: new Date(),
    validDays: 1,
  });
  if (issued.kind !== 'issued')
    throw new Error(`Could not issue the académie token: ${issued.kind}.`);
  return issued.token;
}
