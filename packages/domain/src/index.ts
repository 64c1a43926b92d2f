export {
  DOMAIN_ERROR_CODES,
  DomainInputError,
  type DomainErrorCode,
  type Refused,
  isDomainError,
} from './errors.ts';

export type {
  ExamStructure,
  ExamTest,
  SkillBlock,
  TestDomain,
  TestPart,
} from './marks/exam-structure.ts';
export type { CandidateMarks, MarkEntry, MarkStatus } from './marks/mark-entry.ts';
export {
  KEPT_MARK_MINIMUM_HUNDREDTHS,
  MARK_STATUSES,
  MAX_MARK_HUNDREDTHS,
  isValidHundredths,
} from './marks/mark-entry.ts';
export type { Fraction } from './marks/fraction.ts';
export {
  compare as compareFractions,
  fraction,
  fromHundredths,
  reachesHundredths,
  toFractionString,
  truncateToHundredths,
} from './marks/fraction.ts';
export {
  formatCoefficient,
  formatHundredths,
  formatPoints,
  parseCoefficient,
  parseMark,
} from './marks/format-mark.ts';
export {
  type AverageView,
  parseExactAverage,
  shortfallJustBelow,
  viewAverage,
} from './marks/average-display.ts';
export {
  ABSENT_AT_CONTROL_POLICIES,
  type AbsentAtControlPolicy,
  NATIONAL_RULES,
  OPTIONAL_TESTS_POLICIES,
  type OptionalTestsPolicy,
  type OralDuration,
  type OralDurations,
  type RuleSet,
  type RuleThresholds,
} from './rules/rule-set.ts';
export {
  RULE_TEXTS_MAX,
  RULE_TEXT_MAX_LENGTH,
  type RuleSetCheck,
  ruleSetFrom,
} from './rules/rule-set-from.ts';
export { RULES_2024 } from './rules/session-2024-rules.ts';
export { type TestResult, resolveTestResult } from './marks/test-result.ts';
export { type Averages, computeAverages } from './marks/averages.ts';
export {
  type FirstGroupEvaluation,
  type FirstGroupOutcome,
  type FirstGroupReason,
  decideFirstGroup,
  firstGroupOutcome,
} from './marks/first-group-outcome.ts';

export { type FirstGroupExplanationInput, explainFirstGroup } from './marks/explain-first-group.ts';
export {
  type IneligibilityReason,
  eligibleControlTests,
  ineligibilityOf,
} from './control/eligible-control-tests.ts';
export {
  CONTROL_TEST_COUNT,
  type ChoiceValidation,
  type InvalidChoice,
  type InvalidChoiceReason,
  validateControlChoice,
} from './control/validate-control-choice.ts';
export {
  type ControlMarkEntry,
  type ControlTestOutcome,
  type FinalEvaluation,
  type FinalOutcome,
  type FinalOutcomeInput,
  type FinalReason,
  finalOutcome,
} from './control/final-outcome.ts';
export {
  type ControlOption,
  controlOptions,
  controlOptionsOfAllowed,
} from './control/control-options.ts';

export * from './calendar/index.ts';
export * from './reference/index.ts';
export * from './channels/index.ts';
export {
  type ChoiceEntryDecision,
  type ChoiceEntryInput,
  decideChoiceEntry,
} from './control/decide-choice-entry.ts';
export {
  LATE_CHOICE_REASON_MAX_LENGTH,
  type LateChoiceDecision,
  type LateChoiceInput,
  type LateChoiceRefusal,
  decideLateChoice,
} from './control/decide-late-choice.ts';
export { oralDurationOf } from './control/oral-duration.ts';
export * from './jury/index.ts';
export * from './statistics/index.ts';
export * from './import/index.ts';
export * from './notifications/index.ts';
export * from './accounts/index.ts';
export * from './planning/index.ts';
export * from './wording/index.ts';
export * from './certificates/index.ts';
export { spreadsheetSafe } from './export/spreadsheet-cell.ts';
