import { expect, logIn, PASSWORD, setClock, test } from './support.ts';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

test('every page is served with a strict CSP, HSTS and no sniffing', async ({ page }) => {
  const nonces = new Set<string>();
  for (const path of ['/', '/connexion', '/mot-de-passe/oubli', '/connexion']) {
    const response = await page.goto(path);
    const headers = response?.headers() ?? {};
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    // Inline scripts only by this response's nonce (128 bits): never
    // 'unsafe-inline', never a wildcard.
    expect(scripts.slice(1)).toEqual([expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)]);
    const nonce = (scripts[1] ?? '').slice("'nonce-".length, -1);
    nonces.add(nonce);
    // Every inline script of the page carries it, and only it.
    const inline = await page
      .locator('script:not([src])')
      .evaluateAll((found) => found.map((script) => (script as HTMLScriptElement).nonce));
    expect(inline.length).toBeGreaterThan(0);
    expect(inline).toEqual(inline.map(() => nonce));
    expect(headers['strict-transport-security']).toMatch(/max-age=(\d{8,})/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  }
  // A nonce is drawn per response: the same page twice, two nonces.
  expect(nonces.size).toBe(4);
});

test.describe(() => {
  // The refusal is logged by the browser: the one console error expected.
  test.use({ expectedConsoleErrors: [/violates the following Content Security Policy directive/] });

  test('the browser refuses a script injected into a page', async ({ page }) => {
    await page.goto('/');
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
          let violated: string | null = null;
          document.addEventListener('securitypolicyviolation', (event) => {
            violated = event.violatedDirective;
          });
          const script = document.createElement('script');
          script.textContent = 'window.__injected = true;';
          document.body.append(script);
          setTimeout(() => {
            resolve({ ran: '__injected' in window, violated });
          }, 200);
        }),
    );
    expect(outcome.ran).toBe(false);
    expect(outcome.violated).toMatch(/^script-src/);
  });
});

test('the session cookie is out of reach of scripts and of other sites, and never in the page', async ({
  page,
  context,
}) => {
  await logIn(page, 'candidat.demo');
  const session = (await context.cookies()).find((c) => c.name === 'rattrapage_session');
  expect(session).toBeDefined();
  expect(session?.httpOnly).toBe(true);
  expect(session?.secure).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  expect(session?.expires).toBe(-1); // a browser-session cookie
  expect(await page.evaluate(() => document.cookie)).not.toContain('rattrapage_session');
  await page.goto('/candidat');
  expect(await page.content()).not.toContain(session?.value ?? 'no cookie');
});

test('a form posted from another site is refused before any log-in is tried', async ({ page }) => {
  const response = await page.request.post('/connexion', {
    headers: { origin: 'https://attaquant.example' },
    form: { identifier: 'candidat.demo', password: PASSWORD },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()['set-cookie'] ?? '').not.toContain('rattrapage_session');
});

test('a form from another site is refused in French, with a stable code for programs', async ({
  page,
}) => {
  const text = await page.request.post('/connexion', {
    headers: { origin: 'https://attaquant.example' },
    form: { identifier: 'candidat.demo', password: PASSWORD },
  });
  expect(text.status()).toBe(403);
  expect(await text.text()).toBe(
    'Formulaire refusé : il n’a pas été envoyé depuis ce site. (CROSS_SITE_FORM)\n',
  );
  const json = await page.request.post('/demo/horloge', {
    headers: { origin: 'https://attaquant.example', accept: 'application/json' },
    form: { at: '2024-06-30T16:00:00.000Z' },
  });
  expect(json.status()).toBe(403);
  expect(await json.json()).toEqual({
    message: 'Formulaire refusé : il n’a pas été envoyé depuis ce site.',
    code: 'CROSS_SITE_FORM',
  });
  // Without any Origin at all, too; and nothing was done.
  const bare = await page.request.post('/demo/horloge', {
    form: { at: '2024-06-30T16:00:00.000Z' },
    headers: { origin: '' },
  });
  expect(bare.status()).toBe(403);
  await page.goto('/');
  await expect(page.getByTestId('demo-clock')).not.toHaveText(/dimanche 30 juin/);
});

test('SvelteKit’s own refusals and error pages speak French', async ({ page }) => {
  const origin = new URL(test.info().project.use.baseURL ?? '').origin;
  // A page that takes no form.
  const post = await page.request.post('/', { headers: { origin }, form: { x: '1' } });
  expect(post.status()).toBe(405);
  const body = await post.text();
  expect(body).not.toMatch(/not allowed/i);
  expect(JSON.parse(body)).toMatchObject({
    error: {
      status: 405,
      message: 'Cette adresse ne permet pas cette action.',
      code: 'METHOD_NOT_ALLOWED',
    },
  });
  // A page that does not exist, as a page and as data.
  const missing = await page.goto('/nulle-part');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await expect(page.getByText('(NOT_FOUND)')).toBeVisible();
  expect(await page.content()).not.toContain('Not Found');
  const data = await page.request.get('/nulle-part/__data.json');
  expect(await data.text()).not.toMatch(/Not Found|Internal Error/);
});

test('an address never prints its own text on an official page', async ({ page }) => {
  await logIn(page, 'etablissement.demo');
  const forged = [
    'ATTENTION : votre dossier est annulé, appelez le 01 23 45 67 89',
    // An id the API decodes, naming a candidate that does not exist.
    Buffer.from('Candidate:ATTENTION dossier annulé').toString('base64'),
  ];
  for (const text of forged) {
    const response = await page.goto(`/etablissement/candidats/${encodeURIComponent(text)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Candidat introuvable.')).toBeVisible();
    const shown = await page.locator('main').innerText();
    expect(shown).not.toContain('ATTENTION');
    expect(shown).not.toContain('annulé');
  }
});

test('the demo clock sends back only to a page of this site', async ({ page }) => {
  const origin = new URL(test.info().project.use.baseURL ?? '').origin;
  await setClock(page, '2024-06-28T08:00:00.000Z');
  for (const [referer, back] of [
    [`${origin}//evil.example/x`, '/'],
    [`${origin}/\\evil.example/x`, '/'],
    ['https://evil.example/candidat', '/'],
    [`${origin}/connexion?expire=1`, '/connexion?expire=1'],
  ] as const) {
    const response = await page.request.post('/demo/horloge', {
      // As a browser sends the form (with JSON accepted, SvelteKit answers
      // the redirect as data).
      headers: { origin, referer, accept: 'text/html' },
      form: { at: '2024-06-28T08:00:00.000Z' },
      maxRedirects: 0,
    });
    expect(response.status(), referer).toBe(303);
    expect(response.headers().location, referer).toBe(back);
  }
});
