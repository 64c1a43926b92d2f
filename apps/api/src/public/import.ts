// Entry point `@rattrapage/api/import`: reading and parsing the académies' CSV files.
export { readCsv } from '../import/read-csv.ts';
export { IMPORT_KINDS } from '../import/import-kind.ts';
export { parseCandidateLine, parseMarks } from '../import/parse-rows.ts';
export type { ImportProblem } from '../import/import-problem.ts';
