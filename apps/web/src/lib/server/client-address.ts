import { API_URL, RATTRAPAGE_WEB_SECRET } from '$app/env/private';

/** The API's names for them (apps/api/src/http/client-address.ts). */
const CLIENT_ADDRESS_HEADER = 'x-rattrapage-client-address';
const WEB_SECRET_HEADER = 'x-rattrapage-web-secret';

const API_ORIGIN = new URL(API_URL).origin;

/**
 * Every request of this server to the API carries the person's address and
 * the secret the API checks before believing it: every request reaches the
 * API from this server, so without them all people would share one throttle
 * key. The address is SvelteKit's getClientAddress, which follows
 * ADDRESS_HEADER and XFF_DEPTH behind a reverse proxy (docs/operations.md).
 */
function addressHeaders(clientAddress: string): Record<string, string> {
  return RATTRAPAGE_WEB_SECRET === null
    ? { [CLIENT_ADDRESS_HEADER]: clientAddress }
    : { [CLIENT_ADDRESS_HEADER]: clientAddress, [WEB_SECRET_HEADER]: RATTRAPAGE_WEB_SECRET };
}

/** A GraphQL request's headers: its JSON body, whose it is, and the session if any. */
export function apiRequestHeaders(
  clientAddress: string,
  token: string | null,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...addressHeaders(clientAddress),
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
  };
}

/**
 * The same marks on a request SvelteKit's fetch sends to the API (the
 * documents the API renders, passed through): the request is the one
 * SvelteKit built for this fetch, marked in place rather than copied into a
 * second one; a secret it carried is never passed on unchecked.
 */
export function withClientAddress(request: Request, clientAddress: string): Request {
  if (new URL(request.url).origin !== API_ORIGIN) return request;
  request.headers.delete(WEB_SECRET_HEADER);
  for (const [name, value] of Object.entries(addressHeaders(clientAddress)))
    request.headers.set(name, value);
  return request;
}
