import { ownCandidateDocument } from '#lib/server/api-document.ts';

/** The candidate's attestation de réussite as a PDF, once their admission is published. */
export const GET = ownCandidateDocument('attestation.pdf');
