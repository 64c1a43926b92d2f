/**
 * Every GraphQL document the web sends, and only these: the API accepts
 * nothing else from a candidate's or a school's session (trusted documents,
 * apps/api/trusted-documents/web.json, written by scripts/trusted-documents.ts).
 */
export * from './account.ts';
export * from './candidate.ts';
export * from './public.ts';
export * from './school.ts';
