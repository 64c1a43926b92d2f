import { expect } from 'vitest';

/**
 * What every answer of the API must look like, whatever it was sent
 * (docs/graphql.md, errors): never a server error; every GraphQL
 * error with a stable `extensions.code`; every message meant for people in
 * French; and, in production, no stack trace, SQL or internal name.
 */
export interface Reply {
  readonly status: number;
  readonly data?: unknown;
  readonly errors?: readonly {
    readonly message: string;
    readonly path?: readonly (string | number)[];
    readonly extensions?: { readonly code?: unknown; readonly stacktrace?: unknown };
  }[];
}

/**
 * The codes a client may meet. INTERNAL_SERVER_ERROR is not one of them:
 * it means the server failed on input it should have refused.
 */
export const STABLE_CODES: ReadonlySet<string> = new Set([
  // Apollo and graphql-js, before execution: a malformed request.
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  // The API's own (graphql/graphql-errors.ts, password-change-gate.ts, query-limits.ts).
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PASSWORD_CHANGE_REQUIRED',
  'QUERY_TOO_COMPLEX',
  'UNKNOWN_DOCUMENT',
  'UNTRUSTED_DOCUMENT',
  // Password checks past capacity (auth/password-admission.ts): a 503 by design, with Retry-After.
  'SERVICE_OVERLOADED',
  // The body parser, before GraphQL (http/http-errors.ts): a 413 for a body over the limit,
  // which a generator of long strings reaches now and then (found by running CI under load).
  'PAYLOAD_TOO_LARGE',
]);

/** Some French: an accented letter, or a common French word (these messages' own among them). */
const FRENCH =
  /[àâçéèêëîïôûùüœ]|\b(le|la|les|de|des|du|un|une|est|pas|vous|votre|ce|cette|aucun|aucune|au|aux|en|et|ou|sur|pour|ne|n[’']|d[’']|l[’']|valeur|obligatoire|manquante|attendu|ligne|colonne|fichier|note|inconnue?|candidat|salle|examinateur|heure|jour)\b/i;
/** English words that a French message never needs. */
const ENGLISH =
  /\b(the|is|are|was|not|cannot|can't|must|should|invalid|error|failed|unexpected|found|expected|value|field|quote|record|closing|opening)\b/i;
/** What the inside of the server looks like. */
const INTERNALS = [
  /\.(ts|js|mjs|cjs)\b/i,
  /node_modules/i,
  /\bat [\w.<>$]+ \(/,
  /\b(select|insert|update|delete)\b[\s\S]*\b(from|into|set|where)\b/i,
  /\b(relation|column|constraint) "/i,
  /\bviolates\b|\bsqlstate\b|\bsyntax error\b|duplicate key|invalid byte sequence/i,
  /\b(kysely|pglite|postgres(ql)?|pg_\w+|plpgsql)\b/i,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|DomainInputError)\b/,
  /\bundefined\b|\bNaN\b|\[object Object\]/,
];

/** Every string an input holds (strings, keys excluded), so echoes of it can be set aside. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The message without what it quotes from the input: « … », and any
 * string of the input itself (a message may name the value it refuses).
 */
export function scrub(message: string, echoes: readonly string[]): string {
  let text = message.replace(/«[^»]*»/g, '«»');
  // Echoes of one or two characters would cut words apart: messages quote those in « ».
  for (const echo of [...echoes]
    .filter((e) => e.trim().length > 2)
    .sort((a, b) => b.length - a.length))
    text = text.split(echo).join(' ');
  return text;
}

export function expectFrench(message: string, echoes: readonly string[], where: string): void {
  const text = scrub(message, echoes);
  expect(text, `${where}: not French: ${message.slice(0, 300)}`).toMatch(FRENCH);
  expect(text, `${where}: English in a French message: ${message.slice(0, 300)}`).not.toMatch(
    ENGLISH,
  );
}

export function expectNoInternals(
  message: string,
  echoes: readonly string[],
  where: string,
  tables: readonly string[] = [],
): void {
  const text = scrub(message, echoes);
  for (const pattern of INTERNALS)
    expect(text, `${where}: internals in ${message.slice(0, 300)}`).not.toMatch(pattern);
  for (const table of tables.filter((t) => t.includes('_')))
    expect(text, `${where}: names the table ${table}`).not.toContain(table);
}

/** The members of result unions in `data`: objects with a string `code` and `message`. */
export function errorMembers(data: unknown): { code: string; message: string }[] {
  if (Array.isArray(data)) return data.flatMap(errorMembers);
  if (typeof data !== 'object' || data === null) return [];
  const own =
    'code' in data &&
    'message' in data &&
    typeof data.code === 'string' &&
    typeof data.message === 'string'
      ? [{ code: data.code, message: data.message }]
      : [];
  return [...own, ...Object.values(data).flatMap(errorMembers)];
}

/**
 * Checks one reply. Every error speaks French: those raised while
 * executing and union members are the API's own; those refused before
 * execution (a variable of the wrong type, an unknown field) come from
 * graphql-js and Apollo in English and are translated (http/french-messages.ts).
 */
export function expectWellFormed(
  reply: Reply,
  input: unknown,
  where: string,
  tables: readonly string[] = [],
): void {
  const echoes = stringsOf(input);
  expect(reply.status, `${where}: HTTP ${reply.status}`).toBeLessThan(500);
  for (const error of reply.errors ?? []) {
    const code = error.extensions?.code;
    expect(typeof code, `${where}: an error without a code: ${error.message}`).toBe('string');
    expect(STABLE_CODES.has(code as string), `${where}: code ${String(code)}`).toBe(true);
    expect(error.extensions?.stacktrace, `${where}: a stack trace`).toBeUndefined();
    expectFrench(error.message, echoes, where);
    expectNoInternals(error.message, echoes, where, tables);
  }
  for (const member of errorMembers(reply.data)) {
    expect(member.code, `${where}: member code`).toMatch(/^[A-Z][A-Z_]*$/);
    expectFrench(member.message, echoes, `${where} (${member.code})`);
    expectNoInternals(member.message, echoes, `${where} (${member.code})`, tables);
  }
  if (reply.errors === undefined)
    expect(reply.data, `${where}: neither data nor errors`).toBeDefined();
}

/** The code of the first error, if any. */
export function codeOf(reply: Reply): string | undefined {
  const code = reply.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
