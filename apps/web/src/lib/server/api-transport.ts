import { Pool } from 'undici';
import { API_URL } from '$app/env/private';
import { apiRequestHeaders } from '#lib/server/client-address.ts';

/**
 * One document sent to the API for the person of the current request:
 * resolves with the answer's text whatever its status, rejects when the API
 * cannot be reached. Made per request (`locals.api`, hooks.server.ts) so
 * that it carries that person's address.
 */
export type ApiPost = (body: string, token: string | null) => Promise<string>;

const endpoint = new URL(API_URL);
const path = `${endpoint.pathname}${endpoint.search}`;
let pool: Pool | undefined;

/**
 * Every page asks the API at least once, so this is undici's own request
 * API on kept-alive connections, not `fetch`: fetch's WHATWG request,
 * headers and streams cost the web three to four times the CPU per call
 * (docs/performance.md, the web's share). The pool opens connections as
 * requests need them and closes those the API says it will drop.
 */
export function apiPostFor(clientAddress: () => string): ApiPost {
  return async (body, token) => {
    pool ??= new Pool(endpoint.origin);
    const answer = await pool.request({
      path,
      method: 'POST',
      headers: apiRequestHeaders(clientAddress(), token),
      body,
    });
    return answer.body.text();
  };
}
