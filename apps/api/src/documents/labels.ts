import {
  AVERAGE_NOT_COMPUTABLE,
  FINAL_OUTCOME_LABELS,
  FIRST_GROUP_OUTCOME_LABELS,
  type Fraction,
  type JuryDecision,
  NO_VALUE,
  type TestResult,
  formatHundredths,
  formatParisDate,
  markCellText,
  truncateToHundredths,
  viewAverage,
} from '@rattrapage/domain';

/** An outcome in the domain's wording (first-group or final: the words are the same for both). */
export function outcomeLabel(outcome: string): string {
  return (
    (FIRST_GROUP_OUTCOME_LABELS as Readonly<Record<string, string>>)[outcome] ??
    (FINAL_OUTCOME_LABELS as Readonly<Record<string, string>>)[outcome] ??
    outcome
  );
}

/**
 * An average, truncated to the hundredth (never rounded: 9,999 shows 9,99);
 * « non calculable » when a mark is missing (the jury may still decide).
 */
export function averageLabel(average: Fraction | null): string {
  return average === null ? AVERAGE_NOT_COMPUTABLE : viewAverage(average).display;
}

/** A test's result for people, in the domain's wording: « 12,50 », « Dispensé »… */
export function testResultLabel(result: TestResult): string {
  switch (result.kind) {
    case 'COUNTED':
      return markCellText(result.status, formatHundredths(truncateToHundredths(result.value)));
    case 'EXEMPT':
      return markCellText('EXEMPT', null);
    case 'ABSENT':
      return markCellText('ABSENT', null);
    case 'MISSING':
      return NO_VALUE;
  }
}

export function juryDecisionLabel(decision: JuryDecision): string {
  return `Décision du jury : ${outcomeLabel(decision.outcome)} (le ${formatParisDate(decision.decidedAt)}). Motif : ${decision.reason}`;
}

/** A percentage in hundredths of a percent, French way: 6666 → « 66,66 % ». */
export function formatPercent(hundredths: number): string {
  return `${formatHundredths(hundredths)} %`;
}
