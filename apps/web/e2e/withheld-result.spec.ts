import {
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

// The day after MCO's first-group publication (28 June 2024, 10:00 Paris).
const AFTER_FIRST_GROUP = '2024-06-29T08:00:00.000Z';

test('a result the exam office holds back reads « Résultat en attente » for the candidate and their school, and shows in full once released', async ({
  page,
}) => {
  await setClock(page, AFTER_FIRST_GROUP);
  const { id, lastName } = await demoCandidate(page);
  const pilot = await apiLogIn(page, 'pilote.demo');
  const release = async () => {
    const released = await apiCall<{ releaseResult: { resultWithheld: boolean } }>(
      page,
      'mutation($id: ID!) { releaseResult(candidateId: $id) { resultWithheld } }',
      { id },
      pilot,
    );
    expect(released.releaseResult.resultWithheld).toBe(false);
  };

  const held = await apiCall<{ withholdResult: { __typename: string } }>(
    page,
    'mutation($id: ID!) { withholdResult(candidateId: $id, reason: "Pièce manquante au dossier") { __typename } }',
    { id },
    pilot,
  );
  expect(held.withholdResult.__typename).toBe('Candidate');
  // The other spec files share this server: the result is released whatever happens here.
  try {
    await logIn(page, 'candidat.demo');
    await page.goto('/candidat');
    const results = page.getByRole('region', { name: 'Résultats du premier groupe' });
    await expect(results.getByText('Résultat en attente', { exact: true })).toBeVisible();
    await expect(results).toContainText('Le service des examens a réservé votre résultat');
    // No outcome, no mark, no reason given to the candidate.
    await expect(results.getByText(/^Résultat :/)).toHaveCount(0);
    await expect(results.getByRole('table')).toHaveCount(0);
    await expect(page.getByText('Pièce manquante')).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, 'candidat-resultat-en-attente');
    await logOut(page);

    await logIn(page, 'etablissement.demo');
    await page.goto(`/etablissement/candidats/${encodeURIComponent(id)}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(lastName);
    await expect(page.getByTestId('outcome')).toHaveText('Résultat en attente');
    await expect(page.getByText('Pièce manquante')).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, 'etablissement-resultat-en-attente');
    await logOut(page);
  } finally {
    await release();
  }

  await logIn(page, 'candidat.demo');
  await page.goto('/candidat');
  const results = page.getByRole('region', { name: 'Résultats du premier groupe' });
  await expect(results.getByText(/^Résultat :/)).toBeVisible();
  await expect(results.getByText('Résultat en attente', { exact: true })).toHaveCount(0);
  await logOut(page);
});
