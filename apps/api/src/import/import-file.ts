import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * An import's file as bytes that can be read from the start more than once
 * (its digest and encoding are known only once every byte has been seen,
 * before the lines are read): a file on disk is streamed each time, so the
 * command line never holds a large file in memory.
 */
export interface ImportFile {
  /** In bytes: what the reading progress counts against. */
  readonly size: number;
  chunks(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** How much of a file is read or decoded at a time. */
const CHUNK_BYTES = 1 << 20;

export function fileOfBytes(bytes: Uint8Array, chunkBytes = CHUNK_BYTES): ImportFile {
  return {
    size: bytes.byteLength,
    *chunks() {
      for (let at = 0; at < bytes.byteLength; at += chunkBytes)
        yield bytes.subarray(at, at + chunkBytes);
    },
  };
}

export async function fileAtPath(path: string): Promise<ImportFile> {
  const { size } = await stat(path);
  return {
    size,
    chunks: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }),
  };
}

export type FileEncoding = 'utf-8' | 'windows-1252';

/**
 * The file's SHA-256 and encoding, in one pass. Exam systems export UTF-8
 * (with or without a byte-order mark) or, for the older ones, Windows-1252:
 * a file that is valid UTF-8 throughout is read as UTF-8, anything else as
 * Windows-1252, which maps every byte (a wrong guess shows up as unknown
 * references, not as lost lines).
 */
export async function inspectFile(
  file: ImportFile,
): Promise<{ sha256: string; encoding: FileEncoding }> {
  const hash = createHash('sha256');
  let utf8: InstanceType<typeof TextDecoder> | null = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of file.chunks()) {
    hash.update(chunk);
    if (utf8 === null) continue;
    try {
      utf8.decode(chunk, { stream: true });
    } catch {
      utf8 = null;
    }
  }
  let valid = utf8 !== null;
  try {
    // A multi-byte sequence cut by the end of the file is invalid too.
    utf8?.decode();
  } catch {
    valid = false;
  }
  return { sha256: hash.digest('hex'), encoding: valid ? 'utf-8' : 'windows-1252' };
}

/**
 * The file's text, a chunk at a time, with how many bytes were read so far.
 * ignoreBOM false: the decoder drops a leading byte-order mark itself.
 */
export async function* decodedChunks(
  file: ImportFile,
  encoding: FileEncoding,
): AsyncGenerator<{ readonly text: string; readonly bytesRead: number }> {
  const decoder = new TextDecoder(encoding);
  let bytesRead = 0;
  for await (const chunk of file.chunks()) {
    bytesRead += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield { text, bytesRead };
  }
  const rest = decoder.decode();
  if (rest !== '') yield { text: rest, bytesRead };
}

/** The whole text at once, for the kinds read whole (their files are small). */
export async function decodeFile(file: ImportFile, encoding: FileEncoding): Promise<string> {
  let text = '';
  for await (const chunk of decodedChunks(file, encoding)) text += chunk.text;
  return text;
}
