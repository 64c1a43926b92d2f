import type { ImportOutcome } from '../../src/import/run-import.ts';

/** The report of an import expected to succeed; anything else fails the test with what was said. */
export function imported(outcome: ImportOutcome) {
  if (outcome.kind !== 'imported') throw new Error(JSON.stringify(outcome).slice(0, 2000));
  return outcome.report;
}
