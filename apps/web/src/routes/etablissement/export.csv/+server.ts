import { error } from '@sveltejs/kit';
import { toCsv, type CsvValue } from '#lib/csv.ts';
import type { ResultOf } from '#lib/graphql.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { chosenSessionYear } from '#lib/server/session-year.ts';
import {
  channelCsvText,
  csvParisDateTime,
  outcomeLabel,
  readSchoolFilter,
  requireSchool,
  type SchoolCandidate,
} from '#lib/server/school-candidates.ts';
import { SchoolCandidatesQuery, SchoolViewerQuery } from '#lib/documents/school.ts';
import type { RequestHandler } from './$types';

const EXPORT_PAGE_SIZE = 500;
/** A guard against a cursor that never ends (500 × 400 = 200 000 candidates). */
const MAX_PAGES = 400;

const HEADER = [
  'Numéro',
  'Nom',
  'Prénom',
  'Spécialité',
  'Candidat individuel',
  'Résultat',
  'Épreuve 1',
  'Épreuve 2',
  'Saisi par',
  'Saisi le',
] as const;

function csvRow(candidate: SchoolCandidate): CsvValue[] {
  const choice = candidate.control?.choice ?? null;
  return [
    candidate.number,
    candidate.lastName,
    candidate.firstName,
    candidate.specialty.code,
    candidate.individual ? 'Oui' : 'Non',
    // The outcome in words; the choice columns stay empty when there is none.
    outcomeLabel(candidate),
    choice?.tests[0]?.code ?? '',
    choice?.tests[1]?.code ?? '',
    choice === null ? '' : channelCsvText(choice),
    choice === null ? '' : csvParisDateTime(choice.enteredAt),
  ];
}

export const GET: RequestHandler = async ({ locals, url }) => {
  const { viewer } = await apiRequest(locals.api, SchoolViewerQuery, {}, locals.token);
  const school = requireSchool(viewer).school;
  if (school === null) error(403, 'Vous n’avez pas accès à cette page.');
  const { filter } = readSchoolFilter(url.searchParams);
  const { year } = await chosenSessionYear(locals, url);

  const rows: CsvValue[][] = [[...HEADER]];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result: ResultOf<typeof SchoolCandidatesQuery> = await apiRequest(
      locals.api,
      SchoolCandidatesQuery,
      { year, filter, first: EXPORT_PAGE_SIZE, after },
      locals.token,
    );
    const { candidates } = result;
    for (const edge of candidates.edges) rows.push(csvRow(edge.node));
    if (!candidates.pageInfo.hasNextPage || candidates.pageInfo.endCursor === null) break;
    after = candidates.pageInfo.endCursor;
  }

  const filename = `candidats-${year}-${school.uai.replace(/[^A-Za-z0-9]/g, '')}.csv`;
  return new Response(toCsv(rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
};
