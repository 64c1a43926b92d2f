import { PublicSessionQuery } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ fetch, locals }) => {
  const { currentExamSession } = await apiRequest(fetch, PublicSessionQuery, {}, locals.token);
  return { session: currentExamSession };
}) satisfies PageServerLoad;
