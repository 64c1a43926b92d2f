import { API_URL, RATTRAPAGE_WEB_SECRET } from '$app/env/private';

/** The API's names for them (apps/api/src/http/client-address.ts). */
const CLIENT_ADDRESS_HEADER = 'x-rattrapage-client-address';
const WEB_SECRET_HEADER = 'x-rattrapage-web-secret';

const API_ORIGIN = new URL(API_URL).origin;

/**
 * A request of this server to the API, carrying the person's address and the
 * secret the API checks before believing it: every request reaches the API
 * from this server, so without them all people would share one throttle key.
 * The address is SvelteKit's getClientAddress, which follows ADDRESS_HEADER
 * and XFF_DEPTH behind a reverse proxy (docs/operations.md). The request is
 * the one SvelteKit built for this fetch: its headers are marked in place
 * rather than copied into a second request (building it was about 1.5 % of
 * the web's CPU per page, docs/performance.md).
 */
export function withClientAddress(request: Request, clientAddress: string): Request {
  if (new URL(request.url).origin !== API_ORIGIN) return request;
  request.headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  if (RATTRAPAGE_WEB_SECRET === null) request.headers.delete(WEB_SECRET_HEADER);
  else request.headers.set(WEB_SECRET_HEADER, RATTRAPAGE_WEB_SECRET);
  return request;
}
