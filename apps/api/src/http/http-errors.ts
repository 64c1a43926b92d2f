import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/** Every refusal of the HTTP layer has the shape of a GraphQL error response. */
export function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json(errorBody(code, message));
}

/** A request HTTP itself finds malformed, whichever layer saw it. */
export const INVALID_HTTP_REQUEST = 'Requête HTTP invalide.';

/** body-parser's error types (its `type` property), as codes and French messages. */
const BODY_ERRORS: Readonly<Record<string, readonly [number, string, string]>> = {
  'entity.parse.failed': [400, 'BAD_REQUEST', 'Le corps de la requête n’est pas du JSON valide.'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'Le corps de la requête est trop volumineux.'],
  'encoding.unsupported': [
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'Encodage de contenu non pris en charge (Content-Encoding).',
  ],
  'charset.unsupported': [
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'Jeu de caractères non pris en charge : envoyez de l’UTF-8.',
  ],
  'request.aborted': [400, 'BAD_REQUEST', 'La requête a été interrompue avant sa fin.'],
  'request.size.invalid': [
    400,
    'BAD_REQUEST',
    'La taille reçue ne correspond pas à l’en-tête Content-Length.',
  ],
  'parameters.too.many': [413, 'PAYLOAD_TOO_LARGE', 'Trop de paramètres dans la requête.'],
};

function bodyErrorOf(error: unknown): readonly [number, string, string] | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? BODY_ERRORS[error.type] : undefined;
}

/** The status an error asks for (the router's own, e.g. 400 for a path that does not decode). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status: unknown = 'status' in error ? error.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** Anything that reached no route: JSON, never Express's "Cannot GET" page. */
export function notFound(): RequestHandler {
  return (_req, res) => {
    sendError(res, 404, 'NOT_FOUND', 'Aucune ressource à cette adresse.');
  };
}

/** A known path asked with a method it does not answer: 405 and the methods it does. */
export function onlyMethods(methods: readonly string[]): RequestHandler {
  const allowed = new Set(methods);
  return (req, res, next) => {
    if (allowed.has(req.method)) {
      next();
      return;
    }
    res.set('allow', methods.join(', '));
    sendError(
      res,
      405,
      'METHOD_NOT_ALLOWED',
      `Méthode ${req.method} non acceptée ici (acceptées : ${methods.join(', ')}).`,
    );
  };
}

/**
 * The last handler: body-parser's refusals keep their status with a code and
 * a French message; anything else thrown is a 500 that says nothing of
 * itself.
 */
export function jsonErrors(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = bodyErrorOf(error);
    if (known !== undefined) {
      sendError(res, known[0], known[1], known[2]);
      return;
    }
    // The class only: a message or stack may quote SQL or personal data.
    const status = statusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      sendError(res, status, 'BAD_REQUEST', INVALID_HTTP_REQUEST);
      return;
    }
    req.log.error(
      { errorClass: error instanceof Error ? error.name : typeof error },
      'unhandled error',
    );
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Erreur interne du serveur.');
  };
}
