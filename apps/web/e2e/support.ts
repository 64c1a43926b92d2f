import AxeBuilder from '@axe-core/playwright';
import { type Locator, type Page, test as base, expect } from '@playwright/test';
import { CandidateIdQuery, CandidateSpaceQuery } from '#lib/documents/candidate.ts';
import { trustedDocument } from '#lib/server/document-id.ts';
import { API_URL } from './servers.ts';

export const PASSWORD = 'demo-rattrapage-2024';

/** The assets a page needs to show: a failure to load one is a broken page. */
const ASSET_TYPES = new Set(['stylesheet', 'script', 'image', 'font', 'media', 'manifest']);

/**
 * What went wrong on the pages of a test: an uncaught script error, a console
 * error, a page asset that failed to load, a page wider than the screen.
 */
interface GuardOptions {
  /** Console errors a test provokes on purpose. */
  readonly expectedConsoleErrors?: readonly RegExp[];
  readonly javaScript?: boolean;
}

export interface PageGuard {
  /** Checks the page shown now for horizontal overflow (done at each load and at the end). */
  checkOverflow(): Promise<void>;
  /** The problems seen so far, forgotten once taken. */
  take(): Promise<string[]>;
}

export function guardPage(
  page: Page,
  { expectedConsoleErrors = [], javaScript = true }: GuardOptions = {},
): PageGuard {
  const problems: string[] = [];
  const pending: Promise<void>[] = [];
  const checkOverflow = async (): Promise<void> => {
    const size = await page
      .evaluate(() => ({
        url: location.pathname,
        content: document.documentElement.scrollWidth,
        screen: document.documentElement.clientWidth,
      }))
      // The page was left meanwhile: the next one gets its own check.
      .catch(() => null);
    if (size !== null && size.content > size.screen)
      problems.push(`overflow: ${size.url} is ${size.content}px wide on a ${size.screen}px screen`);
  };
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // A page answered with an error status (a 404 page…) is logged so by the
    // browser: assets are checked by their responses below instead.
    // The DSFR warns when its markup is not as its components specify.
    if (message.type() === 'warning' && text.startsWith('%cdsfr')) {
      problems.push(`dsfr warning: ${text.split('\n')[0] ?? ''}`);
      return;
    }
    if (message.type() !== 'error' || text.startsWith('Failed to load resource')) return;
    if (!expectedConsoleErrors.some((expected) => expected.test(text)))
      problems.push(`console error: ${text}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && ASSET_TYPES.has(response.request().resourceType()))
      problems.push(`asset ${response.status()}: ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request) => {
    const type = request.resourceType();
    const reason = request.failure()?.errorText ?? '';
    // Leaving a page cancels what it was still loading; without JavaScript
    // the browser fetches no script at all.
    if (reason === 'net::ERR_ABORTED' || (!javaScript && type === 'script')) return;
    if (ASSET_TYPES.has(type))
      problems.push(`asset failed: ${new URL(request.url()).pathname} (${reason})`);
  });
  page.on('load', () => pending.push(checkOverflow()));
  return {
    checkOverflow,
    async take() {
      await Promise.all(pending.splice(0));
      return problems.splice(0);
    },
  };
}

/**
 * Every test gets the guard: it fails on anything the guard saw, on every
 * page it visited. A test that provokes a console error on purpose lists it
 * in `expectedConsoleErrors`.
 */
