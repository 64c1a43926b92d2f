// Entry point `@rattrapage/api/accounts`: passwords, sessions and API tokens.
export { hashPassword, verifyPassword } from '../auth/password.ts';
export { openSession } from '../auth/open-session.ts';
export { issueApiToken } from '../auth/issue-api-token.ts';
export { passwordPool } from '../auth/password-admission.ts';
