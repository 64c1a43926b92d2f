import type { SkillBlock } from '../marks/exam-structure.ts';
import type { SkillBlockProblem } from './validate-skill-blocks.ts';

/** One test or part and the block it belongs to, as a file's line or a table's row says it. */
export interface BlockUnitRow {
  readonly unit: string;
  readonly block: string;
  readonly blockName: string;
}

/**
 * The blocks of a structure from one row per unit (the structures file,
 * the tests table): units in the rows' order, blocks in their codes'
 * natural order (B2 before B10), so that a file and the database give the
 * same structure. A block named two ways is a problem.
 */
export function gatherSkillBlocks(rows: readonly BlockUnitRow[]): {
  readonly blocks: readonly SkillBlock[];
  readonly problems: readonly SkillBlockProblem[];
} {
  const byCode = new Map<string, { name: string; units: string[] }>();
  const problems: SkillBlockProblem[] = [];
  for (const row of rows) {
    const block = byCode.get(row.block);
    if (block === undefined) {
      byCode.set(row.block, { name: row.blockName, units: [row.unit] });
      continue;
    }
    block.units.push(row.unit);
    if (block.name !== row.blockName)
      problems.push({
        code: 'BLOCK_NAMED_TWICE',
        message: `Bloc ${row.block} : nommé « ${block.name} » puis « ${row.blockName} ».`,
      });
  }
  const blocks = [...byCode]
    .sort(([a], [b]) => a.localeCompare(b, 'fr', { numeric: true }))
    .map(([code, b]) => Object.freeze({ code, name: b.name, units: Object.freeze(b.units) }));
  return { blocks, problems };
}
