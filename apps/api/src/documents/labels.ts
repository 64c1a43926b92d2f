import {
  type Fraction,
  type JuryDecision,
  type TestResult,
  formatHundredths,
  formatParisDate,
  truncateToHundredths,
  viewAverage,
} from '@rattrapage/domain';

/** French labels of outcomes, as the transcript and the exports print them. */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  ADMITTED: 'Admis',
  CONTROL_ALLOWED: 'Admis à se présenter aux épreuves de contrôle',
  FAILED: 'Ajourné',
};

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}

/**
 * An average, truncated to the hundredth (never rounded: 9,999 shows 9,99);
 * « non calculable » when a mark is missing (the jury may still decide).
 */
export function averageLabel(average: Fraction | null): string {
  return average === null ? 'non calculable' : viewAverage(average).display;
}

/** A test's first-group result for people: « 12,50 », « 14,00 (bénéfice) », « Dispensé »… */
export function testResultLabel(result: TestResult): string {
  switch (result.kind) {
    case 'COUNTED': {
      const mark = formatHundredths(truncateToHundredths(result.value));
      if (result.status === 'KEPT') return `${mark} (bénéfice)`;
      if (result.status === 'ABSENT_JUSTIFIED') return `${mark} (absence justifiée)`;
      return mark;
    }
    case 'EXEMPT':
      return 'Dispensé';
    case 'ABSENT':
      return 'Absent';
    case 'MISSING':
      return '—';
  }
}

export function juryDecisionLabel(decision: JuryDecision): string {
  return `Décision du jury : ${outcomeLabel(decision.outcome)} (le ${formatParisDate(decision.decidedAt)}). Motif : ${decision.reason}`;
}

/** A percentage in hundredths of a percent, French way: 6666 → « 66,66 % ». */
export function formatPercent(hundredths: number): string {
  return `${formatHundredths(hundredths)} %`;
}
