/**
 * Text bound for a spreadsheet: a cell that starts with = + - @ (or a tab or
 * carriage return) is read as a formula by Excel and LibreOffice, so a name
 * typed as `=HYPERLINK(…)` in an imported file could run on an exam office's
 * computer (CSV injection, OWASP). Such a cell gets a leading apostrophe,
 * which spreadsheets show as plain text. Shared by every CSV the platform
 * writes, from the API and from the web client.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
