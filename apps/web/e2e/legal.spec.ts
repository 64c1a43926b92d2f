import type { Locator, Page } from '@playwright/test';
import {
  expect,
  expectAccessible,
  logIn,
  logOut,
  onPhone,
  PASSWORD,
  test,
  waitForMenuButton,
} from './support.ts';

const FOOTER_LINKS = [
  { name: 'Accessibilité : non conforme', href: '/accessibilite' },
  { name: 'Mentions légales', href: '/mentions-legales' },
  { name: 'Données personnelles', href: '/donnees-personnelles' },
];

async function expectFooterLinks(page: Page): Promise<void> {
  const bottom = page.locator('footer .fr-footer__bottom-list');
  for (const { name, href } of FOOTER_LINKS)
    await expect(bottom.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
}

/** One h1, then no heading deeper than one level below the one before it (in the page's content). */
async function expectHeadingOrder(page: Page): Promise<void> {
  const levels = await page
    .locator('main')
    .locator('h1, h2, h3, h4, h5, h6')
    .evaluateAll((headings) => headings.map((h) => Number(h.tagName.slice(1))));
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  expect(levels[0]).toBe(1);
  const skips = levels.filter((level, i) => i > 0 && level > (levels[i - 1] ?? 0) + 1);
  expect(skips, `heading levels ${levels.join(', ')}`).toEqual([]);
}

/** Presses Tab until `target` has the focus, as a keyboard-only person does. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

const PAGES = [
  {
    path: '/accessibilite',
    title: 'Déclaration d’accessibilité',
    content: [
      'est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, car aucun audit complet n’a été réalisé',
      'Les documents PDF (convocation, relevé de notes, attestation de réussite, certificat de blocs de compétences) sont balisés',
      'n’ont pas été testés avec un lecteur d’écran',
      'Cette déclaration a été établie le vendredi 4 décembre 2026',
      'Défenseur des droits',
    ],
  },
  {
    path: '/mentions-legales',
    title: 'Mentions légales',
    content: [
      'Académie de Reims, académie pilote',
      'Le recteur de l’académie de Reims',
      'L’hébergeur est fixé pour chaque déploiement du service',
      'Système de design de l’État (DSFR)',
    ],
  },
  {
    path: '/donnees-personnelles',
    title: 'Données personnelles',
    content: [
      'article 6, paragraphe 1, point e du règlement général sur la protection des données',
      'après 30 minutes sans activité, et au plus tard 12 heures',
      'lien de réinitialisation du mot de passe n’est valable que 30 minutes',
      'l’établissement de formation du candidat',
      'droit d’accès, de rectification, de limitation et d’opposition',
      'CNIL',
      'aucun consentement n’est donc demandé',
      'candidats admis qui ont accepté d’y figurer depuis leur espace candidat',
      'le code de vérification de votre attestation de réussite',
      'le motif et la date de cette décision, tant qu’elle dure',
      'l’académie pilote en archive la copie numérisée avec son empreinte',
      'elle ne répond que le nom, le prénom, la spécialité et la session de son titulaire',
    ],
  },
];

for (const { path, title, content } of PAGES) {
  test(`${path} is public, indexable, accessible and says what it must`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['x-robots-tag']).toBeUndefined();
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(`${title} — Épreuves de contrôle du BTS`);
    for (const text of content) await expect(page.locator('main')).toContainText(text);
    await expectHeadingOrder(page);
    await expectFooterLinks(page);
    await expectAccessible(page);
  });
}

test('every page’s footer links to the three statements, before and after log-in', async ({
  page,
}) => {
  await page.goto('/');
  await expectFooterLinks(page);
  await expectHeadingOrder(page);
  await page.goto('/connexion');
  await expectFooterLinks(page);
  await expectHeadingOrder(page);
  await logIn(page, 'candidat.demo');
  await expect(page).toHaveURL(/\/candidat$/);
  await expectFooterLinks(page);
  await expectHeadingOrder(page);
  await page
    .locator('footer')
    .getByRole('link', { name: 'Données personnelles', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Données personnelles');
  // The one cookie the privacy page names is the one the site sets.
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).toEqual(['rattrapage_session']);
  await expect(page.locator('main code')).toHaveText('rattrapage_session');
  await logOut(page);
});

test('the skip link, log-in and log-out work with the keyboard alone', async ({ page }) => {
  await page.goto('/connexion');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await tabTo(page, page.getByLabel('Identifiant'));
  await page.keyboard.type('candidat.demo');
  await tabTo(page, page.getByLabel('Mot de passe'));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('who')).toContainText('candidat.demo');
  if (onPhone(page)) {
    await tabTo(page, await waitForMenuButton(page));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
  }
  await tabTo(page, page.getByRole('button', { name: 'Se déconnecter' }).filter({ visible: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('who')).toHaveCount(0);
  await expect(page.locator('.fr-header a[href="/connexion"]').first()).toHaveText('Se connecter');
});
