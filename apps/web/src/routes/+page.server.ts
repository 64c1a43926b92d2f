import { PublicSessionQuery } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { SESSION_YEAR } from '#lib/server/session-year.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ fetch, locals }) => {
  const { examSession } = await apiRequest(
    fetch,
    PublicSessionQuery,
    { year: SESSION_YEAR },
    locals.token,
  );
  return { session: examSession };
}) satisfies PageServerLoad;
