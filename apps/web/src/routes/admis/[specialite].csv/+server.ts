import { toCsv } from '#lib/csv.ts';
import { NO_INDEX, loadAdmissionList } from '#lib/server/admission-list.ts';
import type { RequestHandler } from './$types';

/** The same list as the page, for a spreadsheet: names only, as the page. */
export const GET = (async ({ locals, url, params }) => {
  const { list } = await loadAdmissionList(locals, url, params.specialite);
  const body = toCsv([['Nom', 'Prénom'], ...list.names.map((n) => [n.lastName, n.firstName])]);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="admis-bts-${list.specialtyCode}-${String(list.year)}.csv"`,
      // A consent withdrawn takes the name off at once: no cache keeps it.
      'cache-control': 'no-store',
      'x-robots-tag': NO_INDEX,
    },
  });
}) satisfies RequestHandler;
