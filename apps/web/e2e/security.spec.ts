import { expect, test } from '@playwright/test';
import { PASSWORD, logIn } from './support.ts';

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
  for (const path of ['/', '/connexion', '/mot-de-passe/oubli']) {
    const response = await page.goto(path);
    const headers = response?.headers() ?? {};
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    // Inline scripts only by hash: never 'unsafe-inline', never a wildcard.
    for (const source of scripts.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
    expect(headers['strict-transport-security']).toMatch(/max-age=(\d{8,})/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  }
});

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
