import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit/hooks';
import { CROSS_SITE_FORM, errorBody, frenchError } from '#lib/french-errors.ts';
import { apiPostFor } from '#lib/server/api-transport.ts';
import { withClientAddress } from '#lib/server/client-address.ts';
import { readSession } from '#lib/server/session.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Any request that may change something must come from a page of this site.
 * SvelteKit's own check answers in English text, so it is switched off
 * (csrf.trustedOrigins: ['*'] in vite.config.ts) and done here instead, for
 * every method that is not safe and every content type: a stricter rule.
 */
function crossSiteRefusal(request: Request, selfOrigin: string): Response | null {
  if (SAFE_METHODS.has(request.method) || request.headers.get('origin') === selfOrigin) return null;
  return errorResponse(request, 403, CROSS_SITE_FORM);
}

/** A French answer a person can read, with a stable code for programs. */
function errorResponse(
  request: Request,
  status: number,
  { message, code }: { message: string; code: string },
): Response {
  if (request.headers.get('accept')?.includes('application/json'))
    return Response.json({ message, code }, { status });
  return new Response(`${message} (${code})\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-error-code': code },
  });
}

export const handle: Handle = async ({ event, resolve }) => {
  const refusal = crossSiteRefusal(event.request, event.url.origin);
  event.locals.token = refusal === null ? readSession(event.cookies) : null;
  event.locals.answers = new Map();
  event.locals.api = apiPostFor(() => event.getClientAddress());
  let response = refusal ?? (await resolve(event));
  // SvelteKit answers a few refusals itself in English text (« POST method
  // not allowed », a reserved query parameter…): said in French instead.
  if (
    response.status >= 400 &&
    refusal === null &&
    response.headers.get('content-type')?.startsWith('text/plain') === true
  )
    response = errorResponse(event.request, response.status, frenchError(response.status));
  // The CSP (with frame-ancestors 'none') comes from the kit's csp option.
  response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  return response;
};

/** An unexpected error never shows its text: it is logged, and worded in French. */
export const handleError: HandleServerError = ({ kind, error, event }) => {
  if (kind === 'unknown')
    console.error(`Erreur inattendue sur ${event.request.method} ${event.url.pathname}`, error);
  return errorBody(kind, kind === 'unknown' ? undefined : error.status);
};

/**
 * Every request to the API says whose it is (log-in throttling counts per
 * address): the documents passed through come by SvelteKit's fetch; every
 * GraphQL request goes by `locals.api`, which marks its own.
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) =>
  fetch(withClientAddress(request, event.getClientAddress()));
