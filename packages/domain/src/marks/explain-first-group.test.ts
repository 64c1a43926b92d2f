import { describe, expect, it } from 'vitest';
import { explainFirstGroup } from './explain-first-group.ts';

describe('explainFirstGroup', () => {
  it('explains an admission to the control with both averages, as the candidate reads it', () => {
    expect(
      explainFirstGroup({
        reason: 'CONTROL_THRESHOLDS_MET',
        overall: '9,12',
        professional: '11,40',
        unjustifiedAbsences: [],
      }),
    ).toBe(
      'Votre moyenne générale est de 9,12 et votre moyenne du domaine professionnel de 11,40 : vous êtes admis à vous présenter aux épreuves de contrôle.',
    );
  });

  it.each([
    ['OVERALL_AT_LEAST_10', 'au moins égale à 10 : vous êtes admis.'],
    ['OVERALL_BELOW_8', 'inférieure à 8 : vous êtes ajourné.'],
    ['PROFESSIONAL_BELOW_10', 'est de 9,50, inférieure à 10 : vous êtes ajourné.'],
    ['NO_PROFESSIONAL_AVERAGE', 'aucune épreuve du domaine professionnel n’a été prise en compte'],
    ['UNJUSTIFIED_ABSENCE', 'absent sans justification (E3, E5)'],
  ] as const)('explains %s', (reason, fragment) => {
    const text = explainFirstGroup({
      reason,
      overall: '8,40',
      professional: '9,50',
      unjustifiedAbsences: ['E3', 'E5'],
    });
    expect(text).toContain(fragment);
  });

  it.each([
    [
      'OVERALL_BELOW_8',
      'CONTROL_ALLOWED',
      '7,10',
      'Le jury a délibéré : vous êtes admis à vous présenter aux épreuves de contrôle. Votre moyenne générale est de 7,10.',
    ],
    [
      'CONTROL_THRESHOLDS_MET',
      'ADMITTED',
      '9,12',
      'Le jury a délibéré : vous êtes admis. Votre moyenne générale est de 9,12.',
    ],
    [
      null,
      'CONTROL_ALLOWED',
      null,
      'Le jury a délibéré : vous êtes admis à vous présenter aux épreuves de contrôle. Votre moyenne n’est pas calculable : une note manque.',
    ],
  ] as const)('explains the jury’s decision over %s: %s', (reason, outcome, overall, text) => {
    expect(
      explainFirstGroup({ reason, outcome, overall, professional: null, unjustifiedAbsences: [] }),
    ).toBe(text);
  });

  it('explains by the rule when the jury confirmed the computed outcome', () => {
    expect(
      explainFirstGroup({
        reason: 'OVERALL_AT_LEAST_10',
        outcome: 'ADMITTED',
        overall: '12,00',
        professional: '12,00',
        unjustifiedAbsences: [],
      }),
    ).toContain('au moins égale à 10');
  });
});
