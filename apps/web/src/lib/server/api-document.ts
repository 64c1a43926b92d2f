import { type RequestHandler, error, redirect } from '@sveltejs/kit';
import { API_URL } from '$app/env/private';
import { loadCandidateId } from '#lib/server/candidate-query.ts';

/**
 * A document the API renders (PDF convocation, transcript), passed through
 * to the browser with the session token added server-side: the web never
 * renders a document itself, so scopes and embargo stay the API's.
 */
export async function apiDocument(
  fetcher: typeof fetch,
  path: string,
  token: string | null,
): Promise<Response> {
  if (token === null) redirect(303, '/connexion');
  const response = await fetcher(new URL(path, API_URL), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status === 401) redirect(303, '/connexion?expire=1');
  if (response.status === 404) error(404, 'Ce document n’est pas disponible.');
  if (!response.ok)
    error(502, 'Le document n’a pas pu être produit. Réessayez dans quelques instants.');
  const headers = new Headers({ 'cache-control': 'private, no-store' });
  for (const name of ['content-type', 'content-disposition']) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(response.body, { headers });
}

/**
 * The GET handler of one of the logged-in candidate's own papers
 * (`/documents/<name>?candidate=…` on the API): their convocation,
 * transcript, attestation or certificate of skill blocks.
 */
export function ownCandidateDocument(name: string): RequestHandler {
  return async ({ fetch, locals }) => {
    const id = await loadCandidateId(locals);
    return apiDocument(
      fetch,
      `/documents/${name}?candidate=${encodeURIComponent(id)}`,
      locals.token,
    );
  };
}
