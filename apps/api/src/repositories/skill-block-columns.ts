import type { ExamStructure } from '@rattrapage/domain';

/** The block columns of a test's or part's row (migration 2026120701): null when in no block. */
export function blockColumns(
  structure: ExamStructure,
  unit: string,
): { block_code: string | null; block_name: string | null } {
  const block = structure.blocks.find((b) => b.units.includes(unit));
  return { block_code: block?.code ?? null, block_name: block?.name ?? null };
}
