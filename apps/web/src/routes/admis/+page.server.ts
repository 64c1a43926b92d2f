import { NO_INDEX } from '#lib/server/admission-list.ts';
import { loadPublicSession } from '#lib/server/session-year.ts';
import type { PageServerLoad } from './$types';

/** The lists of admitted candidates of a session, one link per specialty. */
export const load = (async ({ locals, url, setHeaders }) => {
  const loaded = await loadPublicSession(locals, url);
  setHeaders({ 'x-robots-tag': NO_INDEX });
  return loaded;
}) satisfies PageServerLoad;
