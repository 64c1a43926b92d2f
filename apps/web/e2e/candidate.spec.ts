import { readFileSync } from 'node:fs';
import {
  expect,
  expectAccessible,
  expectChoiceRefusedAtField,
  expectWithinScreen,
  fillLogIn,
  grantAccommodation,
  logIn,
  logOut,
  onPhone,
  openMenuOnPhone,
  recordLateChoice,
  recordOralMarks,
  scheduleOrals,
  screenshots,
  setClock,
  setTicked,
  test,
} from './support.ts';

// Batch A (MCO): results and window opening 28 June 2024 10:00 Paris,
// closing 1 July 10:00; second-group results 10 July 16:30.

test('before publication, the candidate is told when to come back and sees no result', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T07:50:00.000Z');
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  await expect(
    page.getByText(
      'Vos résultats du premier groupe seront publiés le vendredi 28 juin 2024 à 10 h 00',
    ),
  ).toBeVisible();
  await expect(page.getByText(/Résultat : /)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Épreuves de contrôle' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a candidate sees the outcome, chooses two tests and sees the recorded choice', async ({
  page,
}) => {
  await setClock(page, '2024-06-28T08:00:00.000Z');
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  await expect(
    page.getByText('Résultat : Admis à se présenter aux épreuves de contrôle'),
  ).toBeVisible();
  await expect(
    page.getByText(/vous êtes admis à vous présenter aux épreuves de contrôle/),
  ).toBeVisible();
  await expect(
    page.getByText(/Il vous reste 2 jours et 23 heures pour saisir votre choix/),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: /Aide au choix|deux oraux/ })).toBeVisible();
  // The averages in words a candidate reads: no fraction of points under them.
  await expect(page.getByText(/Moyenne du domaine professionnel :/)).toBeVisible();
  await expect(page.getByText(/valeur exacte/)).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, 'candidat-choix');

  // One test only: refused with a clear message at the field, nothing recorded.
  await setTicked(page, 'E1', true);
  await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
  await expectChoiceRefusedAtField(page, 'Il faut choisir exactement deux épreuves.');

  await setTicked(page, 'E1', true);
  await setTicked(page, 'E3', true);
  await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
  await expect(page.getByRole('status')).toContainText('Votre choix est enregistré.');
  await page.reload();
  await expect(page.getByText(/Choix saisi le vendredi 28 juin 2024 à 10 h 00/)).toBeVisible();
  await expect(page.getByText(/par vous-même/)).toBeVisible();
  await expect(page.getByLabel(/^E1 — /)).toBeChecked();
  await expect(page.getByLabel(/^E3 — /)).toBeChecked();
});

