import { readFileSync } from 'node:fs';
import { WEB_TRUSTED_DOCUMENTS } from '../../src/http/trusted-documents.ts';

/** The web's documents as the API knows them (apps/api/trusted-documents/web.json), id → text. */
export const webManifest = JSON.parse(readFileSync(WEB_TRUSTED_DOCUMENTS, 'utf8')) as Record<
  string,
  string
>;

/** The web's document for an operation, by its name. */
export function webDocument(operation: string): { id: string; text: string } {
  const found = Object.entries(webManifest).find(([, text]) =>
    new RegExp(`^(query|mutation) ${operation}\\b`).test(text),
  );
  if (found === undefined) throw new Error(`no web document ${operation}`);
  return { id: found[0], text: found[1] };
}
