export {
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_BYTES,
  VERIFICATION_CODE_LENGTH,
  formatVerificationCode,
  readVerificationCode,
  verificationCodeOf,
} from './verification-code.ts';
export {
  BLOCK_ACQUIRED_HUNDREDTHS,
  type KeptControlMark,
  type SkillBlockResult,
  acquiredBlocks,
  skillBlockResults,
} from './skill-blocks.ts';
