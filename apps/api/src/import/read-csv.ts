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

/** Why csv-parse gave up, in French (its own messages are English and quote its internals). */
const UNREADABLE: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'un guillemet ouvert n’est jamais fermé',
  CSV_INVALID_OPENING_QUOTE:
    'un guillemet au milieu d’une valeur (entourez la valeur de guillemets et doublez ceux qu’elle contient)',
  CSV_INVALID_CLOSING_QUOTE:
    'un guillemet fermant doit être suivi d’un point-virgule ou d’une fin de ligne',
};
const UNREADABLE_OTHERWISE = 'la structure des lignes et des guillemets est invalide';

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
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    return {
      ok: false,
      problems: [
        problem(
          line,
          null,
          null,
          `fichier CSV illisible : ${UNREADABLE[code] ?? UNREADABLE_OTHERWISE}`,
        ),
      ],
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
    // PostgreSQL text holds no NUL: a line with one is refused here, not by the database.
    if (record.some((cell) => cell.includes('\u0000'))) {
      problems.push(problem(info.lines, null, null, 'caractère nul (U+0000) interdit'));
      continue;
    }
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
