import { apiDocument } from '#lib/server/api-document.ts';
import { loadCandidateId } from '#lib/server/candidate-query.ts';
import type { RequestHandler } from './$types';

/** The candidate's convocation as a printable, accessible PDF (rendered by the API). */
export const GET = (async ({ fetch, locals }) => {
  const id = await loadCandidateId(fetch, locals.token);
  return apiDocument(
    fetch,
    `/documents/convocation.pdf?candidate=${encodeURIComponent(id)}`,
    locals.token,
  );
}) satisfies RequestHandler;
