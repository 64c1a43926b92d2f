/**
 * What a spreadsheet may skip or fold before it looks at a cell's first
 * character: invisible characters (zero-width space, joiners, byte-order
 * mark, bidirectional marks, soft hyphen, Hangul fillers…), controls and
 * white space of any script.
 */
const LEADING_INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Cc}\p{Cf}]+/u;

/** The character a spreadsheet would see first: after compatibility folding (＝ is =) and what it skips. */
export function spreadsheetProbe(text: string): string {
  return text.normalize('NFKC').replace(LEADING_INVISIBLE, '');
}

/**
 * Text bound for a spreadsheet: a cell that starts with = + - @ (or a tab or
 * carriage return) is read as a formula by Excel and LibreOffice, so a name
 * typed as `=HYPERLINK(…)` in an imported file could run on an exam office's
 * computer (CSV injection, OWASP). Such a cell gets a leading apostrophe,
 * which spreadsheets show as plain text. The check looks through what could
 * hide the formula sign from a plain test: a zero-width space or a
 * full-width `＝` before it (NFKC folds ＝ ＋ － ＠ to = + - @). Shared by
 * every CSV the platform writes, from the API and from the web client.
 */
export function spreadsheetSafe(text: string): string {
  return /^[\t\r]/.test(text) || /^[=+\-@]/.test(spreadsheetProbe(text)) ? `'${text}` : text;
}
