import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export interface ParsedPdf {
  readonly pages: readonly string[];
  readonly text: string;
  readonly title: unknown;
  readonly language: unknown;
  /** The MarkInfo dictionary says Marked (pdf.js does not report it, so read the bytes). */
  readonly marked: boolean;
  readonly hasStructTree: boolean;
  /** Structure roles of every page (Sect, H1, P, Table, TH…), in document order. */
  readonly roles: readonly string[];
}

/** Reads a PDF back as a reader would: its text per page, its metadata and tagging. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const task = getDocument({ data: new Uint8Array(bytes), standardFontDataUrl });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    let hasStructTree = true;
    const roles: string[] = [];
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && typeof node.role === 'string') roles.push(node.role);
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
          .join('')
          .replace(/[ \t]+/g, ' '),
      );
      const tree = await page.getStructTree();
      // pdf.js types say a tree is always there; an untagged page gives null at run time.
      if ((tree as unknown) == null) hasStructTree = false;
      walk(tree);
    }
    const metadata = await doc.getMetadata();
    const info = metadata.info as Record<string, unknown>;
    return {
      pages,
      text: pages.join('\n'),
      title: info['Title'],
      language: info['Language'],
      marked:
        /\/MarkInfo\b/.test(Buffer.from(bytes).toString('latin1')) &&
        /\/Marked true/.test(Buffer.from(bytes).toString('latin1')),
      hasStructTree,
      roles,
    };
  } finally {
    await task.destroy();
  }
}
