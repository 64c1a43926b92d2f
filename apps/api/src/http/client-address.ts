import { hash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Request } from 'express';

/** The end client's address, as the web server saw it (SvelteKit's getClientAddress). */
export const CLIENT_ADDRESS_HEADER = 'x-rattrapage-client-address';
/** The secret shared by the web server and the API (RATTRAPAGE_WEB_SECRET on both). */
export const WEB_SECRET_HEADER = 'x-rattrapage-web-secret';

function digest(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

function fromTheWeb(req: Request, webSecret: string | undefined): boolean {
  const presented = req.headers[WEB_SECRET_HEADER];
  if (webSecret === undefined || typeof presented !== 'string') return false;
  // Equal-length digests: the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(presented), digest(webSecret));
}

/**
 * The address log-in throttling counts against. Behind the web server every
 * request arrives from the web's own address, so the web forwards its
 * client's address in a header the API believes only with the shared
 * secret: without it (a client that reaches the API directly) the header
 * is ignored, like X-Forwarded-For from anyone but a configured trusted
 * proxy (Express's `trust proxy`, RATTRAPAGE_TRUSTED_PROXIES).
 */
export function clientAddressOf(req: Request, webSecret: string | undefined): string {
  const forwarded = req.headers[CLIENT_ADDRESS_HEADER];
  if (typeof forwarded === 'string' && isIP(forwarded) !== 0 && fromTheWeb(req, webSecret))
    return forwarded;
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
