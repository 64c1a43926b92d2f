import { expect, expectAccessible, logIn, screenshots, setClock, test } from './support.ts';

// The demo holds the previous session, 2023 (fictitious, over), beside 2024:
// pages show the current session and can be asked for another year, and the
// years never mix.

test('the public page shows the current session and, asked, the previous one with its own rules', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T08:00:00.000Z');
  await page.goto('/');
  const sessions = page.getByRole('navigation', { name: 'Sessions' });
  await expect(sessions.getByRole('link', { name: 'Session 2024' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('heading', { name: 'Calendrier de la session 2024' })).toBeVisible();

  await sessions.getByRole('link', { name: 'Session 2023' }).click();
  await expect(page).toHaveURL(/\/\?annee=2023$/);
  await expect(page.getByRole('heading', { name: 'Calendrier de la session 2023' })).toBeVisible();
  await expect(sessions.getByRole('link', { name: 'Session 2023' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByText('Règles de la session 2023 (fictive) :')).toBeVisible();
  const mco = page.getByRole('row', { name: /Management commercial opérationnel/ });
  await expect(mco).toContainText('du mercredi 28 juin 2023 à 10 h 00');
  await expect(mco).toContainText('Saisie close');
  await expect(page.locator('section[aria-labelledby="calendrier"]')).not.toContainText('2024');
  await expectAccessible(page);
  await screenshots(page, 'accueil-2023');

  // Its calendar to subscribe to is 2023's, not the current session's.
  const link = page.getByRole('link', { name: /S’abonner au calendrier de la session/ });
  await expect(link).toHaveAttribute('href', '/calendrier.ics?annee=2023');
  const feed = await page.request.get('/calendrier.ics?annee=2023');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-disposition']).toContain('epreuves-de-controle-bts-2023.ics');
  const calendar = (await feed.text()).replace(/\r\n /g, '');
  expect(calendar).toContain('X-WR-CALNAME:Épreuves de contrôle du BTS — session 2023');
  expect(calendar).toMatch(/DTSTART:20230628T080000Z/);
  expect(calendar).not.toMatch(/DTSTART[^\r\n]*:2024/);
  for (const asked of ['2031', 'abcd']) {
    expect((await page.request.get(`/calendrier.ics?annee=${asked}`)).status()).toBe(404);
  }

  // Back to the current session, by its link.
  await sessions.getByRole('link', { name: 'Session 2024' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Calendrier de la session 2024' })).toBeVisible();
});

test('a year that is not defined is a French 404 that repeats nothing', async ({ page }) => {
  for (const asked of ['2031', '%3Cb%3Eboo%3C%2Fb%3E']) {
    const response = await page.goto(`/?annee=${asked}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page.getByText('Cette session n’existe pas.')).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/2031|boo/);
  }
});

test('a school reads each year’s candidates apart, and the year stays through filters and export', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T09:00:00.000Z');
  await logIn(page, 'etablissement.demo');
  await page.goto('/etablissement');
  const numbers = page.getByRole('table').getByRole('row').locator('td[data-label="Numéro"]');
  await expect(numbers.first()).toBeVisible();
  expect((await numbers.allTextContents()).every((n) => n.startsWith('024'))).toBe(true);

  await page
    .getByRole('navigation', { name: 'Sessions' })
    .getByRole('link', { name: 'Session 2023' })
    .click();
  await expect(page).toHaveURL(/\/etablissement\?annee=2023$/);
  await expect(page.getByText('Vos candidats de la session 2023')).toBeVisible();
  await expect(numbers.first()).toBeVisible();
  const of2023 = await numbers.allTextContents();
  expect(of2023.length).toBeGreaterThan(0);
  expect(of2023.every((n) => n.startsWith('023'))).toBe(true);
  await expectAccessible(page);
  await screenshots(page, 'etablissement-2023');

  // A filter keeps the year: the outcome of the first 2023 candidate, so that some remain.
  const outcome = await page
    .getByRole('table')
    .locator('td[data-label="Résultat du premier groupe"]')
    .first()
    .textContent();
  await page
    .getByLabel('Résultat du premier groupe')
    .selectOption({ label: outcome?.trim() ?? '' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/annee=2023/);
  await expect(page).toHaveURL(/resultat=/);
  await expect(numbers.first()).toBeVisible();
  expect((await numbers.allTextContents()).every((n) => n.startsWith('023'))).toBe(true);
  // Clearing the filters stays in 2023.
  await page.getByRole('link', { name: 'Effacer les filtres' }).click();
  await expect(page).toHaveURL(/\/etablissement\?annee=2023$/);
  await expect(numbers).toHaveCount(of2023.length);

  // So does the export: 2023's candidates only, in a file named after 2023.
  const href = await page
    .getByRole('link', { name: 'Exporter la liste (CSV)' })
    .getAttribute('href');
  expect(href).toContain('annee=2023');
  const csv = await page.request.get(href ?? '');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-disposition']).toContain('candidats-2023-');
  const rows = (await csv.text())
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '');
  expect(rows.every((line) => line.startsWith('023'))).toBe(true);
});
