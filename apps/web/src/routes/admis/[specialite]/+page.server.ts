import { NO_INDEX, loadAdmissionList } from '#lib/server/admission-list.ts';
import { yearQuery } from '#lib/server/session-year.ts';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url, params, setHeaders }) => {
  const { chosen, list } = await loadAdmissionList(locals, url, params.specialite);
  setHeaders({ 'x-robots-tag': NO_INDEX });
  return { list, yearQuery: new URLSearchParams(yearQuery(chosen)).toString() };
}) satisfies PageServerLoad;
