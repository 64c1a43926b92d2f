// One page of candidates: the scope and the embargo are applied in the SQL of
// the repository (so counts and pages only hold what the viewer may see); the
// schema reaches it through the service layer (docs/architecture.md, "Layers").
export { findCandidatesByIds, listCandidates } from '../repositories/candidates.repository.ts';
