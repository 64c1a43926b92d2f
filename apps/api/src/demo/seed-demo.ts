import { type Kysely, type Transaction, sql } from 'kysely';
import { ACADEMIES, PILOT_ACADEMY_CODE, SPECIALTIES, calendar2024 } from '@rattrapage/domain';
import type { Database } from '../db/schema.ts';
import {
  ensureAcademies,
  insertSessionCalendar,
  insertStructures,
} from '../repositories/session.repository.ts';
import { type DemoCandidate, type ScriptedCandidate, drawCandidates } from './demo-candidates.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_IDENTIFIERS,
  DEMO_PARTNER_ACADEMY_CODE,
  DEMO_PASSWORD,
  type DemoAccounts,
} from './demo-accounts.ts';
import { DEMO_SCHOOLS } from './demo-schools.ts';
import { seedDemoPlanning } from './demo-planning.ts';
import { createPrng } from './prng.ts';

export interface SeedDemoOptions {
  /** How many candidates to draw (at least 3: the demo accounts need theirs). Default 3000. */
  candidates?: number;
  /** Seed of the pseudo-random draw: the same seed gives the same data. Default 2024. */
  seed?: number;
  /** The password hash function of the auth module, so that demo accounts can log in. */
  hashPassword: (plain: string) => Promise<string>;
}

const DEFAULT_CANDIDATES = 3000;
const DEFAULT_SEED = 2024;
/** Rows per INSERT: few round trips, far below the 65 535 bind parameters of a statement. */
const ROWS_PER_INSERT = 500;

/**
 * The candidates the demo accounts stand for come first, set rather than
 * drawn: candidat.demo, individuel.demo, and one of the partner académie's.
 */
