import { ownCandidateDocument } from '#lib/server/api-document.ts';

/** The candidate's transcript (relevé de notes) as a PDF, once results are published. */
export const GET = ownCandidateDocument('releve.pdf');
