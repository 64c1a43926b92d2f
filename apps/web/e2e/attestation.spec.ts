import {
  admittedCandidate,
  apiCall,
  apiLogIn,
  demoCandidate,
  expect,
  expectAccessible,
  logIn,
  logOut,
  screenshots,
  setClock,
  test,
} from './support.ts';

// The second group's results, 10 July 2024 at 16:30 Paris.
const AFTER_SECOND_GROUP = '2024-07-10T14:30:00.000Z';

// Before the attestation's test, which leaves candidat.demo admitted as the specs after it expect.
test('a candidate not admitted downloads their certificate of skill blocks, and has no attestation', async ({
  page,
}) => {
  await setClock(page, AFTER_SECOND_GROUP);
  const { id } = await demoCandidate(page);
  const decided = await apiCall<{ recordJuryDecision: { __typename: string } }>(
    page,
    'mutation($id: ID!) { recordJuryDecision(candidateId: $id, stage: FINAL, outcome: FAILED, reason: "Délibération du jury") { __typename } }',
    { id },
    await apiLogIn(page, 'pilote.demo'),
  );
  expect(decided.recordJuryDecision.__typename).toBe('Candidate');

  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  await expect(page.getByRole('region', { name: 'Attestation de réussite' })).toHaveCount(0);
  const section = page.getByRole('region', { name: 'Certificat de blocs de compétences' });
  await expect(section).toContainText('article D643-15 du code de l’éducation');
  const download = section.getByRole('link', {
    name: 'Télécharger mon certificat de blocs de compétences (PDF)',
  });
  const pdf = await page.request.get((await download.getAttribute('href')) ?? '');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect((await page.request.get('/candidat/attestation.pdf')).status()).toBe(404);
  await expectAccessible(page);
  await screenshots(page, 'candidat-certificat-blocs');
  await logOut(page);
});

test('an admitted candidate downloads their attestation de réussite, and anyone checks its code without logging in', async ({
  page,
}) => {
  await setClock(page, AFTER_SECOND_GROUP);
  const { firstName, lastName } = await admittedCandidate(page);

  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  const section = page.getByRole('region', { name: 'Attestation de réussite' });
  const code = (await section.getByTestId('attestation-code').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const download = section.getByRole('link', {
    name: 'Télécharger mon attestation de réussite (PDF)',
  });
  const pdf = await page.request.get((await download.getAttribute('href')) ?? '');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await expectAccessible(page);
  await screenshots(page, 'candidat-attestation');
  await logOut(page);

  // Anyone, logged out: the code as a person copies it.
  const response = await page.goto('/attestation');
  expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow, noarchive');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Vérifier une attestation de réussite',
  );
  await page.getByLabel('Code de vérification').fill(code.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const result = page.getByTestId('attestation-result');
  await expect(result.getByRole('heading')).toHaveText('Attestation authentique');
  await expect(result).toContainText(`${firstName} ${lastName}`);
  await expect(result).toContainText('Management commercial opérationnel (MCO), session 2024');
  await expectAccessible(page);
  await screenshots(page, 'attestation-authentique');

  // One character changed: unknown, and nothing else.
  const altered = (code.startsWith('A') ? 'B' : 'A') + code.slice(1);
  await page.getByLabel('Code de vérification').fill(altered);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(result.getByRole('heading')).toHaveText('Code inconnu');
  await expect(result).not.toContainText(lastName);
  await expectAccessible(page);
  await screenshots(page, 'attestation-inconnue');
});
