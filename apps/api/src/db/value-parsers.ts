/**
 * How column values come back from the database, the same on both backends
 * (pg and PGlite differ by default, and pg's defaults hide two traps).
 */

/**
 * int8 (bigint, count(*), identity columns) as a JS number. pg returns a
 * string by default; a value beyond 2^53 would lose digits as a number, so
 * it comes back as a bigint instead (PGlite's own behaviour), never rounded.
 */
export function parseInt8(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/**
 * `date` as its "YYYY-MM-DD" text. pg would build a Date at midnight in the
 * process's local time zone, PGlite at midnight UTC: either way a calendar
 * day would shift by one somewhere. A day is not an instant.
 */
export function parseDate(text: string): string {
  return text;
}

/** Postgres type OIDs (pg_type.oid), fixed across versions. */
export const OID = { INT8: 20, DATE: 1082 } as const;
