import fc from 'fast-check';

/**
 * Generators shared by the fuzz tests: values a well-meaning or hostile
 * client may send, mixed with valid ones by each test.
 */

/**
 * Runs per property: modest, so that the folder takes about a minute per
 * backend. FUZZ_RUNS_FACTOR=10 searches ten times deeper, on purpose.
 */
export function runs(base: number): number {
  const factor = Number(process.env['FUZZ_RUNS_FACTOR'] ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/**
 * The seed of a test's own draws (fc.sample) and of its property: a new one
 * each run, or FUZZ_SEED to replay the seed a failure printed. Without it,
 * an example drawn outside fc.assert cannot be drawn again.
 */
export function fuzzSeed(): number {
  const given = Number(process.env['FUZZ_SEED']);
  return Number.isSafeInteger(given) ? given | 0 : Math.floor(Math.random() * 2 ** 32) | 0;
}

/** Strings that have broken servers before; some are valid values of some field. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '   ',
  '\t',
  '\r\n',
  '\u0000',
  'E1\u0000',
  '\uFEFF',
  '\u200B',
  '\u202Eevil',
  '\uD800',
  'é',
  'e\u0301',
  'İ',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '😀👨‍👩‍👧',
  "' OR 1=1 --",
  "'; DROP TABLE candidates; --",
  '<script>alert(1)</script>',
  '${7*7}',
  '../../etc/passwd',
  '%00%s%n',
  '\\',
  '"',
  '=HYPERLINK("http://exemple.invalid")',
  '+SUM(A1)',
  '@cmd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '12,5',
  ' E1 ',
  'e1',
  'x'.repeat(201),
  'x'.repeat(1025),
  'x'.repeat(2001),
  'y'.repeat(100_000),
];

/**
 * Text PostgreSQL cannot store as it is: a NUL (text refuses it) or half a
 * surrogate pair (not UTF-16, so not UTF-8 either; jsonb refuses its escape).
 */
export const UNSTORABLE_STRINGS: readonly string[] = ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00y'];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...UNSTORABLE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
);

/** Any 32-bit integer, the edges and the domain's bounds most often. */
export const int32: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 2000, 2001, 2023, 2024, 2025, -2147483648, 2147483647),
  fc.integer({ min: -2147483648, max: 2147483647 }),
);

/** Values no Int argument accepts: graphql-js refuses them before anything runs. */
export const NOT_AN_INT: readonly unknown[] = [
  20.005,
  0.5,
  2147483648,
  -2147483649,
  1e300,
  'douze',
  '12',
  true,
  {},
  [12, 13],
];

/** Values no String argument accepts. */
export const NOT_A_STRING: readonly unknown[] = [12, 1.5, true, {}, { a: 'b' }];

/** Values no Boolean argument accepts. */
export const NOT_A_BOOLEAN: readonly unknown[] = ['true', 1, 0, 'O', {}];

export function globalIdOf(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/**
 * Candidate IDs that are not a candidate the API knows: other types' IDs,
 * random and sequential identifiers, base64 garbage, no base64 at all.
 */
export const foreignId: fc.Arbitrary<string> = fc.oneof(
  fc.uuid().map((uuid) => globalIdOf('Candidate', uuid)),
  fc.nat({ max: 100_000 }).map((n) => globalIdOf('Candidate', String(n))),
  fc
    .nat({ max: 99 })
    .map((n) => globalIdOf('Candidate', `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`)),
  fc
    .constantFrom('School:0511234A', 'Account:1', 'Specialty:MCO', 'Test:E1', 'Candidate:', ':')
    .map((text) => Buffer.from(text, 'utf8').toString('base64')),
  fc.base64String({ maxLength: 60 }),
  nastyString,
);

export interface Phase {
  readonly label: string;
  readonly at: Date;
}

/**
 * Whether an input holds text PostgreSQL cannot store: a NUL must be
 * refused (stored, it would be lost or fail); half a surrogate pair may be
 * refused, or kept as U+FFFD as UTF-8 keeps it.
 */
export function unstorable(value: unknown): 'nul' | 'surrogate' | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'nul';
    return value.isWellFormed() ? null : 'surrogate';
  }
  const inner = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value)
      : [];
  const found = inner.map(unstorable);
  return found.includes('nul') ? 'nul' : found.includes('surrogate') ? 'surrogate' : null;
}
