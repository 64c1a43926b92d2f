import { error } from '@sveltejs/kit';
import { AdmissionListQuery } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { chosenSessionYear } from '#lib/server/session-year.ts';

/** Search engines keep no copy of a list of names, however public. */
export const NO_INDEX = 'noindex, nofollow, noarchive';

/**
 * One specialty's public list of admitted candidates, for the session a
 * page asks for (`?annee=`) or the current one. An unknown specialty is a
 * 404 that repeats nothing.
 */
export async function loadAdmissionList(locals: App.Locals, url: URL, code: string) {
  const chosen = await chosenSessionYear(locals, url);
  const { admissionList } = /^[A-Z0-9]{1,12}$/.test(code)
    ? await apiRequest(
        locals.api,
        AdmissionListQuery,
        { year: chosen.year, specialtyCode: code },
        locals.token,
      )
    : { admissionList: null };
  if (admissionList === null) error(404, 'Cette spécialité n’a pas de liste des admis.');
  return { chosen, list: admissionList };
}
