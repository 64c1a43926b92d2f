import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../observability/logger.ts';
import { INVALID_HTTP_REQUEST, errorBody } from './http-errors.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** How long a refused client has to read its answer before the connection is cut. */
export const CLOSE_GRACE_MS = 1_000;

/** Node's own codes for a request its HTTP parser refused, as our status, code and French message. */
function refusalOf(code: string | undefined): readonly [number, string, string, string] {
  if (code === 'HPE_HEADER_OVERFLOW')
    return [
      431,
      'Request Header Fields Too Large',
      'REQUEST_HEADER_FIELDS_TOO_LARGE',
      'Les en-têtes ou l’adresse de la requête sont trop longs.',
    ];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'La requête est arrivée trop lentement.'];
  return [400, 'Bad Request', 'BAD_REQUEST', INVALID_HTTP_REQUEST];
}

/**
 * A request Node's HTTP parser refuses (headers or address too long, a
 * malformed request line, headers too slow) never reaches Express: Node
 * answers it itself, with an empty body and none of our headers. Answered
 * here like every other refusal: JSON with a code and a French message,
 * the security headers, then the connection closed; and logged at `warn`
 * with Node's code (what a scanner or a broken client sends shows there),
 * never with what was sent.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this connection cannot be followed by another.
    const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] = refusalOf(error.code);
    logger.warn({ parserCode: error.code, res: { status } }, 'request refused by the HTTP parser');
    const body = JSON.stringify(errorBody(code, message));
    const headers = {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${String(status)} ${reason}\r\n${head}\r\n${body}`);
    // An HTTP server's sockets stay half-open until the client closes its
    // side: one that never does keeps the descriptor until the header
    // timeout, a minute. Node's own answer destroys the socket at once; a
    // moment's grace lets the answer be read first.
    const closing = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
    closing.unref();
    socket.once('close', () => {
      clearTimeout(closing);
    });
  });
}
