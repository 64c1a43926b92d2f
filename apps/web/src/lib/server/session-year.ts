import { error } from '@sveltejs/kit';
import { CurrentSessionYearQuery } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';

/**
 * The session a page shows: the API's current one (the session whose
 * calendar contains now on its clock, else the latest defined).
 */
export async function currentSessionYear(
  fetcher: typeof fetch,
  token: string | null,
): Promise<number> {
  const { currentExamSession } = await apiRequest(fetcher, CurrentSessionYearQuery, {}, token);
  if (currentExamSession === null) error(404, 'Aucune session n’est encore définie.');
  return currentExamSession.year;
}