export const test = base.extend<{ guard: PageGuard; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  guard: [
    async ({ page, expectedConsoleErrors, javaScriptEnabled }, use) => {
      const guard = guardPage(page, {
        expectedConsoleErrors,
        javaScript: javaScriptEnabled,
      });
      await use(guard);
      await guard.checkOverflow();
      expect(await guard.take(), 'problems seen on the pages of this test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

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
  await fillLogIn(page, identifier);
}

/** Fills and sends the log-in form of the page shown, then waits to be logged in. */
export async function fillLogIn(page: Page, identifier: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The header says who is logged in (in the « Menu » on a phone, hence not visible).
  await expect(page.getByTestId('who')).toContainText(identifier);
}

/** Logs out from the header, through its « Menu » on a phone. */
export async function logOut(page: Page): Promise<void> {
  await openMenuOnPhone(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByTestId('who')).toHaveCount(0);
  await expect(page.locator('.fr-header a[href="/connexion"]').first()).toHaveText('Se connecter');
}

/**
 * Until the DSFR's script has started, the header's menu shows in place
 * (what a phone without JavaScript gets) and « Menu » is hidden; once it has,
 * the menu is a modal that « Menu » opens. Waits for the latter: deciding
 * by what is visible at one instant races the script.
 */
export async function waitForMenuButton(page: Page): Promise<Locator> {
  const menu = page.locator('#bouton-menu[data-fr-js-modal-button]');
  await expect(menu).toBeVisible();
  return menu;
}

/**
 * Below the DSFR's lg breakpoint the header's links are in the « Menu »
 * modal: opens it (and waits for it to be open). Nothing to do on a desktop.
 */
export async function openMenuOnPhone(page: Page): Promise<void> {
  if (!onPhone(page)) return;
  await (await waitForMenuButton(page)).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

/** Whether the test runs in the phone project. */
export function onPhone(page: Page): boolean {
  return (page.viewportSize()?.width ?? Infinity) < 992;
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

/** A full-page screenshot at the project's width, kept as an artefact of the run. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: `${test.info().project.outputDir}/screenshots/${name}-${test.info().project.name}.png`,
    fullPage: true,
  });
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
export async function apiCall<T>(
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

export async function apiLogIn(page: Page, identifier: string): Promise<string> {
  const data = await apiCall<{ logIn: { token: string } }>(
    page,
    'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { ... on Session { token } } }',
    { i: identifier, p: PASSWORD },
  );
  return data.logIn.token;
}

/**
 * A candidate's id, read as the web's choice action reads it: a candidate's session runs only
 * the web's documents, and the page's own document does not ask it.
 */
async function candidateIdOf(page: Page, candidateToken: string): Promise<string> {
  const me = await apiCall<{ viewer: { candidate: { id: string } } }>(
    page,
    { documentId: trustedDocument(CandidateIdQuery).id },
    {},
    candidateToken,
  );
  return me.viewer.candidate.id;
}

/** The académie records the marks of a candidate's two orals (as it does after the orals). */
export async function recordOralMarks(
  page: Page,
  candidateIdentifier: string,
  hundredths: number,
): Promise<void> {
  const candidate = await apiLogIn(page, candidateIdentifier);
  const id = await candidateIdOf(page, candidate);
  const me = await apiCall<{
    viewer: { candidate: { control: { choice: { tests: { code: string }[] } } } };
  }>(page, { documentId: trustedDocument(CandidateSpaceQuery).id }, {}, candidate);
  const pilot = await apiLogIn(page, 'pilote.demo');
  for (const { code } of me.viewer.candidate.control.choice.tests) {
    const result = await apiCall<{ recordControlMark: { __typename: string } }>(
      page,
      'mutation($id: ID!, $c: String!, $h: Int) { recordControlMark(candidateId: $id, testCode: $c, hundredths: $h) { __typename } }',
      { id, c: code, h: hundredths },
      pilot,
    );
    expect(result.recordControlMark.__typename).toBe('ControlMark');
  }
}

/** The pilot grants a candidate an exam accommodation (before the orals are scheduled). */
export async function grantAccommodation(
  page: Page,
  candidateIdentifier: string,
  accommodation: {
    extraPreparation: { numerator: number; denominator: number } | null;
    accessibleRoomRequired: boolean;
    note: string | null;
  },
): Promise<void> {
  const id = await candidateIdOf(page, await apiLogIn(page, candidateIdentifier));
  const data = await apiCall<{ setAccommodation: { __typename: string } }>(
    page,
    'mutation($id: ID!, $a: AccommodationInput) { setAccommodation(candidateId: $id, accommodation: $a) { __typename } }',
    { id, a: accommodation },
    await apiLogIn(page, 'pilote.demo'),
  );
  expect(data.setAccommodation.__typename).toBe('CandidateAccommodation');
}

/** The pilot records a choice after the deadline, by exception, as the candidate asked. */
export async function recordLateChoice(
  page: Page,
  candidateIdentifier: string,
  testCodes: readonly string[],
  reason: string,
): Promise<void> {
  const id = await candidateIdOf(page, await apiLogIn(page, candidateIdentifier));
  const data = await apiCall<{ recordLateControlChoice: { __typename: string } }>(
    page,
    'mutation($id: ID!, $c: [String!]!, $r: String!) { recordLateControlChoice(candidateId: $id, testCodes: $c, reason: $r, channel: CANDIDATE_SPACE) { __typename } }',
    { id, c: testCodes, r: reason },
    await apiLogIn(page, 'pilote.demo'),
  );
  expect(data.recordLateControlChoice.__typename).toBe('ControlChoice');
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

/**
 * A refused choice is said at the field (DSFR fieldset error): the group of
 * boxes is described by the message, and no status box stands above the form.
 */
export async function expectChoiceRefusedAtField(page: Page, message: string): Promise<void> {
  const choice = page.getByRole('group', { name: /Choisissez deux épreuves/ });
  await expect(choice).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  await expect(choice.locator('.fr-message--error')).toHaveText(message);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Nothing of `element` lies beyond the right edge of the screen. */
export async function expectWithinScreen(page: Page, element: Locator): Promise<void> {
  const box = await element.boundingBox();
  expect(box).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

/** candidat.demo's id and name, as their candidate space reads them. */
export async function demoCandidate(
  page: Page,
): Promise<{ id: string; firstName: string; lastName: string }> {
  const candidate = await apiLogIn(page, 'candidat.demo');
  const me = await apiCall<{ viewer: { candidate: { firstName: string; lastName: string } } }>(
    page,
    { documentId: trustedDocument(CandidateSpaceQuery).id },
    {},
    candidate,
  );
  const { firstName, lastName } = me.viewer.candidate;
  return { id: await candidateIdOf(page, candidate), firstName, lastName };
}

/** candidat.demo, admitted by the final jury (as its orals at 16 admit it in candidate.spec.ts). */
export async function admittedCandidate(page: Page) {
  const me = { viewer: { candidate: await demoCandidate(page) } };
  const decided = await apiCall<{ recordJuryDecision: { __typename: string } }>(
    page,
    'mutation($id: ID!) { recordJuryDecision(candidateId: $id, stage: FINAL, outcome: ADMITTED, reason: "Délibération du jury") { __typename } }',
    { id: me.viewer.candidate.id },
    await apiLogIn(page, 'pilote.demo'),
  );
  expect(decided.recordJuryDecision.__typename).toBe('Candidate');
  return me.viewer.candidate;
}
