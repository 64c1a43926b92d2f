import type { Insertable, Kysely, Transaction } from 'kysely';
import {
  ACADEMIES,
  PILOT_ACADEMY_CODE,
  RULES_2024,
  SPECIALTIES,
  calendar2024,
} from '@rattrapage/domain';
import type { AccountsTable, Database } from '../db/schema.ts';
import { insertAccounts, insertSchools, lockDemoSeed } from '../repositories/demo.repository.ts';
import { ensureAcademies, sessionExists } from '../repositories/session.repository.ts';
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
import { insertDemoCandidates, insertDemoSession } from './demo-session.ts';
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
    await lockDemoSeed(trx);
    if (await sessionExists(trx, year)) return;

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
    await insertDemoCandidates(trx, year, candidates);
    await insertAccounts(trx, await demoAccountRows(candidates, options.hashPassword));
  });
  return DEMO_ACCOUNTS;
}

async function insertReferenceData(trx: Transaction<Database>): Promise<void> {
  // Académies are reference data that may already be there without the demo.
  await ensureAcademies(trx, ACADEMIES);
  await insertDemoSession(trx, calendar2024, RULES_2024);
  await insertSchools(
    trx,
    DEMO_SCHOOLS.map((s) => ({ uai: s.uai, name: s.name, academy_code: s.academyCode })),
  );
}

async function demoAccountRows(
  candidates: readonly DemoCandidate[],
  hashPassword: (plain: string) => Promise<string>,
): Promise<Insertable<AccountsTable>[]> {
  const [schooled, individual] = candidates;
  if (
    schooled === undefined ||
    schooled.schoolUai === null ||
    individual === undefined ||
    !individual.individual
  ) {
    throw new Error('Demo: the scripted candidates are missing.');
  }
  type Reference = Pick<Insertable<AccountsTable>, 'candidate_id' | 'school_uai' | 'academy_code'>;
  const none: Reference = { candidate_id: null, school_uai: null, academy_code: null };
  const references: Readonly<Record<string, Reference | undefined>> = {
    [DEMO_IDENTIFIERS.candidate]: { ...none, candidate_id: schooled.id },
    [DEMO_IDENTIFIERS.individual]: { ...none, candidate_id: individual.id },
    [DEMO_IDENTIFIERS.school]: { ...none, school_uai: schooled.schoolUai },
    [DEMO_IDENTIFIERS.academy]: { ...none, academy_code: DEMO_PARTNER_ACADEMY_CODE },
    [DEMO_IDENTIFIERS.pilot]: { ...none, academy_code: PILOT_ACADEMY_CODE },
  };
  const rows: Insertable<AccountsTable>[] = [];
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
  return rows;
}