test('a closed window refuses a choice', async ({ page }) => {
  await setClock(page, '2024-07-01T08:00:00.000Z');
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  await expect(page.getByRole('button', { name: 'Enregistrer mon choix' })).toHaveCount(0);
  // A form sent anyway (an old tab) is refused by the API, with the reason.
  const response = await page.request.post('/candidat?/choisir', {
    form: { test: 'E1' },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(await response.text()).toContain('close');
  await expect(
    page.getByText('Votre convocation sera disponible ici dès sa publication.'),
  ).toBeVisible();
  await expectAccessible(page);
});

test('a candidate who chose nothing by the deadline is told what follows, then sees a late choice', async ({
  page,
}) => {
  await setClock(page, '2024-07-01T09:00:00.000Z');
  await logIn(page, 'individuel.demo');
  await page.goto('/candidat');
  await expect(page.getByTestId('no-choice')).toContainText(
    'Aucun choix n’a été saisi avant la date limite',
  );
  await expect(page.getByTestId('no-choice')).toContainText('sauf décision contraire du jury');
  // No convocation to wait for.
  await expect(page.getByRole('heading', { name: 'Ma convocation' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, 'candidat-sans-choix');

  // Recorded late, then corrected: the history keeps both.
  await recordLateChoice(page, 'individuel.demo', ['E1', 'E2'], 'Demande reçue par courrier.');
  const reason = 'Hospitalisation pendant la période de saisie (justificatif reçu).';
  await recordLateChoice(page, 'individuel.demo', ['E1', 'E3'], reason);
  await page.reload();
  const history = page.getByTestId('choice-history').getByRole('row');
  await expect(history).toHaveCount(3);
  await expect(history.nth(1)).toContainText('motif : Demande reçue par courrier.');
  await expect(history.nth(2)).toContainText('Le service des examens');
  await expect(history.nth(2)).toContainText(`motif : ${reason}`);
  await expect(
    page.getByText(
      /^Choix saisi le .* hors délai, à titre exceptionnel, par le service des examens/,
    ),
  ).toBeVisible();
  await expect(page.getByTestId('late-reason')).toHaveText(`Motif : ${reason}`);
  await expect(page.getByTestId('no-choice')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Ma convocation' })).toBeVisible();
});

test('once scheduled, the convocation downloads as a PDF and as a calendar file', async ({
  page,
}) => {
  await setClock(page, '2024-07-01T09:00:00.000Z');
  // Granted before planning, so the planner gives the extra third of preparation time.
  await grantAccommodation(page, 'candidat.demo', {
    extraPreparation: { numerator: 1, denominator: 3 },
    accessibleRoomRequired: false,
    note: 'Usage d’un ordinateur',
  });
  await scheduleOrals(page, '19');
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  // The measures granted, in words, and on each oral of the convocation.
  await expect(page.getByTestId('accommodation').getByRole('listitem')).toHaveText([
    'Temps de préparation majoré d’un tiers',
    'Usage d’un ordinateur',
  ]);
  const stated =
    'Aménagement : temps de préparation majoré de 7 min (1/3) ; Usage d’un ordinateur.';
  await expect(page.getByRole('rowheader').filter({ hasText: stated })).toHaveCount(2);
  const pdf = await page.request.get('/candidat/convocation.pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const ics = await page.request.get('/candidat/convocation.ics');
  const calendar = (await ics.text()).replace(/\r\n /g, '');
  expect(calendar).toContain('BEGIN:VEVENT');
  expect(
    calendar.match(/DESCRIPTION:[^\r\n]*Aménagement : temps de préparation majoré de 7 min/g),
  ).toHaveLength(2);
  // The place is the demo's exam centre in Reims, with its address, then the room.
  expect(calendar).toMatch(
    /LOCATION:Lycée [^\r\n]+ \(démo\)\\, [^\r\n]+\\, 51100 Reims — Salle 1\d\d/,
  );
  await page.reload();
  await expect(page.getByTestId('convocation-place').first()).toContainText('51100 Reims');
  const transcript = await page.request.get('/candidat/releve.pdf');
  expect(transcript.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'Télécharger ma convocation (PDF)' })).toBeVisible();
  await screenshots(page, 'candidat-convocation');
});

test('after the second-group publication the final outcome is shown', async ({ page }) => {
  await setClock(page, '2024-07-10T14:20:00.000Z');
  await recordOralMarks(page, 'candidat.demo', 1600);
  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  await expect(page.getByRole('heading', { name: 'Résultat final (second groupe)' })).toHaveCount(
    0,
  );
  await setClock(page, '2024-07-10T14:30:00.000Z');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Résultat final (second groupe)' })).toBeVisible();
  await expect(page.getByText('Résultat : Admis', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'candidat-resultat-final');
});

test('on a 390 px phone, a candidate logs in, reads, chooses, gets the convocation and logs out', async ({
  page,
}) => {
  test.skip(!onPhone(page), 'the journey of a candidate on a phone');
  await setClock(page, '2024-06-28T08:00:00.000Z');
  await page.goto('/');
  // Log in from the header's « Menu ».
  await openMenuOnPhone(page);
  await page.locator('.fr-header').getByRole('link', { name: 'Se connecter' }).click();
  await fillLogIn(page, 'candidat.demo');
  await expect(page).toHaveURL(/\/candidat$/);

  await expect(
    page.getByText('Résultat : Admis à se présenter aux épreuves de contrôle'),
  ).toBeInViewport();
  const marks = page.getByRole('table', { name: 'Vos notes du premier groupe' });
  await expect(marks).toBeVisible();
  await expectWithinScreen(page, marks);

  await setTicked(page, 'E1', true);
  await setTicked(page, 'E3', true);
  await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
  await expect(page.getByRole('status')).toContainText('Votre choix est enregistré.');

  // The window closes, the orals are scheduled: the convocation, readable on the phone.
  await setClock(page, '2024-07-01T09:00:00.000Z');
  await scheduleOrals(page, '19');
  await page.reload();
  const convocation = page.getByRole('table', { name: /Vos convocations/ });
  await expectWithinScreen(page, convocation);
  const oral = convocation.getByRole('row', { name: /^E1 — / });
  for (const label of ['Jour', 'Début de la préparation', 'Oral', 'Lieu']) {
    const cell = oral.locator(`td[data-label="${label}"]`);
    await cell.scrollIntoViewIfNeeded();
    await expect(cell).toBeInViewport();
    await expect(cell).not.toBeEmpty();
  }
  await expect(oral.locator('td[data-label="Jour"]')).toContainText('juillet 2024');
  await expect(oral.locator('td[data-label="Oral"]')).toContainText(/de \d+ h \d\d à \d+ h \d\d/);

  for (const [link, start] of [
    ['Télécharger ma convocation (PDF)', '%PDF-'],
    ['Ajouter mes convocations à mon agenda (fichier iCalendar, .ics)', 'BEGIN:VCALENDAR'],
  ] as const) {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: link }).click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(0, start.length).toString('latin1')).toBe(start);
  }

  await logOut(page);
  await page.goto('/candidat');
  await expect(page).toHaveURL(/\/connexion/);
});
