import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type CandidateKey,
  candidatesByNumber,
  specialtyCodesOfYear,
} from '../repositories/import-reference.repository.ts';
import { type ImportProblem, problem } from './import-problem.ts';
import type { ControlMarkRow, StructureRow } from './parse-rows.ts';

/**
 * References a line makes to the database, checked inside the import's
 * transaction (so that what was checked is what is written). Académie codes
 * are checked against the domain's list when the line is parsed.
 */

export async function checkStructureReferences(
  db: Kysely<Database>,
  year: number,
  rows: readonly StructureRow[],
): Promise<ImportProblem[]> {
  const specialties = await specialtyCodesOfYear(db, year);
  return rows
    .filter((r) => !specialties.has(r.specialtyCode))
    .map((r) =>
      problem(r.line, 'specialty', r.specialtyCode, `spécialité inconnue pour la session ${year}`),
    );
}

/** A control mark is for one of the two tests the candidate chose (as control_marks' trigger holds). */
export async function checkControlMarkReferences(
  db: Kysely<Database>,
  year: number,
  rows: readonly ControlMarkRow[],
): Promise<{ problems: ImportProblem[]; candidates: Map<string, CandidateKey> }> {
  const candidates = await candidatesByNumber(
    db,
    year,
    rows.map((r) => r.number),
  );
  const problems: ImportProblem[] = [];
  for (const r of rows) {
    const candidate = candidates.get(r.number);
    if (candidate === undefined)
      problems.push(
        problem(r.line, 'number', r.number, `candidat inconnu pour la session ${year}`),
      );
    else if (!candidate.chosenTests.includes(r.testCode))
      problems.push(
        problem(
          r.line,
          'test',
          r.testCode,
          candidate.chosenTests.length === 0
            ? 'ce candidat n’a pas choisi ses épreuves de contrôle'
            : `épreuve non choisie par ce candidat (choix : ${candidate.chosenTests.join(', ')})`,
        ),
      );
  }
  return { problems, candidates };
}
