// Entry point `@rattrapage/api/reference`: a session's reference data as the
// API reads it, and the one conversion of a stored mark — for tools (the
// bench's floor server) that answer from the same rows without the API.
export {
  type SessionReference,
  loadSessionReference,
} from '../repositories/reference.repository.ts';
export { markEntryOf } from '../repositories/mark-rows.ts';
export { TOUCH_EVERY_MS } from '../auth/session-activity.ts';
export { DEFAULT_SESSION_IDLE_MINUTES } from '../auth/session-lifetime.ts';
export { hashToken } from '../auth/tokens.ts';
