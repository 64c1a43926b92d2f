import { ownCandidateDocument } from '#lib/server/api-document.ts';

/** The candidate's convocation as a printable, accessible PDF (rendered by the API). */
export const GET = ownCandidateDocument('convocation.pdf');
