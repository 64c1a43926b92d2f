import { error, redirect } from '@sveltejs/kit';
import type { TadaDocumentNode } from 'gql.tada';
import { API_URL } from '$app/env/private';
import { frenchError } from '#lib/french-errors.ts';
import { trustedDocument } from '#lib/server/document-id.ts';

export class ApiUnavailableError extends Error {}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

/**
 * Sends one of the web's own documents to the API, server-side, with the
 * session token. Only its id travels: the API knows the web's documents
 * (trusted documents) and runs nothing else for candidates and schools. The
 * person's address is added by the handleFetch hook. An expired session sends the person back to log-in; a
 * refusal becomes the matching HTTP error page.
 */
export async function apiRequest<Result, Variables>(
  fetcher: typeof fetch,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  token: string | null,
): Promise<Result> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetcher(API_URL, {
      method: 'POST',
      headers,
      body: JSON.stringify({ documentId: trustedDocument(document).id, variables }),
    });
  } catch {
    error(503, 'Le service est momentanément indisponible. Réessayez dans quelques instants.');
  }
  const body = (await response.json().catch(() => null)) as {
    data?: Result;
    errors?: GraphQLErrorBody[];
  } | null;
  const first = body?.errors?.[0];
  if (first !== undefined) {
    const code = first.extensions?.code;
    if (code === 'UNAUTHENTICATED') redirect(303, '/connexion?expire=1');
    if (code === 'PASSWORD_CHANGE_REQUIRED') redirect(303, '/mot-de-passe');
    if (code === 'FORBIDDEN') error(403, 'Vous n’avez pas accès à cette page.');
    // The API's wording may quote what was sent (an id in the address):
    // never echoed on a page.
    if (code === 'BAD_USER_INPUT') error(400, frenchError(400).message);
    // Saturated at a publication instant: the API says when to try again, in French.
    if (code === 'SERVICE_OVERLOADED') error(503, first.message);
    error(502, 'Le service a rencontré une erreur. Réessayez dans quelques instants.');
  }
  if (body?.data === undefined) error(502, 'Réponse inattendue du service.');
  return body.data;
}
