import { describe, expect, it } from 'vitest';
import * as wording from './index.ts';
import {
  FIRST_GROUP_OUTCOME_LABELS,
  MARK_STATUS_LABELS,
  choiceChannelText,
  markCellText,
  unplacedReasonText,
} from './labels.ts';

/** Every string of the wording table, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe('the wording table', () => {
  const texts = [
    ...strings(wording),
    ...(['MARK', 'KEPT', 'EXEMPT', 'ABSENT_JUSTIFIED', 'ABSENT'] as const).map((s) =>
      markCellText(s, '12,50'),
    ),
    ...(['NO_EXAMINER', 'NO_ROOM', 'NO_ACCESSIBLE_ROOM', 'DAY_FULL'] as const).map((r) =>
      unplacedReasonText(r, 'E1'),
    ),
  ];

  it('has texts, and not one straight apostrophe in them (French typography: ’)', () => {
    expect(texts.length).toBeGreaterThan(30);
    expect(texts.filter((t) => t.includes("'"))).toEqual([]);
    expect(texts.some((t) => t.includes('’'))).toBe(true);
  });

  it('says « admis à se présenter aux épreuves de contrôle », one way', () => {
    expect(FIRST_GROUP_OUTCOME_LABELS.CONTROL_ALLOWED).toBe(
      'Admis à se présenter aux épreuves de contrôle',
    );
  });

  it.each([
    ['MARK', '12,50', '12,50'],
    ['MARK', null, '—'],
    ['KEPT', '14,00', '14,00 — note conservée (bénéfice)'],
    ['EXEMPT', null, 'Dispensé'],
    ['ABSENT_JUSTIFIED', '0,00', 'Absent justifié (compte pour 0)'],
    ['ABSENT', null, 'Absent'],
  ] as const)('a %s cell with %s reads « %s »', (status, display, text) => {
    expect(markCellText(status, display)).toBe(text);
    if (status !== 'MARK' && status !== 'KEPT') expect(text).toBe(MARK_STATUS_LABELS[status]);
  });
});

describe('choiceChannelText', () => {
  it.each([
    ['CANDIDATE_SPACE', false, 'Espace candidat'],
    ['SCHOOL', false, 'Établissement de formation'],
    ['CANDIDATE_SPACE', true, 'Service des examens, à la demande du candidat (hors délai)'],
    ['SCHOOL', true, 'Service des examens, à la demande de l’établissement (hors délai)'],
  ] as const)('%s, late %s → %s', (channel, late, text) => {
    expect(choiceChannelText(channel, late)).toBe(text);
  });
});
