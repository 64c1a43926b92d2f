import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './logger.ts';
import { pathOf, requestIdOf } from './request-id.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id, as logged and echoed in `x-request-id`. */
    id: string;
    /** The logger of this request: every line it writes carries the request id. */
    log: Logger;
  }
}

/** The level and message of a request's line, from how its response ended. */
function endOf(res: ServerResponse): readonly ['error' | 'warn' | 'info', string] {
  if (res.statusCode >= 500) return ['error', 'request failed'];
  // The client left before the answer was sent: not the server's failure, but not a 200 either.
  return res.writableEnded ? ['info', 'request finished'] : ['warn', 'request aborted'];
}

/**
 * One JSON line per HTTP request once its response is finished: method,
 * path without the query string, status, duration, request id (echoed in
 * `x-request-id` so a user's report can be matched to the line). Headers,
 * cookies and bodies are left out on purpose: they carry tokens, passwords
 * and GraphQL variables; so is an error's message or stack, which may quote
 * SQL or personal data.
 *
 * Written here rather than with pino-http, which builds two child loggers
 * per request, one of them bound to the whole request object through the
 * redaction paths, and a line even below the log level: measured at 25 µs
 * of CPU per request, about a tenth of a candidate's read
 * (docs/performance.md).
 */
export function httpLogging(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const started = performance.now();
    // Read now: a mounted router rewrites req.url while it runs.
    const line = { method: req.method, path: pathOf(req.url) };
    const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, id);
    req.id = id;
    const log = logger.child({ requestId: id });
    req.log = log;
    res.once('close', () => {
      const [level, message] = endOf(res);
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          req: line,
          res: { status: res.statusCode },
          durationMs: Math.round(performance.now() - started),
        },
        message,
      );
    });
    next();
  };
}
