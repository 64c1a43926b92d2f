import { NATIONAL_RULES, type RuleSet } from './rule-set.ts';

/**
 * The rules of the 2024 session: the national thresholds and durations, under
 * the texts then in force. Art. D643-15 then read « trois épreuves
 * facultatives » (décret n° 2022-850); décret n° 2024-788 brought it to two.
 */
export const RULES_2024: RuleSet = {
  ...NATIONAL_RULES,
  name: 'Règles de la session 2024',
  texts: [
    'Code de l’éducation, art. D643-15 (rédaction issue du décret n° 2022-850 du 3 juin 2022) et D643-22 à D643-24',
    'Arrêté du 3 juin 2022 (épreuves de contrôle du brevet de technicien supérieur)',
    'Académie de Reims : informations sur les épreuves de contrôle du BTS, session 2024',
  ],
  maxOptionalTests: 3,
};
