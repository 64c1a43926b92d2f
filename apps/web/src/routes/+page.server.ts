import { loadPublicSession } from '#lib/server/session-year.ts';
import type { PageServerLoad } from './$types';

/** The current session's page, or another year's (`?annee=2023`). */
export const load = (async ({ locals, url }) =>
  loadPublicSession(locals, url)) satisfies PageServerLoad;
