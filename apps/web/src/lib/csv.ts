/**
 * A small CSV writer for spreadsheet users in France: `;` separator, CRLF
 * line ends, a UTF-8 byte-order mark so that accents open correctly, and
 * RFC 4180 quoting (a field holding ; " CR or LF is quoted, its quotes doubled).
 */
import { spreadsheetSafe } from '@rattrapage/domain';

export type CsvValue = string | number | boolean | null | undefined;

export const CSV_SEPARATOR = ';';
export const CSV_LINE_END = '\r\n';
export const UTF8_BOM = '\uFEFF';

/** One field: empty for null/undefined; quoted only when it must be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = spreadsheetSafe(String(value));
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, without its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(CSV_SEPARATOR);
}

/** A whole document: BOM, then every row followed by CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return UTF8_BOM + rows.map((row) => csvLine(row) + CSV_LINE_END).join('');
}
