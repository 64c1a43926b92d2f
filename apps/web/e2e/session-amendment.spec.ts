import {
  apiCall,
  apiLogIn,
  expect,
  expectAccessible,
  screenshots,
  setClock,
  test,
} from './support.ts';

// 2024: second-group results 10 July 16:30 Paris (14:30Z). This file runs last: whatever happens,
// the calendar is put back as the other files expect it.
const PLANNED = '2024-07-10T14:30:00.000Z';
const MOVED = '2024-07-10T15:30:00.000Z';

async function amendSecondGroup(page: Parameters<typeof apiLogIn>[0], to: string): Promise<void> {
  const result = await apiCall<{ amendExamSession: { __typename: string; message?: string } }>(
    page,
    'mutation($to: DateTime!) { amendExamSession(year: 2024, change: { what: SECOND_GROUP_RESULTS, to: $to }, reason: "Délibération du jury reportée.") { __typename ... on Error { message } } }',
    { to },
    await apiLogIn(page, 'pilote.demo'),
  );
  expect(result.amendExamSession).toEqual({ __typename: 'CalendarAmendment' });
}

test('an amended instant shows at once on the public page and in its calendar feed', async ({
  page,
}) => {
  await setClock(page, '2024-06-20T08:00:00.000Z');
  await amendSecondGroup(page, MOVED);
  try {
    await page.goto('/');
    await expect(
      page.getByText('Résultats du second groupe (date prévisionnelle) :'),
    ).toContainText('mercredi 10 juillet 2024 à 17 h 30');
    await expectAccessible(page);
    await screenshots(page, 'calendrier-modifie');
    const feed = (await (await page.request.get('/calendrier.ics')).text()).replace(/\r\n /g, '');
    expect(feed).toContain(
      'DTSTART:20240710T153000Z\r\nSUMMARY:Résultats des épreuves de contrôle (second groupe)',
    );
  } finally {
    await amendSecondGroup(page, PLANNED);
  }
  await page.goto('/');
  await expect(page.getByText('Résultats du second groupe (date prévisionnelle) :')).toContainText(
    'mercredi 10 juillet 2024 à 16 h 30',
  );
});
