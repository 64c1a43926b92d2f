import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { IMPORT_KINDS, type ImportKind } from '../../src/import/import-kind.ts';
import { nastyString } from './fuzz-values.ts';

/**
 * Generated CSV files for the five import kinds, each with what the import
 * must make of it. A file is built from rows that are certainly valid or
 * certainly invalid against the seeded database, then dressed (header,
 * separator, quoting, line endings, byte-order mark, encoding) and maybe
 * broken on purpose. `expected` is the outcome the import's documented
 * rules give (docs/operations.md, run-import.ts): all or nothing.
 */

/** What the database holds that a valid line may refer to. */
export interface ImportWorld {
  readonly academies: readonly string[];
  readonly schools: readonly { readonly uai: string; readonly academyCode: string }[];
  readonly specialties: readonly string[];
  /** Each specialty's structure as CSV lines (without the specialty column), in order. */
  readonly structures: ReadonlyMap<string, readonly string[][]>;
  readonly candidates: readonly {
    readonly number: string;
    readonly specialty: string;
    readonly origin: string;
    readonly school: string | null;
    readonly individual: boolean;
    readonly email: string | null;
  }[];
  /** Existing first-group marks, by candidate number and test (or part) code. */
  readonly markKeys: readonly { readonly number: string; readonly code: string }[];
  /** A candidate with a choice of two tests, and a test they did not choose. */
  readonly chooser: {
    readonly number: string;
    readonly chosen: readonly string[];
    readonly notChosen: string;
  };
  /** A candidate of 2024 without a choice. */
  readonly withoutChoice: string;
}

export async function importWorld(
  db: Kysely<Database>,
  academies: readonly string[],
  chooserNumber: string,
): Promise<ImportWorld> {
  const schools = await db.selectFrom('schools').select(['uai', 'academy_code']).execute();
  const candidates = await db
    .selectFrom('candidates as c')
    .leftJoin('control_choices as ch', 'ch.candidate_id', 'c.id')
    .select([
      'c.number',
      'c.specialty_code',
      'c.origin_academy_code',
      'c.school_uai',
      'c.individual',
      'c.email',
      'ch.test_code_1',
      'ch.test_code_2',
    ])
    .where('c.year', '=', 2024)
    .orderBy('c.number')
    .execute();
  const tests = await db
    .selectFrom('tests')
    .selectAll()
    .where('year', '=', 2024)
    .orderBy('specialty_code')
    .orderBy('position')
    .execute();
  const parts = await db
    .selectFrom('test_parts')
    .selectAll()
    .where('year', '=', 2024)
    .orderBy('position')
    .execute();
  const marks = await db
    .selectFrom('first_group_marks as m')
    .innerJoin('candidates as c', 'c.id', 'm.candidate_id')
    .select(['c.number', 'm.code'])
    .where('c.year', '=', 2024)
    .orderBy('c.number')
    .orderBy('m.code')
    .execute();

  const yesNo = (b: boolean) => (b ? 'O' : 'N');
  const structures = new Map<string, string[][]>();
  for (const t of tests) {
    const lines = structures.get(t.specialty_code) ?? [];
    structures.set(t.specialty_code, lines);
    lines.push([
      t.code,
      '',
      t.name,
      frenchDecimal(t.coefficient_hundredths),
      t.domain === 'GENERAL' ? 'G' : 'P',
      yesNo(t.optional),
      yesNo(t.control_eligible),
      yesNo(t.language),
    ]);
    for (const p of parts.filter(
      (x) => x.specialty_code === t.specialty_code && x.test_code === t.code,
    ))
      lines.push([t.code, p.code, p.name, frenchDecimal(p.coefficient_hundredths), '', '', '', '']);
  }

  const chooserRow = candidates.find((c) => c.number === chooserNumber);
  const chosen = [chooserRow?.test_code_1, chooserRow?.test_code_2].filter(
    (c): c is string => typeof c === 'string',
  );
  const notChosen = tests.find(
    (t) =>
      t.specialty_code === chooserRow?.specialty_code &&
      t.domain === 'GENERAL' &&
      t.control_eligible &&
      !chosen.includes(t.code),
  );
  const without = candidates.find((c) => c.test_code_1 === null);
  if (chosen.length !== 2 || notChosen === undefined || without === undefined)
    throw new Error('the import world needs a candidate with a choice and one without');

  return {
    academies,
    schools: schools.map((s) => ({ uai: s.uai, academyCode: s.academy_code })),
    specialties: [...structures.keys()],
    structures,
    candidates: candidates.map((c) => ({
      number: c.number,
      specialty: c.specialty_code,
      origin: c.origin_academy_code,
      school: c.school_uai,
      individual: c.individual,
      email: c.email,
    })),
    // Marks of the candidate with a choice stay as they are: they decide their eligibility.
    markKeys: marks.filter((m) => m.number !== chooserNumber),
    chooser: { number: chooserNumber, chosen, notChosen: notChosen.code },
    withoutChoice: without.number,
  };
}

