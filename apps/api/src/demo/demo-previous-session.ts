import {
  ACADEMIES,
  CALENDAR_2024_DATA,
  type CalendarData,
  RULES_2024,
  type RuleSet,
  SPECIALTIES,
  buildCalendar,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { lockDemoSeed } from '../repositories/demo.repository.ts';
import { sessionExists } from '../repositories/session.repository.ts';
import { drawCandidates } from './demo-candidates.ts';
import { insertDemoCandidates, insertDemoSession } from './demo-session.ts';
import { DEMO_SCHOOLS } from './demo-schools.ts';
import { createPrng } from './prng.ts';

/** The demo's previous session: over, fictitious, beside 2024 to show years apart. */
export const PREVIOUS_DEMO_YEAR = 2023;

/** 2024's calendar one year earlier, at the same wall times (fictitious). */
export const PREVIOUS_DEMO_CALENDAR: CalendarData = {
  ...CALENDAR_2024_DATA,
  year: PREVIOUS_DEMO_YEAR,
  batches: CALENDAR_2024_DATA.batches.map((b) => ({
    ...b,
    label: `Lot ${b.id} – session ${PREVIOUS_DEMO_YEAR} (fictive)`,
    firstGroupResultsAt: earlier(b.firstGroupResultsAt),
    choiceWindow: {
      opensAt: earlier(b.choiceWindow.opensAt),
      closesAt: earlier(b.choiceWindow.closesAt),
    },
  })),
  oralDays: CALENDAR_2024_DATA.oralDays.map((d) => ({ ...d, date: earlier(d.date) })),
  secondGroupResultsAt: earlier(CALENDAR_2024_DATA.secondGroupResultsAt),
};

/**
 * 2024's rules, as the texts then in force were the same; the last source is
 * the demo's own, since no académie published anything for a fictitious year.
 */
export const PREVIOUS_DEMO_RULES: RuleSet = {
  ...RULES_2024,
  name: `Règles de la session ${String(PREVIOUS_DEMO_YEAR)} (fictive)`,
  texts: [
    ...RULES_2024.texts.filter((text) => !text.includes('session 2024')),
    `Session ${String(PREVIOUS_DEMO_YEAR)} fictive, créée pour la démonstration : aucune information officielle`,
  ],
};

function earlier(wallTime: string): string {
  return wallTime.replace(/^2024-/, `${String(PREVIOUS_DEMO_YEAR)}-`);
}

/**
 * Adds the previous session to the demo: its calendar, rules and structures,
 * and a few fictitious candidates with marks (numbers starting 023), so that
 * pages asked for 2023 show 2023 alone. Does nothing if 2023 exists. The
 * caller deliberates it, as for 2024.
 */
export async function seedPreviousDemoSession(
  db: Kysely<Database>,
  options: { readonly candidates?: number } = {},
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockDemoSeed(trx);
    if (await sessionExists(trx, PREVIOUS_DEMO_YEAR)) return;
    await insertDemoSession(trx, buildCalendar(PREVIOUS_DEMO_CALENDAR), PREVIOUS_DEMO_RULES);
    const candidates = drawCandidates({
      prng: createPrng(PREVIOUS_DEMO_YEAR),
      count: options.candidates ?? 300,
      year: PREVIOUS_DEMO_YEAR,
      specialties: SPECIALTIES,
      schools: DEMO_SCHOOLS,
      academyCodes: ACADEMIES.map((a) => a.code),
      scripted: [],
    });
    await insertDemoCandidates(trx, PREVIOUS_DEMO_YEAR, candidates);
  });
}
