import { error } from '@sveltejs/kit';
import { PublicSessionOfYearQuery, PublicSessionQuery } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { YEAR_PARAMETER, chooseYear } from '#lib/server/session-year.ts';
import type { PageServerLoad } from './$types';

/** The current session's page, or another year's (`?annee=2023`). */
export const load = (async ({ fetch, locals, url }) => {
  const asked = url.searchParams.get(YEAR_PARAMETER);
  if (asked === null || asked === '') {
    const { currentExamSession, examSessions } = await apiRequest(
      fetch,
      PublicSessionQuery,
      {},
      locals.token,
    );
    return {
      session: currentExamSession,
      current: currentExamSession?.year ?? null,
      years: examSessions.map((s) => s.year),
    };
  }
  if (!/^\d{4}$/.test(asked)) error(404, 'Cette session n’existe pas.');
  const { examSession, currentExamSession, examSessions } = await apiRequest(
    fetch,
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
}) satisfies PageServerLoad;
