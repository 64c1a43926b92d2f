import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { type ImportProblem, problem } from './import-problem.ts';

export interface CsvLine {
  /** Physical line in the file, 1 for the header. */
  readonly line: number;
  readonly cells: CsvCells;
}

/** A line's cells by column name. */
export interface CsvCells extends Iterable<readonly [string, string]> {
  get(column: string): string | undefined;
}

/**
 * The parsed record read through the columns' positions: a file of
 * millions of lines builds no map per line (the columns are a handful).
 */
class RecordCells implements CsvCells {
  private readonly names: readonly string[];
  private readonly record: readonly string[];
  constructor(names: readonly string[], record: readonly string[]) {
    this.names = names;
    this.record = record;
  }
  get(column: string): string | undefined {
    const at = this.names.indexOf(column);
    return at < 0 ? undefined : (this.record[at] ?? '');
  }
  *[Symbol.iterator](): Iterator<readonly [string, string]> {
    for (const [i, name] of this.names.entries()) yield [name, this.record[i] ?? ''];
  }
}

export type CsvReading =
  | { readonly ok: true; readonly lines: readonly CsvLine[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** Why csv-parse gave up, in French (its own messages are English and quote its internals). */
const UNREADABLE: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'un guillemet ouvert n’est jamais fermé',
  CSV_INVALID_OPENING_QUOTE:
    'un guillemet au milieu d’une valeur (entourez la valeur de guillemets et doublez ceux qu’elle contient)',
  CSV_INVALID_CLOSING_QUOTE:
    'un guillemet fermant doit être suivi d’un point-virgule ou d’une fin de ligne',
};
const UNREADABLE_OTHERWISE = 'la structure des lignes et des guillemets est invalide';

const CSV_OPTIONS = {
  delimiter: ';',
  // Every line break ends a line, as in an editor, even in a file that
  // mixes them (csv-parse would otherwise keep the first one it meets and
  // read the others as text). Longest first: CR LF is one break.
  record_delimiter: ['\r\n', '\r', '\n'] as string[],
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
} as const;

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

function crLfsIn(record: readonly string[]): number {
  let count = 0;
  for (const cell of record)
    for (let at = cell.indexOf('\r\n'); at !== -1; at = cell.indexOf('\r\n', at + 2)) count += 1;
  return count;
}

/**
 * The parser's options for one reading, with its line numbers made an
 * editor's. csv-parse steps through quoted text a character at a time and
 * counts a CR LF there as two line breaks (between records, as one): after
 * a quoted CR LF its lines run one ahead. Each record's line is brought back
 * by the CR LFs its cells and the earlier records' hold; a parse error's, by
 * the earlier records' (a CR LF quoted in the unreadable record itself may
 * still count twice: that line is bounded by the file's last).
 */
class EditorLines {
  private ahead = 0;
  readonly options = {
    ...CSV_OPTIONS,
    on_record: (read: CsvRecord): CsvRecord => {
      this.ahead += crLfsIn(read.record);
      // The common file quotes no CR LF: its records pass as the parser made them.
      return this.ahead === 0
        ? read
        : { record: read.record, info: { lines: read.info.lines - this.ahead } };
    },
  };

  errorLine(reported: number): number {
    return reported - this.ahead;
  }
}

/** The last line of the text that holds anything (a final line break opens no line). */
function lastLineOf(text: string): number {
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /[\r\n]$/.test(text) ? Math.max(1, breaks) : breaks + 1;
}

function unreadable(error: unknown, lastLine: number, lines?: EditorLines): ImportProblem {
  const counted =
    typeof error === 'object' &&
    error !== null &&
    'lines' in error &&
    typeof error.lines === 'number'
      ? error.lines
      : 1;
  const reported = lines === undefined ? counted : lines.errorLine(counted);
  // csv-parse counts the line after a final line break when a quote is
  // left open at the end: name a line the file has.
  const line = Math.max(1, Math.min(reported, lastLine));
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return problem(
    line,
    null,
    null,
    `fichier CSV illisible : ${UNREADABLE[code] ?? UNREADABLE_OTHERWISE}`,
  );
}

/**
 * The first line must name exactly the expected columns, in order: a file
 * whose columns moved would otherwise load marks as names. A kind may also
 * accept trailing columns after them (import-kind.ts): then exactly those.
 */
function headerProblem(
  header: CsvRecord | undefined,
  columns: readonly string[],
  trailingColumns: readonly string[] = [],
): ImportProblem | null {
  const names = (header?.record.map((c) => c.trim().toLowerCase()) ?? []).join(';');
  if (names === columns.join(';')) return null;
  if (trailingColumns.length > 0 && names === [...columns, ...trailingColumns].join(';'))
    return null;
  const expected =
    trailingColumns.length === 0
      ? `« ${columns.join(';')} »`
      : `« ${columns.join(';')} » ou « ${[...columns, ...trailingColumns].join(';')} »`;
  return problem(1, null, header?.record.join(';') ?? '', `en-tête attendu ${expected}`);
}

/** One record as a line keyed by the columns, or why it cannot be one. */
function lineOf(
  { record, info }: CsvRecord,
  columns: readonly string[],
  width = columns.length,
  trailingColumns: readonly string[] = [],
): { readonly line: CsvLine } | { readonly problem: ImportProblem } {
  // PostgreSQL text holds no NUL: a line with one is refused here, not by the database.
  if (record.some((cell) => cell.includes('\u0000')))
    return { problem: problem(info.lines, null, null, 'caractère nul (U+0000) interdit') };
  // A record spanning quoted newlines ends on info.lines: report where it ends.
  if (record.length !== width)
    return {
      problem: problem(
        info.lines,
        null,
        record.join(';'),
        `${record.length} colonnes au lieu de ${width}`,
      ),
    };
  const names = width > columns.length ? [...columns, ...trailingColumns] : columns;
  return {
    line: { line: info.lines, cells: new RecordCells(names, record) },
  };
}

/**
 * Splits a `;`-separated file (quotes as in RFC 4180) into lines keyed by
 * the expected columns, all at once (the small files: schools, candidates,
 * structures, control marks).
 */
export function readCsv(
  text: string,
  columns: readonly string[],
  trailingColumns: readonly string[] = [],
): CsvReading {
  let records: CsvRecord[];
  const editor = new EditorLines();
  try {
    records = parse(text, editor.options as never) as unknown as CsvRecord[];
  } catch (error) {
    return { ok: false, problems: [unreadable(error, lastLineOf(text), editor)] };
  }
  const [header, ...rows] = records;
  const wrongHeader = headerProblem(header, columns, trailingColumns);
  if (wrongHeader !== null) return { ok: false, problems: [wrongHeader] };
  // The header passed: its width is the columns', or with the reading columns.
  const width = header?.record.length ?? columns.length;
  const problems: ImportProblem[] = [];
  const lines: CsvLine[] = [];
  for (const record of rows) {
    const read = lineOf(record, columns, width, trailingColumns);
    if ('problem' in read) problems.push(read.problem);
    else lines.push(read.line);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}

/** How much text the parser is fed at a time (characters): it holds the records of one feed. */
const FEED_CHARS = 1 << 16;

/** lastLineOf, counted as the text goes by (a \r\n split between two chunks is one break). */
class LineCounter {
  private breaks = 0;
  private last = '';
  add(chunk: string): void {
    if (chunk === '') return;
    this.breaks += chunk.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (this.last === '\r' && chunk.startsWith('\n')) this.breaks -= 1;
    this.last = chunk.at(-1) ?? '';
  }
  get lastLine(): number {
    return this.last === '\r' || this.last === '\n' ? Math.max(1, this.breaks) : this.breaks + 1;
  }
}

/**
 * Settles at the first of `events` the stream emits, or rejects at its
 * `error` when `failOnError`; every listener goes when one fires, so a wait
 * leaves none behind for the next. What already happened is not awaited:
 * callers check the stream's state before waiting.
 */
function firstEvent(
  stream: NodeJS.EventEmitter,
  events: readonly string[],
  failOnError: boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const settled = () => {
      for (const event of events) stream.off(event, done);
      if (failOnError) stream.off('error', failed);
    };
    const done = () => {
      settled();
      resolve();
    };
    const failed = (error: unknown) => {
      settled();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    for (const event of events) stream.on(event, done);
    if (failOnError) stream.on('error', failed);
  });
}

async function* textChunks(
  source: string | Iterable<string> | AsyncIterable<string>,
): AsyncGenerator<string> {
  if (typeof source === 'string') yield source;
  else yield* source;
}

/** A line of a streamed file, or a problem: of that line, or of the whole file. */
export type CsvRead = { readonly line: CsvLine } | { readonly problem: ImportProblem };

/**
 * The parser's records, every one it holds at a time: one await a batch
 * (the records of a feed, about a thousand lines), where the stream's own
 * async iterator awaits each record. A stopped parser ends the records with
 * its error, or with one saying it stopped early.
 */
async function* recordBatches(parser: ReturnType<typeof parseStream>): AsyncGenerator<CsvRecord[]> {
  const read = () => parser.read() as CsvRecord | null;
  for (;;) {
    const batch: CsvRecord[] = [];
    for (let record = read(); record !== null; record = read()) batch.push(record);
    if (batch.length > 0) yield batch;
    else if (parser.readableEnded) return;
    else if (parser.destroyed) throw parser.errored ?? new Error('lecture du fichier interrompue');
    // Records to read, the end, a stop; its failure rejects.
    else await firstEvent(parser, ['readable', 'end', 'close'], true);
  }
}

/** A batch's lines, each made as it is read: none outlives its turn. */
function* linesOf(
  records: readonly CsvRecord[],
  first: number,
  columns: readonly string[],
): Generator<CsvRead> {
  for (let at = first; at < records.length; at++) yield lineOf(records[at] as CsvRecord, columns);
}

/**
 * The same lines, in batches, for a file too large to hold as objects or
 * as one string (first-group marks: millions of lines): the text comes in
 * chunks, and memory stays bounded by a chunk, the parser's buffer and one
 * batch whatever the file's length. Batches, not lines: each stage a line
 * passes through awaits once a batch (docs/performance.md). A problem of
 * the whole file (unreadable, wrong header) comes last and ends the lines;
 * a batch is never empty, and makes each line as it is read.
 */
export async function* streamCsv(
  source: string | Iterable<string> | AsyncIterable<string>,
  columns: readonly string[],
): AsyncGenerator<Iterable<CsvRead>> {
  const editor = new EditorLines();
  const parser = parseStream(editor.options as never);
  const fed = new LineCounter();
  const feeding = (async () => {
    for await (const text of textChunks(source))
      for (let at = 0; at < text.length; at += FEED_CHARS) {
        // Stopped (a wrong header, an unreadable file, a reader that left): the source is closed.
        if (parser.destroyed) return;
        const piece = text.slice(at, at + FEED_CHARS);
        fed.add(piece);
        if (!parser.write(piece)) await firstEvent(parser, ['drain', 'close'], false);
      }
    if (!parser.destroyed) parser.end();
  })();
  // A parser that failed refuses further writes: the failure is the
  // parser's, reported below. A failing source fails the reading.
  const feed: { failed?: Error } = {};
  feeding.catch((error: unknown) => {
    if (!parser.destroyed) {
      feed.failed = error instanceof Error ? error : new Error(String(error));
      parser.destroy();
    }
  });
  let header = true;
  try {
    for await (const records of recordBatches(parser)) {
      let first = 0;
      if (header) {
        header = false;
        first = 1;
        const wrongHeader = headerProblem(records[0], columns);
        if (wrongHeader !== null) {
          parser.destroy();
          yield [{ problem: wrongHeader }];
          return;
        }
        if (records.length === 1) continue;
      }
      yield linesOf(records, first, columns);
    }
  } catch (error) {
    if (feed.failed !== undefined) throw feed.failed;
    yield [{ problem: unreadable(error, fed.lastLine, editor) }];
    return;
  } finally {
    if (!parser.destroyed) parser.destroy();
  }
  if (feed.failed !== undefined) throw feed.failed;
  if (header)
    yield [{ problem: headerProblem(undefined, columns) ?? unreadable(null, fed.lastLine) }];
}
