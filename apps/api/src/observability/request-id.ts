import { randomUUID } from 'node:crypto';

// A caller's id goes into every log line and back into a response header:
// only a short token of plain characters may, so that no one can forge log
// lines (newlines, quotes) or smuggle headers through it.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The `x-request-id` header when it is a safe token, a new UUID otherwise. */
export function requestIdOf(header: string | readonly string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** The path of a request target without its query string (values may be personal or secret). */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
