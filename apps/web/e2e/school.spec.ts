import {
  expect,
  expectAccessible,
  logIn,
  screenshots,
  setClock,
  setTicked,
  test,
} from './support.ts';

test('a school lists its candidates, filters them and exports the list', async ({ page }) => {
  await setClock(page, '2024-06-28T09:00:00.000Z');
  await logIn(page, 'etablissement.demo');
  await page.goto('/etablissement');
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'etablissement-liste');
  const individual = page.getByRole('row').filter({ hasText: 'Choix réservé à l’espace candidat' });
  await expect(individual.first()).toBeVisible();

  const csv = await page.request.get('/etablissement/export.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString('utf8')).toContain('Numéro;Nom;Prénom;Spécialité');
});

test('a school enters a choice for its candidate, but not for an individual candidate', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T09:00:00.000Z');
  await logIn(page, 'etablissement.demo');
  await page.goto('/etablissement');
  // A candidate with no choice yet (candidat.demo's orals were marked by an earlier test).
  await page.getByRole('link', { name: 'Saisir le choix' }).first().click();
  await setTicked(page, 'E1', true);
  await setTicked(page, 'E2', true);
  await page.getByRole('button', { name: 'Enregistrer le choix' }).click();
  await expect(page.getByRole('status')).toContainText('enregistré');
  await expectAccessible(page);
  // Changed a minute later: the page keeps both entries, oldest first.
  await setClock(page, '2024-06-28T09:01:00.000Z');
  await page.reload();
  await setTicked(page, 'E2', false);
  await setTicked(page, 'E3', true);
  await page.getByRole('button', { name: 'Enregistrer le choix' }).click();
  await expect(page.getByRole('status')).toContainText('enregistré');
  await page.reload();
  const history = page.getByTestId('choice-history').getByRole('row');
  await expect(history).toHaveCount(3);
  await expect(history.nth(1)).toContainText('vendredi 28 juin 2024 à 11 h 00');
  await expect(history.nth(1)).toContainText(/E1 — .* et E2 — /);
  await expect(history.nth(2)).toContainText('vendredi 28 juin 2024 à 11 h 01');
  await expect(history.nth(2)).toContainText(/E1 — .* et E3 — /);
  await expect(history.nth(2)).toContainText('L’établissement de formation');
  await expectAccessible(page);
  await screenshots(page, 'etablissement-historique');

  await page.goto('/etablissement');
  const row = page
    .getByRole('row')
    .filter({ hasText: 'Choix réservé à l’espace candidat' })
    .first();
  await row.getByRole('link').first().click();
  await expect(
    page
      .getByText(
        /Choix réservé à l’espace candidat : ce candidat individuel saisit lui-même ses choix/,
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer le choix' })).toHaveCount(0);
  // Forcing the form is refused by the API, with the reason.
  const response = await page.request.post(`${page.url()}?/choisir`, {
    form: { test: ['E1', 'E3'] as unknown as string },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(await response.text()).toContain('exclusivement sur son espace candidat');
});
