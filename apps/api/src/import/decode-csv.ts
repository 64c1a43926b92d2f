/**
 * Exam systems export UTF-8 (with or without a byte-order mark) or, for the
 * older ones, Windows-1252. A file that is valid UTF-8 is read as UTF-8;
 * anything else as Windows-1252, which maps every byte, so decoding never
 * fails (a wrong guess shows up as unknown references, not as lost lines).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    // ignoreBOM false: the decoder drops a leading BOM itself.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
