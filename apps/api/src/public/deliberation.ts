// Entry point `@rattrapage/api/deliberation`: the first-group deliberation,
// whole or in its three steps (read the candidates and their marks a page at
// a time, decide, store the outcomes).
export { deliberateFirstGroup } from '../services/deliberate.ts';
export {
  candidatesOfYearAfter,
  listCandidatesOfYear,
  storeFirstGroupOutcomes,
} from '../repositories/candidates.repository.ts';
export { loadFirstGroupMarks } from '../repositories/marks.repository.ts';
