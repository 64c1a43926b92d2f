import { formatHundredths } from '@rattrapage/domain';
import {
  BENCH_SPECIALTY,
  BENCH_YEAR,
  type BenchCandidate,
  MARK_CODES,
  type Population,
} from './population.ts';

/**
 * The population as rows of the API's tables (column lists in the order the
 * values come), and the marks as the exam office's CSV file. Rows are
 * yielded one by one: 2 000 000 marks need not sit in memory twice.
 */

export type Cell = string | number | boolean | null;

export interface TableRows {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: () => Iterable<readonly Cell[]>;
  readonly count: number;
}

export function schoolRows(population: Population): TableRows {
  return {
    table: 'schools',
    columns: ['uai', 'name', 'academy_code'],
    rows: () => population.schools.map((s) => [s.uai, s.name, s.academyCode]),
    count: population.schools.length,
  };
}

/** The columns of a candidate as the import writes them; the bench's own load adds the id. */
const CANDIDATE_COLUMNS = [
  'year',
  'number',
  'last_name',
  'first_name',
  'individual',
  'specialty_code',
  'origin_academy_code',
  'school_uai',
] as const;

function candidateCells(c: BenchCandidate, year: number): Cell[] {
  return [
    year,
    c.number,
    c.lastName,
    c.firstName,
    c.individual,
    BENCH_SPECIALTY,
    c.originAcademyCode,
    c.schoolUai,
  ];
}

export function candidateRows(population: Population): TableRows {
  return {
    table: 'candidates',
    columns: ['id', ...CANDIDATE_COLUMNS],
    rows: () => population.candidates.map((c) => [c.id, ...candidateCells(c, BENCH_YEAR)]),
    count: population.candidates.length,
  };
}

/**
 * The candidates as the rows the candidates import writes for session
 * `year` (the id left to its default, as the import leaves it): what the
 * COPY peer of the candidates import loads.
 */
export function importedCandidateRows(population: Population, year: number): TableRows {
  return {
    table: 'candidates',
    columns: CANDIDATE_COLUMNS,
    rows: () => population.candidates.map((c) => candidateCells(c, year)),
    count: population.candidates.length,
  };
}

/** The same candidates as the exam office's candidates file (`number;last_name;…;email`). */
export function* candidatesCsvChunks(
  population: Population,
  rowsPerChunk = 10_000,
): Generator<string> {
  let chunk = 'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n';
  let rows = 0;
  for (const c of population.candidates) {
    chunk += `${c.number};${c.lastName};${c.firstName};${BENCH_SPECIALTY};${c.originAcademyCode};${c.schoolUai ?? ''};${c.individual ? 'O' : 'N'};\n`;
    if (++rows % rowsPerChunk === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * One candidate account per candidate, its identifier the candidate number
 * (as the CSV import creates them), all with the same password hash: one
 * argon2id hash computed once, so that loading 250 000 accounts takes
 * seconds, not the 25 minutes of 250 000 hashes. Not to be changed at first
 * log-in, so that the read scenarios see results rather than the gate.
 */
export function accountRows(population: Population, passwordHash: string): TableRows {
  return {
    table: 'accounts',
    columns: ['identifier', 'password_hash', 'role', 'candidate_id', 'must_change_password'],
    rows: () =>
      population.candidates.map((c) => [c.number, passwordHash, 'CANDIDATE', c.id, false]),
    count: population.candidates.length,
  };
}

function* markCells(candidates: readonly BenchCandidate[]): Generator<readonly Cell[]> {
  for (const c of candidates)
    for (let i = 0; i < MARK_CODES.length; i++)
      yield [c.id, MARK_CODES[i] ?? '', 'MARK', c.marks[i] ?? 0];
}

/** The first-group marks as rows of first_group_marks: what the COPY peer loads. */
export function markRows(population: Population): TableRows {
  return {
    table: 'first_group_marks',
    columns: ['candidate_id', 'code', 'status', 'hundredths'],
    rows: () => markCells(population.candidates),
    count: population.candidates.length * MARK_CODES.length,
  };
}

/** The same marks as the exam office's import file (`number;code;mark`, French decimals). */
export function* marksCsvChunks(population: Population, rowsPerChunk = 10_000): Generator<string> {
  let chunk = 'number;code;mark\n';
  let rows = 0;
  for (const c of population.candidates) {
    for (let i = 0; i < MARK_CODES.length; i++) {
      chunk += `${c.number};${MARK_CODES[i] ?? ''};${formatHundredths(c.marks[i] ?? 0)}\n`;
      if (++rows % rowsPerChunk === 0) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk !== '') yield chunk;
}

// COPY text format: backslash, tab and line breaks escaped; \N is null.
function copyCell(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows as COPY text, in chunks of lines. */
export function* copyTextChunks(
  rows: Iterable<readonly Cell[]>,
  rowsPerChunk = 10_000,
): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const row of rows) {
    chunk += `${row.map(copyCell).join('\t')}\n`;
    if (++n % rowsPerChunk === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
