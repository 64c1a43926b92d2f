import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

/** The whole header, strictly: a kind, one quoted ASCII fallback, one RFC 8187 value. */
const GRAMMAR =
  /^(inline|attachment); filename="([A-Za-z0-9._-]+)"; filename\*=UTF-8''((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*)$/;

function parsed(header: string): { fallback: string; name: string } {
  const match = GRAMMAR.exec(header);
  expect(match, header).not.toBeNull();
  return { fallback: match?.[2] ?? '', name: decodeURIComponent(match?.[3] ?? '') };
}

describe('contentDisposition', () => {
  it('keeps a plain name as it is in both parameters', () => {
    expect(contentDisposition('inline', 'convocation-02412000001.pdf')).toBe(
      `inline; filename="convocation-02412000001.pdf"; filename*=UTF-8''convocation-02412000001.pdf`,
    );
  });

  it.each([
    [
      'a quote adding a parameter',
      'releve-0"; filename="evil.exe.pdf',
      'releve-0___filename__evil.exe.pdf',
    ],
    [
      'CR/LF splitting the header',
      'releve-0\r\nSet-Cookie: a=b.pdf',
      'releve-0__Set-Cookie__a_b.pdf',
    ],
    ['a semicolon', 'releve-0;x.pdf', 'releve-0_x.pdf'],
    ['a euro sign (outside Latin-1)', 'releve-0241€.pdf', 'releve-0241_.pdf'],
    ['accents', 'relevé-Éloïse.pdf', 'releve-Eloise.pdf'],
    ['a backslash and a percent', 'a\\b%22.pdf', 'a_b_22.pdf'],
    ['a leading dot', '..pdf', '_pdf'],
    ['nothing', '', 'document'],
    ['half a surrogate pair', 'x\uD800.pdf', 'x_.pdf'],
  ])('makes a safe header of %s', (_label, name, fallback) => {
    const header = contentDisposition('attachment', name);
    expect(() => {
      validateHeaderValue('content-disposition', header);
    }).not.toThrow();
    expect(parsed(header)).toEqual({ fallback, name: name.toWellFormed() });
  });

  it('property: any name gives one valid header whose filename* decodes to the name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'inline' | 'attachment'>('inline', 'attachment'),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (kind, name) => {
          const header = contentDisposition(kind, name);
          expect(() => {
            validateHeaderValue('content-disposition', header);
          }).not.toThrow();
          expect(header.startsWith(`${kind}; `)).toBe(true);
          expect(parsed(header).name).toBe(name.toWellFormed());
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
