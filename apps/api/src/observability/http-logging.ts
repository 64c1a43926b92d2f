import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger.ts';
import { pathOf, requestIdOf } from './request-id.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * One JSON line per HTTP request once its response is finished: method,
 * path without the query string, status, duration, request id (echoed in
 * `x-request-id` so a user's report can be matched to the line). Headers,
 * cookies and bodies are left out on purpose: they carry tokens, passwords
 * and GraphQL variables.
 */
export function httpLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    wrapSerializers: false,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        path: pathOf(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
    customLogLevel(_req, res, error) {
      if (error !== undefined || res.statusCode >= 500) return 'error';
      // The client left before the answer was sent: not the server's failure, but not a 200 either.
      return res.writableEnded ? 'info' : 'warn';
    },
    customSuccessMessage: (_req, res) =>
      res.writableEnded ? 'request finished' : 'request aborted',
    customErrorMessage: () => 'request failed',
    // A failed response is logged with its status only: an error's message
    // or stack may quote SQL or personal data.
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => {
      const rest = { ...value };
      delete rest['err'];
      return rest;
    },
  });
}
