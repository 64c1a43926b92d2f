import { ownCandidateDocument } from '#lib/server/api-document.ts';

/** The candidate's certificate of skill blocks as a PDF, once their ajournement is published. */
export const GET = ownCandidateDocument('certificat-blocs.pdf');
