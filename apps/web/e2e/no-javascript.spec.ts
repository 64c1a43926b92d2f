import { expect, expectChoiceRefusedAtField, logIn, setClock, test } from './support.ts';

// Every core flow works as plain HTML forms: no script needed.
test.use({ javaScriptEnabled: false });

test('without JavaScript, an individual candidate logs in, chooses two tests and logs out', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T09:00:00.000Z');
  await logIn(page, 'individuel.demo');
  await page.goto('/candidat');
  // One test only: refused at the field, by the server alone. (The boxes start
  // from the recorded choice, if an earlier test left one: set both.)
  await page.locator('#test-E1').check({ force: true });
  await page.locator('#test-E3').uncheck({ force: true });
  await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
  await expectChoiceRefusedAtField(page, 'Il faut choisir exactement deux épreuves.');
  await page.locator('#test-E1').check({ force: true });
  await page.locator('#test-E3').check({ force: true });
  await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
  await expect(page.getByRole('status')).toContainText('Votre choix est enregistré.');
  await expect(page.getByText(/par vous-même/)).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
});
