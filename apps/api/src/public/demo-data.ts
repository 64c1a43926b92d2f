// Entry point `@rattrapage/api/demo-data`: the deterministic draw of fictitious candidates.
export { drawFirstGroupMarks } from '../demo/demo-marks.ts';
export { FIRST_NAMES, LAST_NAMES } from '../demo/fictitious-names.ts';
export { createPrng } from '../demo/prng.ts';
