import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/import/decode-csv.ts';
import {
  decodeFile,
  decodedChunks,
  fileAtPath,
  type FileEncoding,
  fileOfBytes,
  inspectFile,
} from '../../src/import/import-file.ts';

// The import reads its file in chunks (import-file.ts): its digest and
// encoding must be those of the whole file, wherever the chunks cut it.
const utf8 = (text: string) => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('inspectFile and decodedChunks', () => {
  it.each<[string, Uint8Array, FileEncoding]>([
    ['UTF-8, « é » cut between two chunks', utf8('number;name\nA1;Lycée\n'), 'utf-8'],
    [
      'UTF-8 with a byte-order mark',
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('number;name\nA1;Lycée\n')]),
      'utf-8',
    ],
    [
      'Windows-1252, its only non-ASCII byte in the last chunk',
      new Uint8Array([...utf8(`number;name\n${'A1;x\n'.repeat(50)}A2;Lyc`), 0xe9, 0x0a]),
      'windows-1252',
    ],
    [
      'a UTF-8 sequence cut short by the end of the file',
      new Uint8Array([...utf8('number;name\nA1;'), 0xc3]),
      'windows-1252',
    ],
  ])('reads %s as decodeCsv reads the whole', async (_label, bytes, encoding) => {
    for (const chunkBytes of [1, 2, 3, 7, 1 << 20]) {
      const file = fileOfBytes(bytes, chunkBytes);
      expect(await inspectFile(file)).toEqual({ sha256: sha256(bytes), encoding });
      expect(await decodeFile(file, encoding)).toBe(decodeCsv(bytes).text);
    }
  });

  it('agrees with decodeCsv on any bytes cut into any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }).map(utf8),
          fc.uint8Array({ maxLength: 40 }),
        ),
        fc.integer({ min: 1, max: 9 }),
        async (bytes, chunkBytes) => {
          const file = fileOfBytes(bytes, chunkBytes);
          const whole = decodeCsv(bytes);
          const inspected = await inspectFile(file);
          expect(inspected).toEqual({ sha256: sha256(bytes), encoding: whole.encoding });
          expect(await decodeFile(file, inspected.encoding)).toBe(whole.text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts the bytes read as the text comes', async () => {
    const bytes = utf8('number;code;mark\nA1;E1;10\n');
    const read = [];
    for await (const chunk of decodedChunks(fileOfBytes(bytes, 10), 'utf-8'))
      read.push(chunk.bytesRead);
    expect(read).toEqual([10, 20, bytes.byteLength]);
  });

  it('reads a file on disk again from its start at each pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rattrapage-file-'));
    try {
      const path = join(dir, 'f.csv');
      const bytes = new Uint8Array([...utf8('a;b\n'), 0x80, 0x0a]);
      await writeFile(path, bytes);
      const file = await fileAtPath(path);
      expect(file.size).toBe(bytes.byteLength);
      expect(await inspectFile(file)).toEqual({ sha256: sha256(bytes), encoding: 'windows-1252' });
      expect(await decodeFile(file, 'windows-1252')).toBe('a;b\n€\n');
      expect(await decodeFile(file, 'windows-1252')).toBe('a;b\n€\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
