import { apiRequest } from '#lib/server/api-client.ts';
import {
  CHOSEN_OPTIONS,
  OUTCOME_LABELS,
  readSchoolFilter,
  requireSchool,
  schoolFilterQuery,
  toRow,
} from '#lib/server/school-candidates.ts';
import { SchoolCandidatesQuery, SchoolSpecialtiesQuery } from '#lib/documents/school.ts';
import { chosenSessionYear, yearQuery } from '#lib/server/session-year.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load = (async ({ locals, parent, url }) => {
  const { viewer } = await parent();
  const school = requireSchool(viewer);
  const { params, filter } = readSchoolFilter(url.searchParams);
  const rawAfter = url.searchParams.get('apres');
  const after = rawAfter !== null && rawAfter !== '' && rawAfter.length <= 200 ? rawAfter : null;

  const chosen = await chosenSessionYear(locals, url);
  const year = chosen.year;
  // A year other than the current one stays in every link and in the filter form.
  const keepYear = yearQuery(chosen);
  const [list, session] = await Promise.all([
    apiRequest(
      locals.api,
      SchoolCandidatesQuery,
      { year, filter, first: PAGE_SIZE, after },
      locals.token,
    ),
    apiRequest(locals.api, SchoolSpecialtiesQuery, { year }, locals.token),
  ]);

  const { pageInfo } = list.candidates;
  const filterQuery = schoolFilterQuery(params, keepYear);
  return {
    schoolName: school.school?.name ?? 'Votre établissement',
    year,
    current: chosen.current,
    years: chosen.years,
    keptYear: keepYear.annee ?? null,
    filter: params,
    specialties: session.examSession?.specialties ?? [],
    outcomes: Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
    chosenOptions: CHOSEN_OPTIONS,
    rows: list.candidates.edges.map((edge) => toRow(edge.node)),
    totalCount: list.candidates.totalCount,
    paged: after !== null,
    firstPageHref: `/etablissement${filterQuery === '' ? '' : `?${filterQuery}`}`,
    nextPageHref:
      pageInfo.hasNextPage && pageInfo.endCursor !== null
        ? `/etablissement?${schoolFilterQuery(params, { ...keepYear, apres: pageInfo.endCursor })}`
        : null,
    exportHref: `/etablissement/export.csv${filterQuery === '' ? '' : `?${filterQuery}`}`,
  };
}) satisfies PageServerLoad;
