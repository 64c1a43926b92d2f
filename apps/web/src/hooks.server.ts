import type { Handle, HandleFetch } from '@sveltejs/kit/hooks';
import { withClientAddress } from '#lib/server/client-address.ts';
import { readSession } from '#lib/server/session.ts';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.token = readSession(event.cookies);
  const response = await resolve(event);
  // The CSP (with frame-ancestors 'none') comes from the kit's csp option.
  response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  return response;
};

/** Every request to the API says whose it is (log-in throttling counts per address). */
export const handleFetch: HandleFetch = ({ event, request, fetch }) =>
  fetch(withClientAddress(request, event.getClientAddress()));
