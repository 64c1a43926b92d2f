import {
  ACADEMIES,
  type CalendarData,
  DomainInputError,
  type ExamStructure,
  academyByCode,
  buildCalendar,
  ruleSetFrom,
  validateExamStructure,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  type SessionSpecialty,
  ensureAcademies,
  insertSessionCalendar,
  insertStructures,
  sessionExists,
} from '../repositories/session.repository.ts';

/** What an exam office provides to open a session: its calendar (Paris wall times) and specialties. */
export interface SessionDefinition {
  readonly calendar: CalendarData;
  readonly specialties: readonly {
    readonly code: string;
    readonly name: string;
    readonly pilotAcademy: string;
  }[];
  /** Optional: structures known in advance (otherwise imported from CSV). */
  readonly structures?: readonly ExamStructure[];
  /**
   * The session's rule set, as the exam office writes it (JSON): omitted
   * rules are the national ones (the domain's `ruleSetFrom`).
   */
  readonly rules?: unknown;
}

export type DefineSessionOutcome =
  | { readonly kind: 'defined'; readonly year: number; readonly specialties: number }
  | { readonly kind: 'exists'; readonly year: number }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/**
 * Opens an exam session: the calendar and the rule set are checked by the
 * domain (buildCalendar and ruleSetFrom list every problem, in French),
 * every specialty of a batch must be named with its pilot académie, the
 * structures given must hold under the session's rules, and everything is
 * written in one transaction with its audit entry. A session is defined once.
 */
export async function defineSession(
  db: Kysely<Database>,
  definition: SessionDefinition,
  actor: { readonly at: Date; readonly who: string },
): Promise<DefineSessionOutcome> {
  let calendar;
  try {
    calendar = buildCalendar(definition.calendar);
  } catch (error) {
    if (error instanceof DomainInputError)
      return { kind: 'invalid', problems: [error.message, ...error.details] };
    throw error;
  }
  const ruleCheck = ruleSetFrom(definition.rules);
  const problems: string[] = ruleCheck.ok ? [] : [...ruleCheck.problems];
  const named = new Map(definition.specialties.map((s) => [s.code, s]));
  for (const code of calendar.batches.flatMap((b) => b.specialtyCodes)) {
    const s = named.get(code);
    if (s === undefined)
      problems.push(`La spécialité ${code} figure au calendrier sans nom ni académie pilote.`);
    else if (academyByCode(s.pilotAcademy) === undefined)
      problems.push(`Académie pilote inconnue pour ${code} : ${s.pilotAcademy}.`);
  }
  for (const code of named.keys()) {
    if (!calendar.batches.some((b) => b.specialtyCodes.includes(code))) {
      problems.push(`La spécialité ${code} n’appartient à aucun lot de publication.`);
    }
  }
  if (ruleCheck.ok) {
    for (const structure of definition.structures ?? []) {
      for (const problem of validateExamStructure(structure, ruleCheck.rules))
        problems.push(`Structure ${structure.specialtyCode} : ${problem}`);
    }
  }
  if (!ruleCheck.ok || problems.length > 0) return { kind: 'invalid', problems };
  const rules = ruleCheck.rules;
  const specialties: SessionSpecialty[] = definition.specialties.map((s) => ({
    code: s.code,
    name: s.name,
    pilotAcademyCode: s.pilotAcademy,
  }));

  return db.transaction().execute(async (trx) => {
    if (await sessionExists(trx, calendar.year))
      return { kind: 'exists', year: calendar.year } as const;
    await ensureAcademies(trx, ACADEMIES);
    await insertSessionCalendar(trx, calendar, specialties, rules);
    await insertStructures(trx, calendar.year, definition.structures ?? []);
    await appendAudit(trx, {
      at: actor.at,
      actorAccountId: null,
      actorRole: null,
      action: 'SESSION_DEFINED',
      after: {
        year: calendar.year,
        by: actor.who,
        specialties: specialties.map((s) => s.code),
        rules: rules.name,
      },
    });
    return { kind: 'defined', year: calendar.year, specialties: specialties.length } as const;
  });
}
