import {
  type CellReading,
  type ControlMarkReading,
  type ExamStructure,
  type ExamTest,
  type MarkEntry,
  type RuleSet,
  type BlockUnitRow,
  type TestDomain,
  gatherSkillBlocks,
  isAcademyCode,
  readCoefficient,
  readCandidateNumber,
  readControlCell,
  readFirstGroupCell,
  readTestDomain,
  readUai,
  readYesNo,
  validateExamStructure,
} from '@rattrapage/domain';
import type { CsvLine } from './read-csv.ts';
import { type ImportProblem, problem } from './import-problem.ts';
import type { CandidateFields } from '../repositories/candidate-rows.ts';

/**
 * Turns CSV lines into typed rows, one kind at a time, collecting every
 * problem a line can show on its own (format, duplicates within the file).
 * References to the database are checked later, in the import's
 * transaction (check-references.ts and the marks staging table).
 */
export interface Parsed<T> {
  readonly rows: T[];
  readonly problems: ImportProblem[];
}

function cell(line: CsvLine, column: string): string {
  return (line.cells.get(column) ?? '').trim();
}

function required(line: CsvLine, column: string, problems: ImportProblem[]): string | null {
  const value = cell(line, column);
  if (value === '') {
    problems.push(problem(line.line, column, value, 'valeur obligatoire manquante'));
    return null;
  }
  return value;
}

/**
 * An identifier that names accounts, files and HTTP headers: refused with
 * its own code unless it has the strict format of its kind.
 */
function identifier(
  line: CsvLine,
  column: string,
  read: (text: string) => CellReading<string>,
  problems: ImportProblem[],
): string | null {
  const value = required(line, column, problems);
  if (value === null) return null;
  const reading = read(value);
  if (reading.ok) return reading.value;
  problems.push(problem(line.line, column, value, reading.refusal.message, reading.refusal.code));
  return null;
}

function once(
  seen: Map<string, number>,
  key: string,
  line: CsvLine,
  column: string,
  value: string,
  problems: ImportProblem[],
): boolean {
  const first = seen.get(key);
  if (first !== undefined) {
    problems.push(problem(line.line, column, value, `déjà présent ligne ${first}`));
    return false;
  }
  seen.set(key, line.line);
  return true;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

export interface SchoolRow {
  readonly line: number;
  readonly uai: string;
  readonly name: string;
  readonly academyCode: string;
}

export function parseSchools(lines: readonly CsvLine[]): Parsed<SchoolRow> {
  const rows: SchoolRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const before = problems.length;
    const uai = identifier(line, 'uai', readUai, problems);
    const name = required(line, 'name', problems);
    const academyCode = required(line, 'academy_code', problems);
    if (academyCode !== null && !isAcademyCode(academyCode))
      problems.push(problem(line.line, 'academy_code', academyCode, 'académie inconnue'));
    if (uai !== null) once(seen, uai, line, 'uai', uai, problems);
    if (problems.length === before && uai !== null && name !== null && academyCode !== null)
      rows.push({ line: line.line, uai, name, academyCode });
  }
  return { rows, problems };
}

export interface CandidateRow extends CandidateFields {
  readonly line: number;
}

/** One line of the candidates file, or null with its problems noted (duplicates apart: the database finds them). */
export function parseCandidateLine(line: CsvLine, problems: ImportProblem[]): CandidateRow | null {
  const before = problems.length;
  const number = identifier(line, 'number', readCandidateNumber, problems);
  const lastName = required(line, 'last_name', problems);
  const firstName = required(line, 'first_name', problems);
  const specialtyCode = required(line, 'specialty', problems);
  const originAcademyCode = required(line, 'origin_academy', problems);
  if (originAcademyCode !== null && !isAcademyCode(originAcademyCode))
    problems.push(problem(line.line, 'origin_academy', originAcademyCode, 'académie inconnue'));
  const withoutSchool = cell(line, 'school_uai') === '';
  const schoolUai = withoutSchool ? null : identifier(line, 'school_uai', readUai, problems);
  const individual = readYesNo(cell(line, 'individual'));
  if (!individual.ok)
    problems.push(
      problem(line.line, 'individual', cell(line, 'individual'), individual.refusal.message),
    );
  // Every candidate but a candidat individuel has a school (docs/rules.md).
  else if (!individual.value && withoutSchool)
    problems.push(
      problem(
        line.line,
        'school_uai',
        '',
        'un candidat qui n’est pas individuel est rattaché à un établissement',
      ),
    );
  const emailText = cell(line, 'email');
  const email = emailText === '' ? null : emailText;
  if (email !== null && !EMAIL.test(email))
    problems.push(problem(line.line, 'email', email, 'adresse de courriel invalide'));
  return problems.length === before &&
    number !== null &&
    lastName !== null &&
    firstName !== null &&
    specialtyCode !== null &&
    originAcademyCode !== null &&
    individual.ok
    ? {
        line: line.line,
        number,
        lastName,
        firstName,
        specialtyCode,
        originAcademyCode,
        schoolUai,
        individual: individual.value,
        email,
      }
    : null;
}

