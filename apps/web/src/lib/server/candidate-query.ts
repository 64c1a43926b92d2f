import { error, redirect } from '@sveltejs/kit';
import {
  CandidateSpaceQuery,
  CandidateConvocationsQuery,
  CandidateIdQuery,
} from '#lib/documents/candidate.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { sharedQuery } from '#lib/server/shared-query.ts';

/**
 * The candidate space is for candidates only: not logged in → log-in page;
 * another role → 403.
 */
function requireCandidate<C>(viewer: { role: string; candidate: C | null } | null): NonNullable<C> {
  if (viewer === null) redirect(303, '/connexion');
  if (viewer.role !== 'CANDIDATE' || viewer.candidate === null || viewer.candidate === undefined) {
    error(403, 'Cet espace est réservé aux candidats.');
  }
  return viewer.candidate;
}

/** Shared with the layout, whose fields this query carries (#lib/server/layout-data.ts). */
export async function loadCandidateSpace(locals: App.Locals) {
  if (locals.token === null) redirect(303, '/connexion');
  const data = await sharedQuery(locals, CandidateSpaceQuery);
  return { now: data.clock.now, candidate: requireCandidate(data.viewer) };
}

export async function loadCandidateConvocations(locals: App.Locals) {
  if (locals.token === null) redirect(303, '/connexion');
  const data = await apiRequest(locals.api, CandidateConvocationsQuery, {}, locals.token);
  return { now: data.clock.now, candidate: requireCandidate(data.viewer) };
}

export async function loadCandidateId(locals: App.Locals): Promise<string> {
  if (locals.token === null) redirect(303, '/connexion');
  const data = await apiRequest(locals.api, CandidateIdQuery, {}, locals.token);
  return requireCandidate(data.viewer).id;
}
