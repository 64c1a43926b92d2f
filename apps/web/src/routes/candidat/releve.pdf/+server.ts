import { apiDocument } from '#lib/server/api-document.ts';
import { loadCandidateId } from '#lib/server/candidate-query.ts';
import type { RequestHandler } from './$types';

/** The candidate's transcript (relevé de notes) as a PDF, once results are published. */
export const GET = (async ({ fetch, locals }) => {
  const id = await loadCandidateId(fetch, locals.token);
  return apiDocument(
    fetch,
    `/documents/releve.pdf?candidate=${encodeURIComponent(id)}`,
    locals.token,
  );
}) satisfies RequestHandler;