const SCRIPTED: readonly ScriptedCandidate[] = [
  {
    specialtyCode: 'MCO',
    originAcademyCode: PILOT_ACADEMY_CODE,
    school: 'FIRST_OF_ACADEMY',
    individual: false,
    outcome: 'CONTROL_ALLOWED',
  },
  // Individual, yet attached to candidat.demo's school: the school sees them
  // but may not enter their choice.
  {
    specialtyCode: 'NDRC',
    originAcademyCode: PILOT_ACADEMY_CODE,
    school: 'FIRST_OF_ACADEMY',
    individual: true,
    outcome: 'CONTROL_ALLOWED',
  },
  {
    specialtyCode: 'MCO',
    originAcademyCode: DEMO_PARTNER_ACADEMY_CODE,
    school: 'FIRST_OF_ACADEMY',
    individual: false,
    outcome: 'CONTROL_ALLOWED',
  },
];

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/**
 * Loads the demo: académies, the 2024 session and its calendar, the
 * specialties Reims pilots, fictitious schools and candidates with their
 * first-group marks, and one account per role (see DEMO_ACCOUNTS).
 * All in one transaction; does nothing if the 2024 session already exists.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: SeedDemoOptions,
): Promise<DemoAccounts> {
  const count = options.candidates ?? DEFAULT_CANDIDATES;
  if (!Number.isInteger(count) || count < SCRIPTED.length) {
    throw new RangeError(
      `seedDemo: candidates must be an integer of at least ${SCRIPTED.length}, not ${count}.`,
    );
  }
  const year = calendar2024.year;

  await db.transaction().execute(async (trx) => {
    // Two seeds started at once (two API processes) would otherwise both see no session.
    await sql`select pg_advisory_xact_lock(hashtext('rattrapage:seed-demo'))`.execute(trx);
    const existing = await trx
      .selectFrom('exam_sessions')
      .select('year')
      .where('year', '=', year)
      .executeTakeFirst();
    if (existing !== undefined) return;

    await insertReferenceData(trx);
    await seedDemoPlanning(trx);
    const candidates = drawCandidates({
      prng: createPrng(options.seed ?? DEFAULT_SEED),
      count,
      year,
      specialties: SPECIALTIES,
      schools: DEMO_SCHOOLS,
      academyCodes: ACADEMIES.map((a) => a.code),
      scripted: SCRIPTED,
    });
    await insertCandidates(trx, year, candidates);
    await insertAccounts(trx, candidates, options.hashPassword);
  });
  return DEMO_ACCOUNTS;
}

async function insertReferenceData(trx: Transaction<Database>): Promise<void> {
  const cal = calendar2024;
  // Académies are reference data that may already be there without the demo.
  await ensureAcademies(trx, ACADEMIES);
  // Demo: that Reims pilots MCO, NDRC and SIO (and their batches) is a demo
  // choice, not the real list (see the calendar's session-2024.ts).
  const specialties = SPECIALTIES.filter((s) =>
    cal.batches.some((b) => b.specialtyCodes.includes(s.code)),
  );
  await insertSessionCalendar(
    trx,
    cal,
    specialties.map((s) => ({ code: s.code, name: s.name, pilotAcademyCode: PILOT_ACADEMY_CODE })),
  );
  await insertStructures(
    trx,
    cal.year,
    specialties.map((s) => s.structure),
  );
  await trx
    .insertInto('schools')
    .values(DEMO_SCHOOLS.map((s) => ({ uai: s.uai, name: s.name, academy_code: s.academyCode })))
    .onConflict((oc) => oc.column('uai').doNothing())
    .execute();
}

async function insertCandidates(
  trx: Transaction<Database>,
  year: number,
  candidates: readonly DemoCandidate[],
): Promise<void> {
  for (const chunk of chunks(candidates, ROWS_PER_INSERT)) {
    await trx
      .insertInto('candidates')
      .values(
        chunk.map((c) => ({
          id: c.id,
          year,
          number: c.number,
          last_name: c.lastName,
          first_name: c.firstName,
          individual: c.individual,
          specialty_code: c.specialtyCode,
          origin_academy_code: c.originAcademyCode,
          school_uai: c.schoolUai,
          email: c.email,
        })),
      )
      .execute();
  }
  const marks = candidates.flatMap((c) =>
    [...c.marks].map(([code, entry]) => ({
      candidate_id: c.id,
      code,
      status: entry.status,
      hundredths: entry.status === 'MARK' || entry.status === 'KEPT' ? entry.hundredths : null,
    })),
  );
  for (const chunk of chunks(marks, ROWS_PER_INSERT))
    await trx.insertInto('first_group_marks').values(chunk).execute();
}

async function insertAccounts(
  trx: Transaction<Database>,
  candidates: readonly DemoCandidate[],
  hashPassword: (plain: string) => Promise<string>,
): Promise<void> {
  const [schooled, individual] = candidates;
  if (
    schooled === undefined ||
    schooled.schoolUai === null ||
    individual === undefined ||
    !individual.individual
  ) {
    throw new Error('Demo: the scripted candidates are missing.');
  }
  interface Reference {
    candidate_id: string | null;
    school_uai: string | null;
    academy_code: string | null;
  }
  const none: Reference = { candidate_id: null, school_uai: null, academy_code: null };
  const references: Readonly<Record<string, Reference | undefined>> = {
    [DEMO_IDENTIFIERS.candidate]: { ...none, candidate_id: schooled.id },
    [DEMO_IDENTIFIERS.individual]: { ...none, candidate_id: individual.id },
    [DEMO_IDENTIFIERS.school]: { ...none, school_uai: schooled.schoolUai },
    [DEMO_IDENTIFIERS.academy]: { ...none, academy_code: DEMO_PARTNER_ACADEMY_CODE },
    [DEMO_IDENTIFIERS.pilot]: { ...none, academy_code: PILOT_ACADEMY_CODE },
  };
  const rows = [];
  for (const account of DEMO_ACCOUNTS.accounts) {
    const reference = references[account.identifier];
    if (reference === undefined)
      throw new Error(`Demo: no reference for account ${account.identifier}.`);
    // One hash per account: each gets its own salt, as real accounts do.
    rows.push({
      identifier: account.identifier,
      role: account.role,
      password_hash: await hashPassword(DEMO_PASSWORD),
      ...reference,
    });
  }
  await trx.insertInto('accounts').values(rows).execute();
}