function frenchDecimal(hundredths: number): string {
  const units = Math.trunc(hundredths / 100);
  const cents = hundredths % 100;
  return cents === 0 ? `${units}` : `${units},${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * One logical entry of a file: a line, or a specialty's whole structure.
 * `valid` is certain either way; `key` identifies it for duplicates.
 */
export interface Entry {
  readonly lines: readonly (readonly string[])[];
  readonly key: string;
  readonly valid: boolean;
}

/** Free text (names): valid once trimmed non-empty; a NUL is refused, as PostgreSQL text cannot hold one. */
export function validText(text: string): boolean {
  return text.trim() !== '' && !text.includes('\u0000');
}

const FRENCH_NAMES = [
  'Lycée Jean-Jaurès',
  'CFA des Ardennes',
  'Dupont',
  'Élodie',
  "N'Diaye",
  'Müller',
  'de La Tour d’Auvergne',
  '=1+1',
  '+33 6 12 34 56 78',
  '@SOMME(A1)',
  '-Martin',
  'Nom; avec point-virgule',
  'Nom "entre guillemets"',
  'Ligne\nsuivante',
  'x'.repeat(300),
];

const freeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRENCH_NAMES) },
  { weight: 1, arbitrary: nastyString },
);

function entry(cells: readonly string[], key: string, valid: boolean): Entry {
  return { lines: [cells], key, valid };
}

/** A cell among values that are certainly refused for that column. */
const badCell = (...values: string[]) => fc.constantFrom(...values);

function schoolEntries(world: ImportWorld): fc.Arbitrary<Entry> {
  const fresh = fc
    .record({
      n: fc.integer({ min: 0, max: 99 }),
      letter: fc.constantFrom('A', 'K', 'T', 'Z'),
      name: freeText,
      academy: fc.constantFrom(...world.academies),
    })
    .map(({ n, letter, name, academy }) => {
      const uai = `05199${String(n).padStart(2, '0')}${letter}`;
      return entry([uai, name, academy], uai, validText(name));
    });
  const existing = fc
    .record({ school: fc.constantFrom(...world.schools), name: freeText })
    .map(({ school, name }) =>
      entry([school.uai, name, school.academyCode], school.uai, validText(name)),
    );
  const bad = fc
    .record({
      column: fc.constantFrom(0, 2),
      uai: badCell('ABC', '123456', '12345678A', '', '0519901'),
      academy: badCell('00', 'ZZ', ''),
    })
    .map(({ column, uai, academy }) =>
      column === 0
        ? entry([uai, 'Lycée', world.academies[0] ?? '19'], `bad ${uai}`, false)
        : entry(['0519999A', 'Lycée', academy], '0519999A', false),
    );
  return fc.oneof(
    { weight: 3, arbitrary: fresh },
    { weight: 2, arbitrary: existing },
    { weight: 1, arbitrary: bad },
  );
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

function candidateEntries(world: ImportWorld): fc.Arbitrary<Entry> {
  const email = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('', 'prenom.nom@exemple.fr', ' a@b ') },
    { weight: 1, arbitrary: nastyString.map((s) => `a${s}@b`) },
  );
  const fresh = fc
    .record({
      n: fc.integer({ min: 0, max: 199 }),
      last: freeText,
      first: freeText,
      specialty: fc.constantFrom(...world.specialties),
      origin: fc.constantFrom(...world.academies),
      individual: fc.constantFrom('O', 'N', 'o', 'n'),
      school: fc.constantFrom(...world.schools.map((s) => s.uai)),
      withoutSchool: fc.boolean(),
      email,
    })
    .map((c) => {
      const number = `F${String(c.n).padStart(7, '0')}`;
      const individual = c.individual.toUpperCase() === 'O';
      const school = individual && c.withoutSchool ? '' : c.school;
      const cells = [number, c.last, c.first, c.specialty, c.origin, school, c.individual, c.email];
      const valid = validText(c.last) && validText(c.first) && emailValid(c.email);
      return entry(cells, number, valid);
    });
  const existing = fc
    .record({ c: fc.constantFrom(...world.candidates), last: freeText, first: freeText })
    .map(({ c, last, first }) =>
      entry(
        [
          c.number,
          last,
          first,
          c.specialty,
          c.origin,
          c.school ?? '',
          c.individual ? 'O' : 'N',
          c.email ?? '',
        ],
        c.number,
        validText(last) && validText(first),
      ),
    );
  // One certainly refused value in one column: format, unknown reference, or rule.
  const bad = fc
    .record({
      c: fc.constantFrom(...world.candidates),
      spoil: fc.constantFrom<[number, string]>(
        [0, ''],
        // Identifiers that would break a file name or an HTTP header.
        [0, 'F024€001'],
        [0, 'F02"; filename=x'],
        [0, 'f0000001'],
        [5, '05199€1T'],
        [1, '   '],
        [3, 'XYZ'],
        [4, '00'],
        [5, 'ABC'],
        [5, '0000000A'],
        [6, 'oui'],
        [6, ''],
        [7, 'pas-un-courriel'],
      ),
    })
    .map(({ c, spoil: [column, value] }) => {
      const cells = [c.number, 'Nom', 'Prénom', c.specialty, c.origin, c.school ?? '', 'O', ''];
      cells[column] = value;
      return entry(cells, `bad ${c.number}`, false);
    });
  return fc.oneof(
    { weight: 3, arbitrary: fresh },
    { weight: 2, arbitrary: existing },
    { weight: 1, arbitrary: bad },
  );
}

function emailValid(text: string): boolean {
  const t = text.trim();
  return t === '' || (EMAIL.test(t) && !t.includes('\u0000'));
}

function structureEntries(world: ImportWorld): fc.Arbitrary<Entry> {
  const whole = fc
    .record({
      specialty: fc.constantFrom(...world.specialties),
      renames: fc.array(
        fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: freeText }),
        { minLength: 12, maxLength: 12 },
      ),
    })
    .map(({ specialty, renames }) => {
      const lines = (world.structures.get(specialty) ?? []).map((cells, i) => {
        const name = renames[i % renames.length] ?? null;
        return [specialty, ...cells.map((c, j) => (j === 2 && name !== null ? name : c))];
      });
      return {
        lines,
        key: specialty,
        valid: lines.every((l) => validText(l[3] ?? '')),
      } satisfies Entry;
    });
  const broken = fc
    .record({
      specialty: fc.constantFrom(...world.specialties),
      how: fc.constantFrom('specialty', 'coefficient', 'domain', 'flag', 'part first', 'twice'),
      coefficient: fc.constantFrom('0', '-1', 'abc', '1,234', '99999999999999999999', ''),
    })
    .map(({ specialty, how, coefficient }) => {
      const original = world.structures.get(specialty) ?? [];
      let lines = original.map((cells) => [specialty, ...cells]);
      const first = lines[0] ?? [];
      if (how === 'specialty') lines = lines.map((l) => ['XYZ', ...l.slice(1)]);
      if (how === 'coefficient') lines[0] = first.map((c, j) => (j === 4 ? coefficient : c));
      if (how === 'domain') lines[0] = first.map((c, j) => (j === 5 ? 'X' : c));
      if (how === 'flag') lines[0] = first.map((c, j) => (j === 6 ? 'peut-être' : c));
      if (how === 'twice') lines = [...lines, first];
      if (how === 'part first') {
        const part = lines.findIndex((l) => l[2] !== '');
        // Without parts, a part naming an unknown test is refused just the same.
        lines =
          part > 0
            ? [lines[part] ?? [], ...lines.filter((_, i) => i !== part)]
            : [[specialty, 'ZZ', 'ZZ1', 'Sous-épreuve', '1', '', '', '', ''], ...lines];
      }
      return { lines, key: `broken ${specialty}`, valid: false } satisfies Entry;
    });
  return fc.oneof({ weight: 4, arbitrary: whole }, { weight: 1, arbitrary: broken });
}

const GOOD_MARKS = [
  '0',
  '20',
  '12,5',
  '12.5',
  '9,99',
  ' 14 ',
  'ABS',
  'abs',
  'AJ',
  'DI',
  'BEN 12',
  'BEN 12,5',
];
const BAD_MARKS = [
  '21',
  '-1',
  '20,01',
  '12,345',
  'abc',
  '',
  '99999999999999999999',
  'BEN 8',
  'BEN',
  '1e3',
];

function markEntries(world: ImportWorld): fc.Arbitrary<Entry> {
  const good = fc
    .record({ key: fc.constantFrom(...world.markKeys), mark: fc.constantFrom(...GOOD_MARKS) })
    .map(({ key, mark }) => entry([key.number, key.code, mark], `${key.number} ${key.code}`, true));
  const bad = fc
    .record({
      key: fc.constantFrom(...world.markKeys),
      how: fc.constantFrom('number', 'code', 'mark'),
      mark: fc.constantFrom(...BAD_MARKS),
    })
    .map(({ key, how, mark }) =>
      how === 'number'
        ? entry(['INCONNU1', key.code, '12'], `INCONNU1 ${key.code}`, false)
        : how === 'code'
          ? entry([key.number, 'ZZ9', '12'], `${key.number} ZZ9`, false)
          : entry([key.number, key.code, mark], `${key.number} ${key.code}`, false),
    );
  return fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
}

function controlMarkEntries(world: ImportWorld): fc.Arbitrary<Entry> {
  const { number, chosen, notChosen } = world.chooser;
  const good = fc
    .record({
      test: fc.constantFrom(...chosen),
      mark: fc.constantFrom('0', '20', '14,5', ' 8 ', 'ABS', 'abs'),
    })
    .map(({ test, mark }) => entry([number, test, mark], `${number} ${test}`, true));
  const bad = fc
    .record({
      how: fc.constantFrom('unknown', 'no choice', 'not chosen', 'mark'),
      mark: fc.constantFrom('AJ', 'DI', '21', '', 'abc', 'BEN 12'),
      test: fc.constantFrom(...chosen),
    })
    .map(({ how, mark, test }) => {
      if (how === 'unknown') return entry(['INCONNU1', test, '12'], `INCONNU1 ${test}`, false);
      if (how === 'no choice')
        return entry([world.withoutChoice, test, '12'], `${world.withoutChoice} ${test}`, false);
      if (how === 'not chosen')
        return entry([number, notChosen, '12'], `${number} ${notChosen}`, false);
      return entry([number, test, mark], `${number} ${test}`, false);
    });
  return fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad });
}

function entriesOf(kind: ImportKind, world: ImportWorld): fc.Arbitrary<Entry> {
  switch (kind) {
    case 'SCHOOLS':
      return schoolEntries(world);
    case 'CANDIDATES':
      return candidateEntries(world);
    case 'STRUCTURES':
      return structureEntries(world);
    case 'MARKS':
      return markEntries(world);
    case 'CONTROL_MARKS':
      return controlMarkEntries(world);
  }
}

export type Breakage =
  'unclosed quote' | 'stray quote' | 'short line' | 'long line' | 'NUL in a name' | 'empty file';

export type Encoding = 'utf-8' | 'windows-1252';

export interface CsvFile {
  readonly kind: ImportKind;
  readonly year: number;
  /** The text sent through GraphQL. */
  readonly text: string;
  /** The bytes read from disk by the command line (the text, maybe re-encoded). */
  readonly bytes: Uint8Array;
  readonly encoding: Encoding;
  /** The valid entries the file holds, when it is to be accepted. */
  readonly entries: readonly Entry[];
  /** How many lines an accepted import reports (a structure counts its tests and parts). */
  readonly rows: number;
  /** Whether the import must accept it (for the 2024 session), refuse it, or may do either. */
  readonly verdict: 'accepted' | 'refused';
  /** What was done to it, for the reader of a failure. */
  readonly recipe: readonly string[];
}

function quoteCell(cell: string, separator: string, always: boolean): string {
  const needs = always || cell.includes(separator) || /["\r\n]/.test(cell);
  return needs ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The column of a kind's first free-text cell (a name), if it has one. */
const NAME_COLUMN: Record<ImportKind, number | null> = {
  SCHOOLS: 1,
  CANDIDATES: 1,
  STRUCTURES: 3,
  MARKS: null,
  CONTROL_MARKS: null,
};

/** The entry with ÿ added to its first name: still valid, and no longer ASCII. */
function withAccent(e: Entry, column: number): Entry {
  const [line, ...rest] = e.lines;
  if (line === undefined) return e;
  return { ...e, lines: [line.map((c, j) => (j === column ? `${c}ÿ` : c)), ...rest] };
}

/** Printable ASCII and the Latin-1 letters, which Windows-1252 encodes as Latin-1 does. */
const LATIN1_TEXT = /^[\x20-\x7E\u00C0-\u00FF]*$/;
const ASCII_TEXT = /^[\x20-\x7E]*$/;

export function csvFiles(kind: ImportKind, world: ImportWorld): fc.Arbitrary<CsvFile> {
  const columns = IMPORT_KINDS[kind];
  const header = fc.oneof(
    { weight: 8, arbitrary: fc.constant({ cells: [...columns], ok: true, how: 'header' }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { cells: columns.map((c) => c.toUpperCase()), ok: true, how: 'header in capitals' },
        { cells: columns.map((c) => ` ${c} `), ok: true, how: 'header with spaces' },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        { cells: columns.slice(0, -1), ok: false, how: 'header without its last column' },
        { cells: [...columns, 'extra'], ok: false, how: 'header with an extra column' },
        { cells: [...columns].reverse(), ok: false, how: 'header reversed' },
        { cells: ['numero', ...columns.slice(1)], ok: false, how: 'header renamed' },
        { cells: [''], ok: false, how: 'empty header' },
      ),
    },
  );
  return fc
    .record({
      entries: fc.array(entriesOf(kind, world), { maxLength: 5 }),
      header,
      separator: fc.oneof(
        { weight: 12, arbitrary: fc.constant(';') },
        { weight: 1, arbitrary: fc.constantFrom(',', '\t') },
      ),
      crlf: fc.boolean(),
      bom: fc.boolean(),
      quoteAll: fc.boolean(),
      blankLines: fc.boolean(),
      duplicate: fc.oneof(
        { weight: 7, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      breakage: fc.oneof(
        { weight: 10, arbitrary: fc.constant(null) },
        {
          weight: 3,
          arbitrary: fc.constantFrom<Breakage>(
            'unclosed quote',
            'stray quote',
            'short line',
            'long line',
            'NUL in a name',
            'empty file',
          ),
        },
      ),
      encoding: fc.oneof(
        { weight: 6, arbitrary: fc.constant<Encoding>('utf-8') },
        { weight: 1, arbitrary: fc.constant<Encoding>('windows-1252') },
      ),
      year: fc.oneof(
        { weight: 12, arbitrary: fc.constant(2024) },
        { weight: 1, arbitrary: fc.constantFrom(2023, 2031) },
      ),
    })
    .map((plan) => {
      const recipe: string[] = [plan.header.how, `separator ${JSON.stringify(plan.separator)}`];
      // One entry per key, unless a duplicate is wanted.
      const seen = new Set<string>();
      let entries = plan.entries.filter((e) => !seen.has(e.key) && seen.add(e.key));
      // An older exam system writes Windows-1252: not UTF-8 as soon as one
      // letter is accented, so one name gets a ÿ.
      const nameColumn = NAME_COLUMN[kind];
      const accented = entries[0];
      if (plan.encoding === 'windows-1252' && nameColumn !== null && accented?.valid === true)
        entries[0] = withAccent(accented, nameColumn);
      const first = entries[0];
      if (plan.duplicate && first !== undefined) {
        entries = [...entries, first];
        recipe.push('a duplicated entry');
      }
      const lines: string[][] = [
        [...plan.header.cells],
        ...entries.flatMap((e) => e.lines.map((l) => [...l])),
      ];
      let breakage = plan.breakage;
      if (breakage === 'NUL in a name') {
        // The first free-text cell of a data line: the second column of every kind but marks.
        const target = lines.findIndex((l, i) => i > 0 && l.length > 2);
        if (kind === 'MARKS' || kind === 'CONTROL_MARKS' || target < 0) breakage = null;
        else
          lines[target] = (lines[target] ?? []).map((c, j) =>
            j === (kind === 'STRUCTURES' ? 3 : 1) ? `${c}\u0000x` : c,
          );
      }
      if (breakage === 'short line') lines.push(columns.slice(1).map(() => 'x'));
      if (breakage === 'long line') lines.push([...columns.map(() => 'x'), 'x']);
      if (breakage !== null) recipe.push(breakage);
      const newline = plan.crlf ? '\r\n' : '\n';
      if (plan.crlf) recipe.push('CRLF');
      if (plan.quoteAll) recipe.push('every cell quoted');
      let text = lines
        .map((l) => l.map((c) => quoteCell(c, plan.separator, plan.quoteAll)).join(plan.separator))
        .join(newline);
      text += newline;
      if (plan.blankLines) {
        text += newline + newline;
        recipe.push('blank lines at the end');
      }
      if (breakage === 'unclosed quote') text += `"jamais fermé${plan.separator}x${newline}`;
      if (breakage === 'stray quote') text += `ab"cd${plan.separator}x${newline}`;
      if (breakage === 'empty file') text = '';

      // The command line reads bytes; Windows-1252 holds Latin-1 letters only, and no byte-order mark.
      const latin =
        LATIN1_TEXT.test(text.replace(/[\r\n\t]/g, ' ')) &&
        !ASCII_TEXT.test(text.replace(/[\r\n\t]/g, ' '));
      const encoding: Encoding =
        plan.encoding === 'windows-1252' && !plan.bom && latin ? 'windows-1252' : 'utf-8';
      const withBom = plan.bom && encoding === 'utf-8' ? `\uFEFF${text}` : text;
      if (plan.bom && encoding === 'utf-8') recipe.push('byte-order mark');
      const bytes: Uint8Array =
        encoding === 'windows-1252'
          ? Buffer.from(text, 'latin1')
          : new TextEncoder().encode(withBom);
      if (encoding !== 'utf-8') recipe.push(encoding);

      const formatOk = plan.header.ok && plan.separator === ';' && breakage === null;
      const entriesOk = entries.every((e) => e.valid) && !(plan.duplicate && first !== undefined);
      return {
        kind,
        year: plan.year,
        text: withBom,
        bytes,
        encoding,
        entries,
        rows: entries.reduce((n, e) => n + e.lines.length, 0),
        verdict: formatOk && entriesOk ? 'accepted' : 'refused',
        recipe,
      } satisfies CsvFile;
    });
}
