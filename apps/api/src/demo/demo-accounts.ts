import type { Role } from '../db/schema.ts';

export interface DemoAccount {
  readonly identifier: string;
  readonly role: Role;
  readonly password: string;
  /** What the account shows, in French, for the demo's home page and README. */
  readonly description: string;
}

export interface DemoAccounts {
  readonly accounts: readonly DemoAccount[];
}

/** Published on purpose: a demo database holds nothing but fictitious data. */
export const DEMO_PASSWORD = 'demo-rattrapage-2024';

export const DEMO_IDENTIFIERS = {
  candidate: 'candidat.demo',
  individual: 'individuel.demo',
  school: 'etablissement.demo',
  academy: 'academie.demo',
  pilot: 'pilote.demo',
} as const;

/** The partner académie of the demo (Nancy-Metz), which has demo candidates of its own. */
export const DEMO_PARTNER_ACADEMY_CODE = '12';

export const DEMO_ACCOUNTS: DemoAccounts = Object.freeze({
  accounts: Object.freeze([
    {
      identifier: DEMO_IDENTIFIERS.candidate,
      role: 'CANDIDATE',
      password: DEMO_PASSWORD,
      description:
        'Candidat scolarisé en BTS MCO dans un lycée de l’académie de Reims, admis à se présenter aux épreuves de contrôle.',
    },
    {
      identifier: DEMO_IDENTIFIERS.individual,
      role: 'CANDIDATE',
      password: DEMO_PASSWORD,
      description:
        'Candidat individuel en BTS NDRC, rattaché à l’établissement de démonstration, admis à se présenter aux épreuves de contrôle : lui seul peut saisir ses choix, depuis son espace candidat.',
    },
    {
      identifier: DEMO_IDENTIFIERS.school,
      role: 'SCHOOL',
      password: DEMO_PASSWORD,
      description:
        'Établissement de formation de candidat.demo (académie de Reims) : voit ses candidats et peut saisir leurs choix, sauf pour les candidats individuels.',
    },
    {
      identifier: DEMO_IDENTIFIERS.academy,
      role: 'ACADEMY',
      password: DEMO_PASSWORD,
      description:
        'Académie partenaire de Nancy-Metz : voit les candidats dont elle est l’académie d’origine et saisit leurs notes de contrôle.',
    },
    {
      identifier: DEMO_IDENTIFIERS.pilot,
      role: 'PILOT',
      password: DEMO_PASSWORD,
      description:
        'Académie pilote de Reims : voit tous les candidats des spécialités qu’elle pilote, y compris avant publication.',
    },
  ] satisfies DemoAccount[]),
});
