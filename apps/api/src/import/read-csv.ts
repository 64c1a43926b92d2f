import { parse } from 'csv-parse/sync';
import { type ImportProblem, problem } from './import-problem.ts';

export interface CsvLine {
  /** Physical line in the file, 1 for the header. */
  readonly line: number;
  readonly cells: ReadonlyMap<string, string>;
}

export type CsvReading =
  | { readonly ok: true; readonly lines: readonly CsvLine[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * Splits a `;`-separated file (quotes as in RFC 4180) into lines keyed by
 * the expected columns. The first line must name exactly those columns, in
 * order: a file whose columns moved would otherwise load marks as names.
 */
export function readCsv(text: string, columns: readonly string[]): CsvReading {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line =
      typeof error === 'object' &&
      error !== null &&
      'lines' in error &&
      typeof error.lines === 'number'
        ? error.lines
        : 1;
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [problem(line, null, null, `fichier CSV illisible (${reason})`)],
    };
  }
  const [header, ...rows] = records;
  const names = header?.record.map((c) => c.trim().toLowerCase()) ?? [];
  if (names.join(';') !== columns.join(';')) {
    return {
      ok: false,
      problems: [
        problem(
          1,
          null,
          header?.record.join(';') ?? '',
          `en-tête attendu « ${columns.join(';')} »`,
        ),
      ],
    };
  }
  const problems: ImportProblem[] = [];
  const lines: CsvLine[] = [];
  for (const { record, info } of rows) {
    // A record spanning quoted newlines ends on info.lines: report where it ends.
    if (record.length !== columns.length) {
      problems.push(
        problem(
          info.lines,
          null,
          record.join(';'),
          `${record.length} colonnes au lieu de ${columns.length}`,
        ),
      );
      continue;
    }
    lines.push({ line: info.lines, cells: new Map(columns.map((c, i) => [c, record[i] ?? ''])) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
