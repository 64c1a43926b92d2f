import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { SchoolCandidateRow } from '#lib/school-candidate-row.ts';
import SchoolCandidateTable from './SchoolCandidateTable.svelte';

const row = (over: Partial<SchoolCandidateRow>): SchoolCandidateRow => ({
  id: 'c1',
  href: '/etablissement/candidats/c1',
  number: '0001',
  name: 'MARTIN Léa',
  specialty: 'MCO',
  specialtyName: 'Management commercial opérationnel',
  individual: false,
  outcome: 'Admis à l’oral de contrôle',
  choice: 'Pas de choix',
  hasChoice: false,
  action: 'Saisir le choix',
  ...over,
});

/** The text of the choice column (the last cell) of the only row. */
function choiceCell(r: SchoolCandidateRow): string {
  const { body } = render(SchoolCandidateTable, { props: { rows: [r], caption: 'Candidats' } });
  const cells = [...body.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1] ?? '');
  return (cells.at(-1) ?? '').replace(/<!--.*?-->/g, '').replace(/\s+/g, ' ');
}

describe('SchoolCandidateTable, choice column', () => {
  it.each([
    ['a failed individual candidate', { individual: true, outcome: 'Ajourné', choice: null }],
    ['an admitted individual candidate', { individual: true, outcome: 'Admis', choice: null }],
    ['a failed candidate of the school', { outcome: 'Ajourné', choice: null, action: null }],
  ])('says « Sans objet » for %s (no control to choose for)', (_, over) => {
    const cell = choiceCell(row(over));
    expect(cell).toContain('Sans objet');
    expect(cell).not.toContain('Choix réservé');
  });

  it('reserves the choice of an individual candidate allowed to the control to the candidate space', () => {
    const cell = choiceCell(row({ individual: true, action: null }));
    expect(cell).toContain('Choix réservé à l’espace candidat');
    expect(cell).not.toContain('Sans objet');
  });

  it('offers the school the entry of its own candidate’s choice', () => {
    const cell = choiceCell(row({}));
    expect(cell).toContain('Saisir le choix');
  });
});
