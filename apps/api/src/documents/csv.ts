import { spreadsheetSafe } from '@rattrapage/domain';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as French spreadsheets open it without an import dialog: `;`
 * separators (the comma is the decimal mark), CRLF, and a UTF-8 byte-order
 * mark so that accents survive.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const safe = rows.map((row) => row.map(spreadsheetSafe));
  return `\uFEFF${stringify([header, ...safe], { delimiter: ';', record_delimiter: 'windows', quoted_string: false })}`;
}
