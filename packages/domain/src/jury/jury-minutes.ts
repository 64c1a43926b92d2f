import type { JuryStage } from './apply-jury-decision.ts';
import { JURY_STAGE_OUTCOMES } from './validate-jury-decision.ts';

/**
 * What the minutes of a deliberation (procès-verbal) count: the jury is
 * sovereign, so each candidate counts under the outcome it pronounced, the
 * computed one where it pronounced none; a decision « differs » when it
 * departs from the computed outcome (a decision that confirms it changes
 * nothing and the minutes print no reason for it).
 */
export interface MinutesLine {
  /** Null when the rules cannot conclude (a mark is missing). */
  readonly computed: string | null;
  readonly jury: string | null;
}

export interface MinutesCounts {
  readonly candidates: number;
  /** Per outcome of the stage, in JURY_STAGE_OUTCOMES order: the decided outcome. */
  readonly byOutcome: readonly { readonly outcome: string; readonly count: number }[];
  /** Neither computed nor decided: a mark is missing and the jury has not ruled. */
  readonly undetermined: number;
  /** Decisions that depart from the computed outcome. */
  readonly changedByJury: number;
}

export function decidedLine(line: MinutesLine): string | null {
  return line.jury ?? line.computed;
}

export function juryDiffers(line: MinutesLine): boolean {
  return line.jury !== null && line.jury !== line.computed;
}

export function minutesCounts(lines: readonly MinutesLine[], stage: JuryStage): MinutesCounts {
  const decided = lines.map(decidedLine);
  return {
    candidates: lines.length,
    byOutcome: JURY_STAGE_OUTCOMES[stage].map((outcome) => ({
      outcome,
      count: decided.filter((d) => d === outcome).length,
    })),
    undetermined: decided.filter((d) => d === null).length,
    changedByJury: lines.filter(juryDiffers).length,
  };
}
