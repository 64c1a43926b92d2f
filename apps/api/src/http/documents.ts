import { isDatabaseUnavailable } from '../db/database-error.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE,
  DATABASE_UNAVAILABLE_MESSAGE,
} from '../graphql/graphql-errors.ts';
import { PASSWORD_CHANGE_REQUIRED } from '../graphql/password-change-gate.ts';
import { onlyMethods, sendError } from './http-errors.ts';
import express, { type Request, type Response } from 'express';
import type { RequestContext } from '../context.ts';
import {
  DOCUMENTS,
  DocumentNotFound,
  DocumentRequestInvalid,
} from '../documents/document-catalogue.ts';
import { toCsv } from '../documents/csv.ts';
import { contentDisposition } from './content-disposition.ts';
import { type RequestContextOptions, requestContext } from './request-context.ts';

/**
 * Documents over HTTP, with the same Bearer token as /graphql. A document
 * the viewer may not see answers 404, exactly like one that does not exist
 * (never reveal whether a candidate exists, nor whether results are out).
 */

/** A query parameter's one value; given twice, or as a nested object, it is refused. */
function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new DocumentRequestInvalid(`Paramètre ${name} invalide (une seule valeur).`);
}

function sendPdf(res: Response, name: string, bytes: Uint8Array): void {
  res
    .status(200)
    .set({
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition('inline', name),
      'cache-control': 'private, no-store',
    })
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

function sendCsv(
  res: Response,
  name: string,
  table: { readonly header: string[]; readonly rows: string[][] },
): void {
  res
    .status(200)
    .set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition('attachment', name),
      'cache-control': 'private, no-store',
    })
    .send(toCsv(table.header, table.rows));
}

type Handler = (ctx: RequestContext, req: Request, res: Response) => Promise<void>;

export function documentsRouter(options: RequestContextOptions): express.Router {
  const router = express.Router();
  const route = (path: string, handler: Handler) => {
    router.all(path, onlyMethods(['GET', 'HEAD']));
    router.get(path, async (req, res, next) => {
      try {
        const ctx = await requestContext(options, req);
        if (ctx.viewer === null) {
          res.set('www-authenticate', 'Bearer');
          sendError(res, 401, 'UNAUTHENTICATED', 'Connectez-vous pour télécharger ce document.');
          return;
        }
        // The same gate as GraphQL's (graphql/password-change-gate.ts).
        if (ctx.passwordChangeRequired) {
          sendError(
            res,
            403,
            PASSWORD_CHANGE_REQUIRED,
            'Changez votre mot de passe avant de continuer.',
          );
          return;
        }
        await handler(ctx, req, res);
      } catch (error) {
        if (error instanceof DocumentNotFound) {
          sendError(
            res,
            404,
            'NOT_FOUND',
            'Ce document n’existe pas ou ne vous est pas accessible.',
          );
        } else if (error instanceof DocumentRequestInvalid) {
          sendError(res, 400, 'BAD_REQUEST', error.message);
        } else if (isDatabaseUnavailable(error)) {
          res.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
          sendError(res, 503, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
        } else {
          // The server's last handler logs it and answers a 500 that says nothing of itself.
          next(error);
        }
      }
    });
  };

  for (const [name, produce] of Object.entries(DOCUMENTS))
    route(`/${name}`, async (ctx, req, res) => {
      const document = await produce(ctx, (param) => queryParam(req, param));
      if (document.kind === 'pdf') sendPdf(res, document.name, document.bytes);
      else sendCsv(res, document.name, document.table);
    });

  return router;
}
