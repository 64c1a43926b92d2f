import { describe, expect, it } from 'vitest';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import { type Amendment, type CalendarChange, amendCalendar } from './amend-calendar.ts';
import { type AmendmentCandidate, concernedByAmendment } from './amendment-audience.ts';
import { calendar2024 } from './session-2024.ts';

// 2024: batch A (MCO, NDRC) published 28 June 10:00 Paris (08:00Z); batch B (others) later;
// MCO orals on 3 July, 4 July for Paris (01), Créteil (24) and Versailles (25).
const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
const EARLY = new Date('2024-06-01T08:00:00.000Z');
const AFTER_A = new Date('2024-06-28T09:00:00.000Z');
const REASON = 'Report décidé par le recteur.';

function amend(change: CalendarChange, at: Date): Amendment {
  const amended = amendCalendar(calendar2024, change, REASON, at);
  if (!amended.ok) throw new Error(JSON.stringify(amended));
  return amended;
}

const candidate = (
  specialtyCode: string,
  originAcademyCode: string,
  computedOutcome: FirstGroupOutcome | null,
  juryOutcome: FirstGroupOutcome | null = null,
): AmendmentCandidate => ({ specialtyCode, originAcademyCode, computedOutcome, juryOutcome });

const MCO_GENERIC_DAY: CalendarChange = {
  kind: 'ORAL_DAY',
  specialtyCode: 'MCO',
  originAcademyCode: null,
  to: '2024-07-05',
};
const MCO_PARIS_DAY: CalendarChange = { ...MCO_GENERIC_DAY, originAcademyCode: '01' };
const A_CLOSES_LATER: CalendarChange = {
  kind: 'CHOICE_WINDOW_CLOSES',
  batchId: 'A',
  to: new Date('2024-07-01T10:00:00.000Z'),
};
// Earlier: later would put them after the window's opening, which must move first.
const A_RESULTS_EARLIER: CalendarChange = {
  kind: 'FIRST_GROUP_RESULTS',
  batchId: 'A',
  to: new Date('2024-06-28T07:00:00.000Z'),
};
const SECOND_GROUP_LATER: CalendarChange = {
  kind: 'SECOND_GROUP_RESULTS',
  to: new Date('2024-07-10T16:00:00.000Z'),
};

describe('concernedByAmendment', () => {
  it.each<[string, CalendarChange, Date, AmendmentCandidate, boolean]>([
    // Whose calendar it changes.
    [
      'the batch’s results, a candidate of the batch',
      A_RESULTS_EARLIER,
      EARLY,
      candidate('NDRC', '19', null),
      true,
    ],
    [
      'the batch’s results, another batch',
      A_RESULTS_EARLIER,
      EARLY,
      candidate('SIO', '19', null),
      false,
    ],
    [
      'the generic oral day, an académie without a rule',
      MCO_GENERIC_DAY,
      EARLY,
      candidate('MCO', '19', null),
      true,
    ],
    [
      'the generic oral day, an académie with its own rule',
      MCO_GENERIC_DAY,
      EARLY,
      candidate('MCO', '01', null),
      false,
    ],
    [
      'the generic oral day, another specialty',
      MCO_GENERIC_DAY,
      EARLY,
      candidate('NDRC', '19', null),
      false,
    ],
    [
      'an académie’s oral day, that académie',
      MCO_PARIS_DAY,
      EARLY,
      candidate('MCO', '01', null),
      true,
    ],
    [
      'an académie’s oral day, another académie',
      MCO_PARIS_DAY,
      EARLY,
      candidate('MCO', '24', null),
      false,
    ],
    [
      'the second-group results, any specialty',
      SECOND_GROUP_LATER,
      EARLY,
      candidate('SIO', '19', null),
      true,
    ],
    // Before the first-group results, everyone: telling fewer would reveal outcomes.
    [
      'the window, before the results, an admitted candidate',
      A_CLOSES_LATER,
      EARLY,
      candidate('MCO', '19', 'ADMITTED'),
      true,
    ],
    [
      'the window, 1 ms before the results',
      A_CLOSES_LATER,
      new Date(A_PUBLISHED.getTime() - 1),
      candidate('MCO', '19', 'FAILED'),
      true,
    ],
    // From the results on, only candidates allowed to the control, after the jury.
    [
      'the window, at the results, an admitted candidate',
      A_CLOSES_LATER,
      A_PUBLISHED,
      candidate('MCO', '19', 'ADMITTED'),
      false,
    ],
    [
      'the window, after the results, a candidate allowed',
      A_CLOSES_LATER,
      AFTER_A,
      candidate('MCO', '19', 'CONTROL_ALLOWED'),
      true,
    ],
    [
      'the window, after the results, allowed by the jury',
      A_CLOSES_LATER,
      AFTER_A,
      candidate('MCO', '19', 'FAILED', 'CONTROL_ALLOWED'),
      true,
    ],
    [
      'the window, after the results, admitted by the jury',
      A_CLOSES_LATER,
      AFTER_A,
      candidate('MCO', '19', 'CONTROL_ALLOWED', 'ADMITTED'),
      false,
    ],
    [
      'the window, after the results, no outcome yet',
      A_CLOSES_LATER,
      AFTER_A,
      candidate('MCO', '19', null),
      false,
    ],
    [
      'the second group, after batch A’s results, a failed candidate of A',
      SECOND_GROUP_LATER,
      AFTER_A,
      candidate('MCO', '19', 'FAILED'),
      false,
    ],
    [
      'the second group, after batch A’s results, a candidate of B',
      SECOND_GROUP_LATER,
      AFTER_A,
      candidate('SIO', '19', 'FAILED'),
      true,
    ],
  ])('%s → %s', (_label, change, at, who, expected) => {
    expect(concernedByAmendment(amend(change, at), calendar2024, who, at)).toBe(expected);
  });
});
