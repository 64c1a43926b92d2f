import {
  type ImportProblem,
  readCsv,
  IMPORT_KINDS,
  parseCandidateLine,
  parseMarks,
} from '@rattrapage/api/import';
import { describe, expect, it } from 'vitest';
import { MARK_CODES, generatePopulation } from '../src/data/population.ts';
import {
  accountRows,
  candidateRows,
  candidatesCsvChunks,
  copyTextChunks,
  importedCandidateRows,
  markRows,
  marksCsvChunks,
} from '../src/data/table-rows.ts';

const population = generatePopulation({ candidates: 50, ofOrigin: 10, schoolsPerAcademy: 1 });

describe('rows of the API tables', () => {
  it('yields as many rows as it announces, each as wide as its columns', () => {
    for (const table of [
      candidateRows(population),
      importedCandidateRows(population, 2025),
      accountRows(population, 'hash'),
      markRows(population),
    ]) {
      const rows = [...table.rows()];
      expect(rows).toHaveLength(table.count);
      for (const row of rows) expect(row).toHaveLength(table.columns.length);
    }
    expect(markRows(population).count).toBe(50 * MARK_CODES.length);
  });

  it('writes COPY text with nulls, booleans and the characters COPY reserves escaped', () => {
    const text = [
      ...copyTextChunks(
        [
          ['a\tb', null, true, 12],
          ['back\\slash\nline', false, 'x', 0],
        ],
        1,
      ),
    ];
    expect(text).toEqual(['a\\tb\t\\N\tt\t12\n', 'back\\\\slash\\nline\tf\tx\t0\n']);
  });

  it('writes the marks as a CSV file that the API’s own import reads back to the same marks', () => {
    const csv = [...marksCsvChunks(population, 7)].join('');
    const reading = readCsv(csv, IMPORT_KINDS.MARKS);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    const parsed = parseMarks(reading.lines);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(50 * MARK_CODES.length);
    const first = population.candidates[0];
    const ofFirst = parsed.rows.filter((r) => r.number === first?.number);
    expect(ofFirst.map((r) => r.code)).toEqual(MARK_CODES);
    expect(ofFirst.map((r) => (r.entry.status === 'MARK' ? r.entry.hundredths : -1))).toEqual(
      first?.marks,
    );
  });

  it('writes the candidates as a CSV file that the API’s own import reads back to the rows the COPY peer loads', () => {
    const csv = [...candidatesCsvChunks(population, 7)].join('');
    const reading = readCsv(csv, IMPORT_KINDS.CANDIDATES);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    const problems: ImportProblem[] = [];
    const parsed = reading.lines.map((line) => parseCandidateLine(line, problems));
    expect(problems).toEqual([]);
    const copied = [...importedCandidateRows(population, 2025).rows()];
    expect(
      parsed.map((c) =>
        c === null
          ? null
          : [
              2025,
              c.number,
              c.lastName,
              c.firstName,
              c.individual,
              c.specialtyCode,
              c.originAcademyCode,
              c.schoolUai,
            ],
      ),
    ).toEqual(copied);
    // Both kinds of candidate are in it.
    expect(new Set(parsed.map((c) => c?.individual))).toEqual(new Set([true, false]));
  });
});
