import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind } from '@0no-co/graphql.web';
import { describe, expect, it } from 'vitest';
import * as documents from './index.ts';
import { trustedDocument } from '#lib/server/document-id.ts';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the web’s GraphQL documents', () => {
  it('are all written in lib/documents, so the trusted-documents manifest holds every one', () => {
    const elsewhere = sourceFiles(SRC)
      .map((path) => relative(SRC, path))
      .filter((path) => !path.startsWith('lib/documents/') && path !== 'lib/graphql.ts')
      .filter((path) => /\bgraphql\(/.test(readFileSync(join(SRC, path), 'utf8')));
    expect(elsewhere).toEqual([]);
  });

  it('are each one named operation, with distinct ids', () => {
    const all = Object.values(documents);
    for (const document of all) {
      const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations).toHaveLength(1);
      expect(operations[0]?.name?.value).toMatch(/^[A-Z]\w+$/);
    }
    const ids = new Set(all.map((d) => trustedDocument(d).id));
    expect(ids.size).toBe(all.length);
  });

  it('travel by the SHA-256 of their printed text', () => {
    const { id, text } = trustedDocument(documents.LogOut);
    expect(text).toContain('mutation LogOut');
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(trustedDocument(documents.LogOut)).toBe(trustedDocument(documents.LogOut));
  });
});
