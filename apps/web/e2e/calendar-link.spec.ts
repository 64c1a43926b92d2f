import {
  expect,
  expectAccessible,
  expectWithinScreen,
  logIn,
  screenshots,
  setClock,
  test,
} from './support.ts';

test('a candidate subscribes their calendar by a secret link, and revokes it', async ({ page }) => {
  await setClock(page, '2024-06-20T08:00:00.000Z');
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  const identity = (await page.getByText(/— candidat n°/).textContent()) ?? '';
  const name = identity.split('—')[0]?.trim() ?? '';
  expect(name.length).toBeGreaterThan(3);
  const section = page.getByRole('region', { name: 'Mon calendrier' });
  await section.getByRole('button', { name: 'Créer un lien d’abonnement' }).click();

  // The secret is shown once, on the page the form answers with.
  const field = page.getByLabel('Adresse du calendrier');
  await expect(field).toBeVisible();
  const address = await field.inputValue();
  expect(address).toMatch(/^http:\/\/[^/]+\/calendrier\/cal_[A-Za-z0-9_-]{43}\.ics$/);
  await expectWithinScreen(page, field);
  await expectAccessible(page);
  await screenshots(page, 'calendrier-lien');

  const feed = await page.request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(feed.headers()['cache-control']).toBe('private, no-store');
  expect(feed.headers()['x-robots-tag']).toBe('noindex, nofollow');
  const ics = (await feed.text()).replace(/\r\n /g, '');
  expect(ics).toContain('SUMMARY:Résultats du premier groupe — BTS MCO');
  expect(ics).toContain('SUMMARY:Oraux de contrôle — BTS MCO');
  // Nothing that names the candidate or tells their outcome.
  expect(ics).not.toContain(name);
  expect(ics).not.toMatch(/Admis à se présenter|ajourné|moyenne/i);

  // Back on the page: the link is in force, its secret is not shown again.
  await page.goto('/candidat');
  await expect(page.getByTestId('calendar-link-active')).toContainText('Un lien est actif depuis');
  await expect(page.getByLabel('Adresse du calendrier')).toHaveCount(0);
  await section.getByRole('button', { name: 'Désactiver le lien' }).click();
  await expect(page.getByTestId('calendar-link-message')).toHaveText(
    'Le lien est désactivé : il n’ouvre plus rien.',
  );
  expect((await page.request.get(address)).status()).toBe(404);
  await expect(section.getByRole('button', { name: 'Désactiver le lien' })).toHaveCount(0);
});

test('a secret that opens nothing gets the same 404, whatever it is', async ({ page }) => {
  const answers = new Set<string>();
  for (const secret of [`cal_${'A'.repeat(43)}`, 'pas-un-secret', 'x'.repeat(2000)]) {
    const r = await page.request.get(`/calendrier/${secret}.ics`);
    expect(r.status(), secret).toBe(404);
    const body = await r.text();
    expect(body, secret).toContain('Page introuvable.');
    answers.add(`${r.headers()['content-type']}\n${body}`);
  }
  expect(answers.size).toBe(1);
});
