// Entry point `@rattrapage/api/accounts`: passwords, sessions and API tokens.
export { decoyHash, hashPassword, verifyPassword } from '../auth/password.ts';
export { openSession } from '../auth/open-session.ts';
export { issueApiToken } from '../auth/issue-api-token.ts';
export { passwordPool } from '../auth/password-admission.ts';
export { passwordConcurrencyFromEnv } from '../env.ts';
// The throttle's keys and locks, the session token, its stored hash and its lifetime: for
// tools (the bench's floor server) that log in from the same rows without the API.
export { addressKey, delayGrowsFor, identifierKey, lockedUntil } from '../auth/login-throttle.ts';
export { TOKEN_PREFIXES, hashToken, newToken } from '../auth/tokens.ts';
export { DEFAULT_SESSION_HOURS } from '../auth/session-lifetime.ts';
