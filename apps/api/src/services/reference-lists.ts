// Reads of reference lists that need no composition: the schema reaches them
// through the service layer all the same, so that resolvers never hold SQL
// access of their own (docs/architecture.md, "Layers").
export { listAcademies, listSessionYears } from '../repositories/reference.repository.ts';
