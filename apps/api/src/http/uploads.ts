import express, { type Request, type RequestHandler } from 'express';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { authenticate } from '../auth/session-activity.ts';
import { systemClock } from '../clock.ts';
import { isDatabaseUnavailable } from '../db/database-error.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE,
  DATABASE_UNAVAILABLE_MESSAGE,
} from '../graphql/graphql-errors.ts';
import { decodeCsv } from '../import/decode-csv.ts';
import { sendError } from './http-errors.ts';
import { LIMITS } from './query-limits.ts';
import { type RequestContextOptions, bearerToken } from './request-context.ts';

/** The upload body limit by default: a 20 MB CSV (the import's own bound) and its envelope. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 21 * 1024 * 1024;

/**
 * The only operations that take a file, each with how the file becomes its
 * variable: an import's CSV as text (decoded as an import decodes it: UTF-8,
 * else Windows-1252), a signed minute's PDF as base64. The pilot alone may
 * send a file.
 */
const UPLOAD_FIELDS: Readonly<Record<string, (bytes: Uint8Array) => string>> = {
  importFile: (bytes) => decodeCsv(bytes).text,
  archiveSignedMinute: (bytes) => Buffer.from(bytes).toString('base64'),
};

export function isMultipart(req: Request): boolean {
  return req.is('multipart/form-data') === 'multipart/form-data';
}

function problem(message: string) {
  return { ok: false as const, message };
}

function parsedJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The upload field the document's operation selects, alone in one mutation; else null. */
function uploadFieldOf(query: string, operationName: unknown): string | null {
  let document;
  try {
    document = parse(query, { maxLexicalTokens: LIMITS.maxTokens });
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const chosen =
    typeof operationName === 'string'
      ? operations.find((o) => o.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  if (chosen?.operation !== OperationTypeNode.MUTATION) return null;
  const [only, ...more] = chosen.selectionSet.selections;
  if (more.length > 0 || only?.kind !== Kind.FIELD) return null;
  return Object.hasOwn(UPLOAD_FIELDS, only.name.value) ? only.name.value : null;
}

/**
 * A GraphQL multipart request (`operations`, `map`, one file; the
 * graphql-multipart-request-spec) turned into the JSON request Apollo knows:
 * the file becomes the variable the map names, as UPLOAD_FIELDS says.
 */
async function asJsonRequest(
  req: Request,
): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; message: string }> {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw)) return problem('Corps multipart absent.');
  let form: FormData;
  try {
    // The body is already read and bounded (express.raw with the upload
    // limit): the platform's parser is enough, no streaming library needed.
    const response = new Response(raw, {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    });
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    form = await response.formData();
  } catch {
    return problem('Corps multipart illisible.');
  }
  const operations = parsedJson(form.get('operations'));
  const map = parsedJson(form.get('map'));
  if (typeof operations !== 'object' || operations === null || Array.isArray(operations))
    return problem('Le champ operations doit être un objet JSON { query, variables }.');
  const { query, variables, operationName } = operations as Record<string, unknown>;
  const field = typeof query === 'string' ? uploadFieldOf(query, operationName) : null;
  const asVariable = field === null ? undefined : UPLOAD_FIELDS[field];
  if (asVariable === undefined)
    return problem(
      `Seules les mutations ${Object.keys(UPLOAD_FIELDS).join(' et ')}, seules dans leur requête, acceptent un fichier.`,
    );
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    return problem('Le champ map doit être un objet JSON { "0": ["variables.csv"] }.');
  const entries = Object.entries(map);
  const [entry] = entries;
  const paths: unknown = entry?.[1];
  const target: unknown = Array.isArray(paths) && paths.length === 1 ? paths[0] : undefined;
  const name = typeof target === 'string' ? /^variables\.(\w+)$/.exec(target)?.[1] : undefined;
  const file = entry === undefined ? null : form.get(entry[0]);
  if (entries.length !== 1 || name === undefined || !(file instanceof Blob))
    return problem('Un seul fichier, associé à une variable (map : { "0": ["variables.csv"] }).');
  const value = asVariable(new Uint8Array(await file.arrayBuffer()));
  const given: object = typeof variables === 'object' && variables !== null ? variables : {};
  return {
    ok: true,
    body: {
      query,
      ...(operationName === undefined ? {} : { operationName }),
      variables: { ...given, [name]: value },
    },
  };
}

/**
 * The upload path: for the pilot académie only, checked before a byte of
 * the body is read, with its own body limit; everything else is refused
 * with a JSON error. Once read, the request goes on as JSON (its content
 * type rewritten), so the rest of the chain is the one every request takes.
 */
export function uploads(options: RequestContextOptions, limitBytes: number): RequestHandler[] {
  const who: RequestHandler = (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    const authenticated =
      token === null
        ? Promise.resolve(null)
        : authenticate(
            options.db,
            token,
            (options.sessionClock ?? systemClock).now(),
            options.config.sessionIdleMinutes,
          );
    authenticated.then(
      (auth) => {
        if (auth === null) {
          sendError(res, 401, 'UNAUTHENTICATED', 'Connectez-vous pour envoyer un fichier.');
          return;
        }
        if (auth.viewer.role !== 'PILOT') {
          sendError(res, 403, 'FORBIDDEN', 'Seule l’académie pilote peut envoyer un fichier.');
          return;
        }
        next();
      },
      (error: unknown) => {
        // As for any request: the database out of reach is a 503 to retry, not a 500.
        if (!isDatabaseUnavailable(error)) {
          next(error);
          return;
        }
        res.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        sendError(res, 503, DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
      },
    );
  };
  const read = express.raw({ type: 'multipart/form-data', limit: limitBytes });
  const translate: RequestHandler = (req, res, next) => {
    asJsonRequest(req).then((outcome) => {
      if (!outcome.ok) {
        sendError(res, 400, 'BAD_REQUEST', outcome.message);
        return;
      }
      req.body = outcome.body;
      req.headers['content-type'] = 'application/json';
      next();
    }, next);
  };
  return [who, read, translate];
}
