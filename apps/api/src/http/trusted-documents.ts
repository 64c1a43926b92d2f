import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../access/viewer.ts';
import type { RequestContext } from '../context.ts';
import { documentSizeProblem } from './query-limits.ts';

export const UNKNOWN_DOCUMENT = 'UNKNOWN_DOCUMENT';
export const UNTRUSTED_DOCUMENT = 'UNTRUSTED_DOCUMENT';

/** The web's documents, written by apps/web/scripts/trusted-documents.ts. */
export const WEB_TRUSTED_DOCUMENTS = new URL('../../trusted-documents/web.json', import.meta.url);

/** The id of a document: its SHA-256, as the web and the manifest write it. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * The documents the web may send. Sessions of candidates and schools exist
 * only for the web, so they may run these and nothing else: a stolen
 * session cookie cannot be turned into a tool for exploring the API.
 */
export class TrustedDocuments {
  private readonly byId: ReadonlyMap<string, string>;
  /**
   * The same texts, for asking whether a text is one of them: a set finds
   * a string by V8's own hash of it, kept with the string, where hashing
   * it with SHA-256 costs every request (3 µs for the candidate's page).
   */
  private readonly texts: ReadonlySet<string>;

  private constructor(byId: ReadonlyMap<string, string>) {
    this.byId = byId;
    this.texts = new Set(byId.values());
  }

  static fromManifest(manifest: unknown): TrustedDocuments {
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new Error('A trusted-documents manifest is an object of id → document.');
    const byId = new Map<string, string>();
    for (const [id, text] of Object.entries(manifest)) {
      // An id that is not its text's hash would let the manifest say one
      // thing and the API run another.
      if (typeof text !== 'string' || documentIdOf(text) !== id)
        throw new Error(`Trusted document ${id}: the id is not the SHA-256 of its text.`);
      // Checked here, once, so that no request lexes a trusted text again
      // (refuseOversizedDocuments): the web's page is 12 µs of lexing.
      const problem = documentSizeProblem(text);
      if (problem !== null) throw new Error(`Trusted document ${id}: ${problem}`);
      byId.set(id, text);
    }
    return new TrustedDocuments(byId);
  }

  static load(file: URL | string = WEB_TRUSTED_DOCUMENTS): TrustedDocuments {
    return TrustedDocuments.fromManifest(JSON.parse(readFileSync(file, 'utf8')));
  }

  textOf(id: string): string | undefined {
    return this.byId.get(id);
  }

  /** Whether a text is one of the documents, byte for byte. */
  allows(source: string): boolean {
    return this.texts.has(source);
  }

  get size(): number {
    return this.byId.size;
  }
}

/** Candidates and schools use the web, and only the web; académies use the API freely. */
export function boundToTrustedDocuments(viewer: Viewer | null): boolean {
  return viewer !== null && (viewer.role === 'CANDIDATE' || viewer.role === 'SCHOOL');
}

function refusal(status: number, message: string, code: string) {
  return [status, { errors: [{ message, extensions: { code } }] }] as const;
}

/**
 * Lets a client send `{ documentId, variables }` instead of the document's
 * text (the GraphQL-over-HTTP trusted-documents convention): the id is
 * replaced by the known text before Apollo sees the request.
 */
export function resolveDocumentIds(trusted: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || !('documentId' in body)) {
      next();
      return;
    }
    const { documentId, ...rest } = body as Record<string, unknown>;
    const text = typeof documentId === 'string' ? trusted.textOf(documentId) : undefined;
    const problem =
      'query' in rest
        ? refusal(400, 'Envoyez soit documentId, soit query, pas les deux.', 'BAD_REQUEST')
        : text === undefined
          ? refusal(400, 'Ce document GraphQL n’est pas connu de l’API.', UNKNOWN_DOCUMENT)
          : null;
    if (problem !== null) {
      res.status(problem[0]).json(problem[1]);
      return;
    }
    req.body = { ...rest, query: text };
    next();
  };
}

/**
 * Refuses, before execution, any document outside the allowlist when the
 * viewer is a candidate's or a school's session.
 */
export function enforceTrustedDocuments(
  trusted: TrustedDocuments,
): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation(rc) {
          if (rc.contextValue.config.enforceTrustedDocuments !== true) return Promise.resolve();
          if (!boundToTrustedDocuments(rc.contextValue.viewer)) return Promise.resolve();
          if (trusted.allows(rc.source)) return Promise.resolve();
          throw new GraphQLError('Ce compte ne peut envoyer que les requêtes du site Rattrapage.', {
            extensions: { code: UNTRUSTED_DOCUMENT, http: { status: 403 } },
          });
        },
      });
    },
  };
}
