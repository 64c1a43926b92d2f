import { apiDocument } from '#lib/server/api-document.ts';
import { loadCandidateId } from '#lib/server/candidate-query.ts';
import type { RequestHandler } from './$types';

/** The candidate's attestation de réussite as a PDF, once their admission is published. */
export const GET = (async ({ fetch, locals }) => {
  const id = await loadCandidateId(fetch, locals.token);
  return apiDocument(
    fetch,
    `/documents/attestation.pdf?candidate=${encodeURIComponent(id)}`,
    locals.token,
  );
}) satisfies RequestHandler;
