import { error, redirect } from '@sveltejs/kit';
import type { TadaDocumentNode } from 'gql.tada';
import { frenchError } from '#lib/french-errors.ts';
import type { ApiPost } from '#lib/server/api-transport.ts';
import { trustedDocument } from '#lib/server/document-id.ts';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

/**
 * Sends one of the web's own documents to the API, server-side, with the
 * session token. Only its id travels: the API knows the web's documents
 * (trusted documents) and runs nothing else for candidates and schools. The
 * person's address comes with `api` (`locals.api`). An expired session sends
 * the person back to log-in; a refusal becomes the matching HTTP error page.
 */
export async function apiRequest<Result, Variables>(
  api: ApiPost,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  token: string | null,
): Promise<Result> {
  let text: string;
  try {
    text = await api(
      JSON.stringify({ documentId: trustedDocument(document).id, variables }),
      token,
    );
  } catch {
    error(503, 'Le service est momentanément indisponible. Réessayez dans quelques instants.');
  }
  const body = parsedAnswer(text);
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
  // The document's own type: the API answers the document it was sent.
  return body.data as Result;
}

interface ApiAnswer {
  data?: unknown;
  errors?: GraphQLErrorBody[];
}

/** The API's answer, or null when it is no JSON object (a proxy's error page, say). */
function parsedAnswer(text: string): ApiAnswer | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}
