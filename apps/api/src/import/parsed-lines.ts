import type { FileEncoding, ImportFile } from './import-file.ts';
import { decodedChunks } from './import-file.ts';
import type { ImportProblem } from './import-problem.ts';
import type { ProblemTally } from './import-refusal.ts';
import { type CsvLine, streamCsv } from './read-csv.ts';

export interface StreamedFile {
  readonly file: ImportFile;
  readonly encoding: FileEncoding;
}

/**
 * A file's good rows, a batch at a time (a batch is never empty), as its
 * text is decoded and split: memory holds a chunk and a batch, whatever
 * the file's length. A line's problems, and the whole file's (unreadable,
 * wrong header), go to the tally; the lines that have none come out
 * parsed. `onBytes` follows the reading.
 */
export async function* parsedLines<T>(
  { file, encoding }: StreamedFile,
  columns: readonly string[],
  parseLine: (line: CsvLine, problems: ImportProblem[]) => T | null,
  tally: ProblemTally,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<readonly T[]> {
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of decodedChunks(file, encoding)) {
      yield chunk.text;
      onBytes?.(chunk.bytesRead);
    }
  }
  const found: ImportProblem[] = [];
  for await (const reads of streamCsv(text(), columns)) {
    const rows: T[] = [];
    for (const read of reads) {
      if ('problem' in read) {
        found.push(read.problem);
        continue;
      }
      const row = parseLine(read.line, found);
      if (row !== null) rows.push(row);
    }
    if (found.length > 0) {
      tally.note(found);
      found.length = 0;
    }
    if (rows.length > 0) yield rows;
  }
}
