/**
 * The Content-Disposition of a downloaded file, after RFC 6266: the exact
 * name percent-encoded in UTF-8 (`filename*`, RFC 8187), which every current
 * browser prefers, and an ASCII fallback (`filename`) made only of letters,
 * digits, `.`, `-` and `_`. Never built by concatenating a name into quotes:
 * a quote or semicolon would add a parameter, CR/LF would split the header,
 * and a non-Latin-1 character makes Node refuse the header (a 500).
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const name = fileName.toWellFormed();
  return `${kind}; filename="${asciiFallback(name)}"; filename*=UTF-8''${extValue(name)}`;
}

/** Accents dropped (é is e), anything else outside [A-Za-z0-9._-] becomes `_`. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_');
  return ascii === '' ? 'document' : ascii;
}

/** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
