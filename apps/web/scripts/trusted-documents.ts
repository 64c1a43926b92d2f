/**
 * Writes the manifest of the web's GraphQL documents that the API accepts
 * from candidates' and schools' sessions (apps/api/trusted-documents/web.json).
 * With --check, fails if the committed manifest differs from the documents.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as documents from '../src/lib/documents/index.ts';
import { trustedDocument } from '../src/lib/server/document-id.ts';

const target = new URL('../../api/trusted-documents/web.json', import.meta.url);
const entries = Object.values(documents)
  .map((document) => trustedDocument(document))
  .sort((a, b) => a.id.localeCompare(b.id));
const manifest = `${JSON.stringify(Object.fromEntries(entries.map((d) => [d.id, d.text])), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing: reported below like any other difference.
  }
  if (committed !== manifest) {
    console.error(
      'apps/api/trusted-documents/web.json does not match the web’s documents: run `pnpm --filter @rattrapage/web trusted-documents` and commit the result.',
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, manifest);
  console.log(`${entries.length} documents written to ${target.pathname}`);
}
