import { API_URL, RATTRAPAGE_WEB_SECRET } from '$app/env/private';

/** The API's names for them (apps/api/src/http/client-address.ts). */
const CLIENT_ADDRESS_HEADER = 'x-rattrapage-client-address';
const WEB_SECRET_HEADER = 'x-rattrapage-web-secret';

/**
 * A request of this server to the API, carrying the person's address and the
 * secret the API checks before believing it: every request reaches the API
 * from this server, so without them all people would share one throttle key.
 * The address is SvelteKit's getClientAddress, which follows ADDRESS_HEADER
 * and XFF_DEPTH behind a reverse proxy (docs/operations.md).
 */
export function withClientAddress(request: Request, clientAddress: string): Request {
  if (new URL(request.url).origin !== new URL(API_URL).origin) return request;
  const headers = new Headers(request.headers);
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  if (RATTRAPAGE_WEB_SECRET === null) headers.delete(WEB_SECRET_HEADER);
  else headers.set(WEB_SECRET_HEADER, RATTRAPAGE_WEB_SECRET);
  return new Request(request, { headers });
}
