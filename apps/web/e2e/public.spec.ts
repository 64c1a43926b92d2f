import {
  expect,
  expectAccessible,
  fillLogIn,
  logIn,
  logOut,
  onPhone,
  openMenuOnPhone,
  screenshots,
  setClock,
  test,
} from './support.ts';

test('the public page explains the rules and shows the calendar with each window’s state', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T08:00:00.000Z');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Épreuves de contrôle du BTS');
  await expect(page.getByText('Démonstration : toutes les données sont fictives.')).toBeVisible();
  // The rules stated are the session's own, with the texts they follow.
  await expect(page.getByText(/au moins égale à\s+8\/20 et inférieure à 10\/20/)).toBeVisible();
  await expect(page.getByText('Règles de la session 2024 :')).toBeVisible();
  const texts = page.getByRole('list', { name: 'Textes appliqués' }).getByRole('listitem');
  await expect(texts).toHaveCount(3);
  await expect(texts.first()).toContainText('décret n° 2022-850');
  await expect(page.getByTestId('demo-clock')).toHaveText('vendredi 28 juin 2024 à 10 h 00');
  const mco = page.getByRole('row', { name: /Management commercial opérationnel/ });
  await expect(mco).toContainText('Saisie ouverte');
  await expect(mco).toContainText('du vendredi 28 juin 2024 à 10 h 00');
  await expect(
    page.getByRole('row', { name: /Services informatiques aux organisations/ }),
  ).toContainText('Saisie à venir');
  await expectAccessible(page);
  await screenshots(page, 'accueil');

  // The same calendar to subscribe to, without logging in.
  const link = page.getByRole('link', { name: /S’abonner au calendrier de la session/ });
  await expect(link).toHaveAttribute('href', '/calendrier.ics');
  const feed = await page.request.get('/calendrier.ics');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(feed.headers()['cache-control']).toBe('public, max-age=300');
  const calendar = (await feed.text()).replace(/\r\n /g, '');
  expect(calendar).toContain('X-WR-CALNAME:Épreuves de contrôle du BTS — session 2024');
  expect(calendar).toMatch(
    /DTSTART:20240628T080000Z\r\nDTEND:20240701T080000Z\r\nSUMMARY:Choix des épreuves de contrôle — BTS [^\r\n]*MCO/,
  );
  expect(calendar).toMatch(
    /DTSTART;VALUE=DATE:20240703\r\nDTEND;VALUE=DATE:20240704\r\nSUMMARY:Oraux de contrôle — BTS MCO/,
  );
  expect(calendar).toContain('SUMMARY:Résultats des épreuves de contrôle (second groupe)');
});

test('log-in refuses a wrong password without saying whether the identifier exists', async ({
  page,
}) => {
  await page.goto('/connexion');
  await expectAccessible(page);
  for (const identifier of ['candidat.demo', 'personne.inconnue']) {
    await page.getByLabel('Identifiant').fill(identifier);
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    // The answer to this attempt, not the message left by the one before.
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/connexion',
    );
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await answer;
    await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
    await expect(page.getByLabel('Identifiant')).toHaveValue(identifier);
  }
});

test('the header logs in and out at every width, through its « Menu » on a phone', async ({
  page,
}) => {
  await page.goto('/');
  await openMenuOnPhone(page);
  await page.locator('.fr-header').getByRole('link', { name: 'Se connecter' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await fillLogIn(page, 'pilote.demo');
  await openMenuOnPhone(page);
  await expect(page.locator('[data-testid^="who"]').filter({ visible: true })).toHaveText(
    'Académie pilote : pilote.demo',
  );
  await expectAccessible(page);
  if (onPhone(page)) {
    // Whatever takes the page elsewhere closes the menu, not only a tap on
    // one of its links: here a footer link followed under the open menu.
    await page.locator('footer a[href="/accessibilite"]').evaluate((link: HTMLElement) => {
      link.click();
    });
    await expect(page).toHaveURL(/\/accessibilite$/);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await openMenuOnPhone(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  await logOut(page);
  await expectAccessible(page);
});

test('log-out ends the session', async ({ page }) => {
  await logIn(page, 'pilote.demo');
  await logOut(page);
  await page.goto('/candidat');
  await expect(page).toHaveURL(/\/connexion/);
});

test('the log-out and demo-clock pages are accessible too', async ({ page }) => {
  for (const path of ['/deconnexion', '/demo/horloge']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});

test('error pages are in French', async ({ page }) => {
  const response = await page.goto('/page-inexistante');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await expectAccessible(page);
});
