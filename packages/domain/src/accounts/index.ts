export {
  PASSWORD_POLICY,
  PASSWORD_PROBLEMS,
  type PasswordCheck,
  checkPassword,
} from './password-policy.ts';
export { PASSWORD_RESET_TTL_MS, passwordResetMessage } from './password-reset-message.ts';
