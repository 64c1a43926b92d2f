import { expect, expectAccessible, logIn, test } from './support.ts';

test('a forgotten password gets the same answer whether or not the account exists', async ({
  page,
}) => {
  for (const identifier of ['candidat.demo', 'personne.inconnue']) {
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    // The log-in page has an « Identifiant » field too: wait for the new page.
    await expect(page).toHaveURL(/\/mot-de-passe\/oubli$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié');
    await page.getByLabel('Identifiant').fill(identifier);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(page.getByRole('status')).toContainText(
      'Si un compte correspond à cet identifiant',
    );
  }
  await expectAccessible(page);
});

test('changing a password checks the current one and the policy, in French', async ({ page }) => {
  await logIn(page, 'pilote.demo');
  await page.goto('/mot-de-passe');
  await page.getByLabel('Mot de passe actuel').fill('pas-le-bon');
  await page
    .getByLabel('Nouveau mot de passe', { exact: false })
    .first()
    .fill('Un-Nouveau-Mot-2024!');
  await page.getByLabel('Confirmez le nouveau mot de passe').fill('Un-Nouveau-Mot-2024!');
  await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Mot de passe actuel').fill('demo-rattrapage-2024');
  await page.getByLabel('Nouveau mot de passe', { exact: false }).first().fill('court');
  await page.getByLabel('Confirmez le nouveau mot de passe').fill('court');
  await page.getByRole('button', { name: 'Changer de mot de passe' }).click();
  await expect(page.getByRole('alert')).toContainText(/caractères/);
  await expectAccessible(page);
  await page.goto('/mot-de-passe/reinitialiser?jeton=inconnu');
  await expectAccessible(page);
});
