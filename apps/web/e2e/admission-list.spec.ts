import {
  admittedCandidate,
  expect,
  expectAccessible,
  logIn,
  logOut,
  screenshots,
  setClock,
  test,
} from './support.ts';

// MCO publishes its first group on 28 June 2024 at 10:00 Paris (08:00Z) and
// the second group on 10 July at 16:30 (14:30Z).
// The demo clock runs on from where it is set: an hour before, not a millisecond
// (the API's tests take the instant to the millisecond).
const BEFORE_FIRST_GROUP = '2024-06-28T07:00:00.000Z';
const AFTER_SECOND_GROUP = '2024-07-10T14:30:00.000Z';

test('an admitted candidate is on the public list only once they agree, and off it when they withdraw', async ({
  page,
}) => {
  await setClock(page, AFTER_SECOND_GROUP);
  const { firstName, lastName } = await admittedCandidate(page);
  const row = () => page.getByRole('row', { name: `${lastName} ${firstName}` });

  // Not listed by default.
  await page.goto('/admis');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Listes des admis');
  await page.getByRole('link', { name: /BTS Management commercial opérationnel \(MCO\)/ }).click();
  await expect(page).toHaveURL(/\/admis\/MCO$/);
  await expect(page.getByTestId('admission-list-stage')).toContainText('Liste complète');
  await expect(row()).toHaveCount(0);

  // The candidate agrees, in their space.
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  const section = page.getByRole('region', { name: 'Liste publique des admis' });
  await expect(section.getByTestId('admission-list-state')).toContainText('Vous n’y figurez pas');
  await section.getByRole('button', { name: 'Accepter de figurer sur la liste des admis' }).click();
  await expect(page.getByTestId('admission-list-message')).toContainText('C’est noté');
  await expect(page.getByTestId('admission-list-state')).toContainText('Vous avez accepté');
  await expectAccessible(page);
  await screenshots(page, 'candidat-liste-des-admis');
  await logOut(page);

  // Now on the public list, with names only, and in its CSV; no search engine keeps it.
  const response = await page.goto('/admis/MCO');
  expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow, noarchive');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute(
    'content',
    'noindex, nofollow, noarchive',
  );
  await expect(row()).toHaveCount(1);
  // Names only: no number, no mark.
  await expect(page.getByRole('table').locator('tbody')).not.toContainText(/\d/);
  await expectAccessible(page);
  await screenshots(page, 'liste-des-admis');
  const csv = await page.request.get('/admis/MCO.csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers()['content-disposition']).toContain('admis-bts-MCO-2024.csv');
  expect(csv.headers()['x-robots-tag']).toBe('noindex, nofollow, noarchive');
  expect(csv.headers()['cache-control']).toBe('no-store');
  const text = (await csv.body()).toString('utf8');
  expect(text.startsWith('\uFEFFNom;Prénom\r\n')).toBe(true);
  expect(text).toContain(`${lastName};${firstName}\r\n`);
  expect(text).not.toMatch(/\d/);

  // Withdrawn: off the list at once.
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  await page
    .getByRole('region', { name: 'Liste publique des admis' })
    .getByRole('button', { name: 'Retirer mon accord' })
    .click();
  await expect(page.getByTestId('admission-list-message')).toContainText('ne figure pas');
  await expect(page.getByTestId('admission-list-state')).toContainText('Vous n’y figurez pas');
  await page.goto('/admis/MCO');
  await expect(row()).toHaveCount(0);
  expect((await (await page.request.get('/admis/MCO.csv')).body()).toString('utf8')).not.toContain(
    lastName,
  );
  await logOut(page);
});

test('before the results instant the list says when it will be published, and names no one', async ({
  page,
}) => {
  await setClock(page, BEFORE_FIRST_GROUP);
  await page.goto('/admis/MCO');
  await expect(page.getByTestId('admission-list-pending')).toContainText(
    'La liste sera publiée le vendredi 28 juin 2024 à 10 h 00',
  );
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, 'liste-des-admis-a-venir');
  const csv = (await (await page.request.get('/admis/MCO.csv')).body()).toString('utf8');
  expect(csv).toBe('\uFEFFNom;Prénom\r\n');
});

test('a specialty or a year without a list is a French 404 that repeats nothing', async ({
  page,
}) => {
  for (const path of [
    '/admis/XYZ',
    '/admis/%3Cb%3Eboo',
    '/admis/MCO?annee=2031',
    '/admis/XYZ.csv',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    if (!path.endsWith('.csv')) {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
      await expect(page.locator('main')).not.toContainText(/XYZ|boo|2031/);
    }
  }
});
