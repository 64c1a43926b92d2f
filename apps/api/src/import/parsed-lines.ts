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
 * A file's good rows, one at a time, as its text is decoded and split:
 * memory holds a chunk, whatever the file's length. A line's problems, and
 * the whole file's (unreadable, wrong header), go to the tally; the lines
 * that have none come out parsed. `onBytes` follows the reading.
 */
export async function* parsedLines<T>(
  { file, encoding }: StreamedFile,
  columns: readonly string[],
  parseLine: (line: CsvLine, problems: ImportProblem[]) => T | null,
  tally: ProblemTally,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<T> {
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of decodedChunks(file, encoding)) {
      yield chunk.text;
      onBytes?.(chunk.bytesRead);
    }
  }
  for await (const read of streamCsv(text(), columns)) {
    if ('problem' in read) {
      tally.note([read.problem]);
      continue;
    }
    const found: ImportProblem[] = [];
    const row = parseLine(read.line, found);
    tally.note(found);
    if (row !== null) yield row;
  }
}
