import type { JsonValue } from './schema.ts';

/**
 * The JSON text to write into a jsonb column. Both backends pass a string
 * through as-is, whereas pg would send a JS array as a Postgres array.
 */
export function jsonText(value: JsonValue): string {
  return JSON.stringify(value);
}