/** The problem of a line that repeats an earlier line's candidate number. */
export function duplicateCandidateProblem(
  line: number,
  number: string,
  firstLine: number,
): ImportProblem {
  return problem(line, 'number', number, `déjà présent ligne ${firstLine}`);
}

export interface StructureRow {
  readonly specialtyCode: string;
  /** Line of the specialty's first row, where structure-wide problems are reported. */
  readonly line: number;
  readonly structure: ExamStructure;
  /** Line of each test and part, by code. */
  readonly lines: ReadonlyMap<string, number>;
}

interface TestDraft {
  code: string;
  name: string;
  coefficientHundredths: number;
  domain: TestDomain;
  optional: boolean;
  controlEligible: boolean;
  language: boolean;
  parts: { code: string; name: string; coefficientHundredths: number }[];
}

/**
 * The block a test's or part's line puts it in: null for none (both cells
 * empty, or a file without the block columns), undefined when only one
 * of code and name is given (noted as a problem).
 */
function blockOfLine(
  line: CsvLine,
  unit: string,
  problems: ImportProblem[],
): BlockUnitRow | null | undefined {
  const block = cell(line, 'block');
  const blockName = cell(line, 'block_name');
  if (block === '' && blockName === '') return null;
  if (block === '' || blockName === '') {
    const missing = block === '' ? 'block' : 'block_name';
    problems.push(
      problem(
        line.line,
        missing,
        '',
        'un bloc de compétences a un code et un nom, ou aucun des deux',
      ),
    );
    return undefined;
  }
  return { unit, block, blockName };
}

/**
 * One line per test (empty part) and one per part; a part's line comes
 * after its test's. Each specialty's structure is then checked whole by the
 * domain (validateExamStructure: codes, coefficients, eligibility).
 */
