import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ChoiceForm from './ChoiceForm.svelte';

const tests = [
  { code: 'E1', name: 'Culture générale et expression' },
  { code: 'E2', name: 'Langue vivante' },
  { code: 'E3', name: 'CEJM' },
];

describe('ChoiceForm', () => {
  it('renders one labelled checkbox per eligible test, the recorded choice ticked, and the deadline in Paris time', () => {
    const { body } = render(ChoiceForm, {
      props: { tests, chosen: ['E1', 'E3'], closesAt: '2024-07-01T08:00:00.000Z' },
    });
    for (const t of tests) {
      expect(body).toContain(`for="test-${t.code}"`);
      expect(body).toContain(`${t.code} — ${t.name}`);
    }
    expect(body.match(/checked/g)?.length).toBe(2);
    expect(body).toMatch(/<input[^>]*value="E2"(?![^>]*checked)[^>]*>/);
    expect(body).toContain('lundi 1er juillet 2024 à 10 h 00');
    expect(body).toContain('action="?/choisir"');
  });

  it('posts to the given action with the given button label', () => {
    const { body } = render(ChoiceForm, {
      props: {
        tests,
        closesAt: '2024-07-01T08:00:00.000Z',
        action: '?/autre',
        submitLabel: 'Enregistrer le choix',
      },
    });
    expect(body).toContain('action="?/autre"');
    expect(body).toContain('Enregistrer le choix');
    expect(body).not.toContain('checked');
  });

  it('shows a refusal at the field: the fieldset in error, described by the message', () => {
    const { body } = render(ChoiceForm, {
      props: {
        tests,
        closesAt: '2024-07-01T08:00:00.000Z',
        error: 'Il faut choisir exactement deux épreuves.',
      },
    });
    expect(body).toMatch(/<fieldset[^>]*class="fr-fieldset fr-fieldset--error"/);
    expect(body).toMatch(/<fieldset[^>]*aria-describedby="choice-hint choice-error"/);
    expect(body).toMatch(
      /<p class="fr-message fr-message--error" id="choice-error">Il faut choisir exactement deux épreuves\.<\/p>/,
    );
  });

  it('has no error message when nothing was refused', () => {
    const { body } = render(ChoiceForm, {
      props: { tests, closesAt: '2024-07-01T08:00:00.000Z' },
    });
    expect(body).not.toContain('fr-fieldset--error');
    expect(body).toMatch(/<fieldset[^>]*aria-describedby="choice-hint"/);
    expect(body).not.toContain('choice-error');
  });
});
