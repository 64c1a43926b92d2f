import {
  type ExamSessionCalendar,
  PILOT_ACADEMY_CODE,
  type RuleSet,
  SPECIALTIES,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { candidateColumnsOf } from '../repositories/candidate-rows.ts';
import { insertCandidatesWithMarks } from '../repositories/demo.repository.ts';
import { insertSessionCalendar, insertStructures } from '../repositories/session.repository.ts';
import type { DemoCandidate } from './demo-candidates.ts';

/**
 * A demo session: its calendar and rules, the specialties its batches name
 * (that Reims pilots them is a demo choice, not the real list) and their
 * exam structures. Every demo year is laid down so.
 */
export async function insertDemoSession(
  db: Kysely<Database>,
  calendar: ExamSessionCalendar,
  rules: RuleSet,
): Promise<void> {
  const specialties = SPECIALTIES.filter((s) =>
    calendar.batches.some((b) => b.specialtyCodes.includes(s.code)),
  );
  await insertSessionCalendar(
    db,
    calendar,
    specialties.map((s) => ({ code: s.code, name: s.name, pilotAcademyCode: PILOT_ACADEMY_CODE })),
    rules,
  );
  await insertStructures(
    db,
    calendar.year,
    specialties.map((s) => s.structure),
  );
}

/** Drawn candidates of one session, with their first-group marks. */
export async function insertDemoCandidates(
  db: Kysely<Database>,
  year: number,
  candidates: readonly DemoCandidate[],
): Promise<void> {
  await insertCandidatesWithMarks(
    db,
    candidates.map((c) => ({ id: c.id, ...candidateColumnsOf(year, c), marks: c.marks })),
  );
}
