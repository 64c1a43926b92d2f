import AxeBuilder from '@axe-core/playwright';
import { type Page, expect } from '@playwright/test';
import { CandidateSpaceQuery } from '#lib/documents/candidate.ts';
import { trustedDocument } from '#lib/server/document-id.ts';
import { API_URL } from './servers.ts';

export const PASSWORD = 'demo-rattrapage-2024';

/** Moves the API's demo clock (demo mode only). */
export async function setClock(page: Page, at: string): Promise<void> {
  const response = await page.request.post(API_URL, {
    data: {
      query: 'mutation($at: DateTime!) { setDemoClock(at: $at) { now } }',
      variables: { at },
    },
  });
  expect(response.ok()).toBe(true);
}

export async function logIn(page: Page, identifier: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('who')).toContainText(identifier);
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
}

/** No serious or critical accessibility violation (RGAA AA targets WCAG 2.1 AA). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    blocking.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** Screenshots at phone and desktop widths, kept as artefacts of the run. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, width, height] of [
    ['telephone', 390, 844],
    ['bureau', 1280, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: `test-results/screenshots/${name}-${label}.png`,
      fullPage: true,
    });
  }
}

/**
 * Ticks or unticks a test in the choice form, as a person does: by its label
 * (the DSFR draws its own box and hides the native input).
 */
export async function setTicked(page: Page, code: string, ticked: boolean): Promise<void> {
  const box = page.locator(`#test-${code}`);
  if ((await box.isChecked()) !== ticked) await page.locator(`label[for="test-${code}"]`).click();
  if (ticked) await expect(box).toBeChecked();
  else await expect(box).not.toBeChecked();
}

/** An académie's own document as text, or one of the web's by its trusted id. */
async function apiCall<T>(
  page: Page,
  query: string | { documentId: string },
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await page.request.post(API_URL, {
    data: typeof query === 'string' ? { query, variables } : { ...query, variables },
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function apiLogIn(page: Page, identifier: string): Promise<string> {
  const data = await apiCall<{ logIn: { token: string } }>(
    page,
    'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { ... on Session { token } } }',
    { i: identifier, p: PASSWORD },
  );
  return data.logIn.token;
}

/** The académie records the marks of a candidate's two orals (as it does after the orals). */
export async function recordOralMarks(
  page: Page,
  candidateIdentifier: string,
  hundredths: number,
): Promise<void> {
  const me = await apiCall<{
    viewer: { candidate: { id: string; control: { choice: { tests: { code: string }[] } } } };
  }>(
    page,
    // A candidate's session runs only the web's documents (trusted documents).
    { documentId: trustedDocument(CandidateSpaceQuery).id },
    {},
    await apiLogIn(page, candidateIdentifier),
  );
  const pilot = await apiLogIn(page, 'pilote.demo');
  for (const { code } of me.viewer.candidate.control.choice.tests) {
    const result = await apiCall<{ recordControlMark: { __typename: string } }>(
      page,
      'mutation($id: ID!, $c: String!, $h: Int) { recordControlMark(candidateId: $id, testCode: $c, hundredths: $h) { __typename } }',
      { id: me.viewer.candidate.id, c: code, h: hundredths },
      pilot,
    );
    expect(result.recordControlMark.__typename).toBe('ControlMark');
  }
}

/** The pilot schedules the orals of an académie's candidates (after the choice window). */
export async function scheduleOrals(page: Page, academyCode: string): Promise<void> {
  const data = await apiCall<{ scheduleConvocations: { __typename: string } }>(
    page,
    'mutation($a: String!) { scheduleConvocations(year: 2024, academyCode: $a) { __typename } }',
    { a: academyCode },
    await apiLogIn(page, 'pilote.demo'),
  );
  expect(data.scheduleConvocations.__typename).toBe('ConvocationPlan');
}
