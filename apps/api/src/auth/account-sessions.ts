// Session and password-state reads the schema needs as they are: reached
// through the auth layer, never from a resolver straight to the repository.
export { mustChangePassword, revokeSession } from '../repositories/accounts.repository.ts';