export function parseStructures(lines: readonly CsvLine[], rules: RuleSet): Parsed<StructureRow> {
  const problems: ImportProblem[] = [];
  const bySpecialty = new Map<
    string,
    { line: number; tests: TestDraft[]; lines: Map<string, number>; blocks: BlockUnitRow[] }
  >();
  for (const line of lines) {
    const before = problems.length;
    const specialty = required(line, 'specialty', problems);
    const testCode = required(line, 'test', problems);
    const partCode = cell(line, 'part');
    const name = required(line, 'name', problems);
    const coefficient = readCoefficient(cell(line, 'coefficient'));
    if (!coefficient.ok)
      problems.push(
        problem(line.line, 'coefficient', cell(line, 'coefficient'), coefficient.refusal.message),
      );
    if (specialty === null || testCode === null || name === null || !coefficient.ok) continue;
    const entry = bySpecialty.get(specialty) ?? {
      line: line.line,
      tests: [],
      lines: new Map<string, number>(),
      blocks: [],
    };
    bySpecialty.set(specialty, entry);
    const code = partCode === '' ? testCode : partCode;
    const first = entry.lines.get(code);
    if (first !== undefined) {
      problems.push(
        problem(line.line, partCode === '' ? 'test' : 'part', code, `déjà présent ligne ${first}`),
      );
      continue;
    }
    const block = blockOfLine(line, code, problems);
    if (block === undefined) continue;
    const placed = (): void => {
      entry.lines.set(code, line.line);
      if (block !== null) entry.blocks.push(block);
    };
    if (partCode !== '') {
      const test = entry.tests.find((t) => t.code === testCode);
      if (test === undefined) {
        problems.push(
          problem(
            line.line,
            'test',
            testCode,
            'la ligne de l’épreuve doit précéder celles de ses sous-épreuves',
          ),
        );
        continue;
      }
      test.parts.push({ code: partCode, name, coefficientHundredths: coefficient.value });
      placed();
      continue;
    }
    const flags = {
      domain: readTestDomain(cell(line, 'domain')),
      optional: readYesNo(cell(line, 'optional')),
      control_eligible: readYesNo(cell(line, 'control_eligible')),
      language: readYesNo(cell(line, 'language')),
    };
    for (const [column, reading] of Object.entries(flags))
      if (!reading.ok)
        problems.push(problem(line.line, column, cell(line, column), reading.refusal.message));
    if (
      problems.length > before ||
      !flags.domain.ok ||
      !flags.optional.ok ||
      !flags.control_eligible.ok ||
      !flags.language.ok
    )
      continue;
    entry.tests.push({
      code: testCode,
      name,
      coefficientHundredths: coefficient.value,
      domain: flags.domain.value,
      optional: flags.optional.value,
      controlEligible: flags.control_eligible.value,
      language: flags.language.value,
      parts: [],
    });
    placed();
  }
  const rows: StructureRow[] = [];
  for (const [specialtyCode, entry] of bySpecialty) {
    const gathered = gatherSkillBlocks(entry.blocks);
    const structure: ExamStructure = {
      specialtyCode,
      tests: entry.tests.map((t): ExamTest => ({ ...t, parts: t.parts })),
      blocks: gathered.blocks,
    };
    const refusals = [
      ...gathered.problems.map((p) => p.message),
      ...validateExamStructure(structure, rules),
    ];
    for (const reason of refusals)
      problems.push(problem(entry.line, 'specialty', specialtyCode, reason));
    if (refusals.length === 0)
      rows.push({ specialtyCode, line: entry.line, structure, lines: entry.lines });
  }
  return { rows, problems };
}

export interface MarkRow {
  readonly line: number;
  readonly number: string;
  readonly code: string;
  readonly entry: MarkEntry;
}

/** One line of first-group marks, or null with its problems noted (duplicates apart). */
export function parseMarkLine(line: CsvLine, problems: ImportProblem[]): MarkRow | null {
  const before = problems.length;
  const number = required(line, 'number', problems);
  const code = required(line, 'code', problems);
  const reading = readFirstGroupCell(cell(line, 'mark'));
  if (!reading.ok)
    problems.push(problem(line.line, 'mark', cell(line, 'mark'), reading.refusal.message));
  return problems.length === before && number !== null && code !== null && reading.ok
    ? { line: line.line, number, code, entry: reading.value }
    : null;
}

/** The problem of a line that repeats an earlier line's candidate and code. */
export function duplicateMarkProblem(line: number, code: string, firstLine: number): ImportProblem {
  return problem(line, 'code', code, `déjà présent ligne ${firstLine}`);
}

export function parseMarks(lines: readonly CsvLine[]): Parsed<MarkRow> {
  const rows: MarkRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const row = parseMarkLine(line, problems);
    if (row === null) continue;
    // Idempotence is keyed by candidate number and test code: one line each.
    const key = `${row.number}\u0000${row.code}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, row.line);
      rows.push(row);
    } else problems.push(duplicateMarkProblem(row.line, row.code, first));
  }
  return { rows, problems };
}

export interface ControlMarkRow {
  readonly line: number;
  readonly number: string;
  readonly testCode: string;
  readonly entry: ControlMarkReading;
}

export function parseControlMarks(lines: readonly CsvLine[]): Parsed<ControlMarkRow> {
  const rows: ControlMarkRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const before = problems.length;
    const number = required(line, 'number', problems);
    const testCode = required(line, 'test', problems);
    const reading = readControlCell(cell(line, 'mark'));
    if (!reading.ok)
      problems.push(problem(line.line, 'mark', cell(line, 'mark'), reading.refusal.message));
    if (number !== null && testCode !== null)
      once(seen, `${number}\u0000${testCode}`, line, 'test', testCode, problems);
    if (problems.length === before && number !== null && testCode !== null && reading.ok)
      rows.push({ line: line.line, number, testCode, entry: reading.value });
  }
  return { rows, problems };
}
