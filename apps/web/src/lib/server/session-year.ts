import { error } from '@sveltejs/kit';
import {
  PublicSessionOfYearQuery,
  PublicSessionQuery,
  SessionYearsQuery,
} from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { sharedQuery } from '#lib/server/shared-query.ts';

/** The session a page shows, the one it shows by default, and every year defined. */
export interface ChosenSession {
  readonly year: number;
  readonly current: number;
  readonly years: readonly number[];
}

/** The query parameter naming a session's year. */
export const YEAR_PARAMETER = 'annee';

/**
 * The year a page asks for (`?annee=2023`), checked against the years
 * defined; none asked: the API's current session (the one whose calendar
 * contains now on its clock, else the latest defined).
 */
export function chooseYear(
  asked: string | null,
  current: number | null,
  years: readonly number[],
): ChosenSession {
  if (current === null) error(404, 'Aucune session n’est encore définie.');
  if (asked === null || asked === '') return { year: current, current, years };
  const year = /^\d{4}$/.test(asked) ? Number(asked) : NaN;
  // The answer never repeats what was asked: it names no year.
  if (!years.includes(year)) error(404, 'Cette session n’existe pas.');
  return { year, current, years };
}

/** Shared with the layout, whose fields the query carries (#lib/server/layout-data.ts). */
export async function chosenSessionYear(locals: App.Locals, url: URL): Promise<ChosenSession> {
  const { currentExamSession, examSessions } = await sharedQuery(locals, SessionYearsQuery);
  return chooseYear(
    url.searchParams.get(YEAR_PARAMETER),
    currentExamSession?.year ?? null,
    examSessions.map((s) => s.year),
  );
}

/** The query that keeps a year other than the current one across links. */
export function yearQuery(chosen: ChosenSession): Record<string, string> {
  return chosen.year === chosen.current ? {} : { [YEAR_PARAMETER]: String(chosen.year) };
}

/**
 * The public calendar of the session a page asks for (`?annee=2023`), or of
 * the current one; with the current year and every year defined, for the
 * « Sessions » picker. An unknown or malformed year is a 404 that repeats nothing.
 * The current session's query is shared with the layout (it carries the frame).
 */
export async function loadPublicSession(locals: App.Locals, url: URL) {
  const asked = url.searchParams.get(YEAR_PARAMETER);
  if (asked === null || asked === '') {
    const { currentExamSession, examSessions } = await sharedQuery(locals, PublicSessionQuery);
    return {
      session: currentExamSession,
      current: currentExamSession?.year ?? null,
      years: examSessions.map((s) => s.year),
    };
  }
  if (!/^\d{4}$/.test(asked)) error(404, 'Cette session n’existe pas.');
  const { examSession, currentExamSession, examSessions } = await apiRequest(
    locals.api,
    PublicSessionOfYearQuery,
    { year: Number(asked) },
    locals.token,
  );
  const chosen = chooseYear(
    asked,
    currentExamSession?.year ?? null,
    examSessions.map((s) => s.year),
  );
  return { session: examSession, current: chosen.current, years: chosen.years };
}
