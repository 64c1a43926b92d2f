import { describe, expect, it, vi } from 'vitest';
import { handle, handleError } from './hooks.server.ts';

const SITE = 'http://localhost:3000';

type HandleInput = Parameters<typeof handle>[0];
type ErrorInput = Parameters<typeof handleError>[0];

function request(method: string, headers: Record<string, string>, path = '/connexion') {
  const resolve = vi.fn(() => Promise.resolve(new Response('page', { status: 200 })));
  const input = {
    event: {
      request: new Request(`${SITE}${path}`, { method, headers }),
      url: new URL(`${SITE}${path}`),
      cookies: { get: () => undefined },
      locals: {},
    },
    resolve,
  } as unknown as HandleInput;
  return { input, resolve };
}

describe('the origin check', () => {
  it.each([
    ['another site', { origin: 'https://attaquant.example' }],
    ['no origin at all', {}],
    ['the same host on another port', { origin: 'http://localhost:3001' }],
  ])('refuses a POST from %s, in French, before the page runs', async (_, headers) => {
    const { input, resolve } = request('POST', headers);
    const response = await handle(input);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(
      'Formulaire refusé : il n’a pas été envoyé depuis ce site. (CROSS_SITE_FORM)\n',
    );
    expect(resolve).not.toHaveBeenCalled();
  });

  it('answers a program asking for JSON with the stable code', async () => {
    const { input } = request('POST', { origin: 'https://x.example', accept: 'application/json' });
    expect(await (await handle(input)).json()).toEqual({
      message: 'Formulaire refusé : il n’a pas été envoyé depuis ce site.',
      code: 'CROSS_SITE_FORM',
    });
  });

  it.each([
    ['a POST from this site', 'POST', { origin: SITE }],
    ['a GET from anywhere', 'GET', { origin: 'https://x.example' }],
  ])('lets %s through', async (_, method, headers) => {
    const { input, resolve } = request(method, headers);
    expect((await handle(input)).status).toBe(200);
    expect(resolve).toHaveBeenCalledOnce();
  });

  it('says SvelteKit’s own English text refusals in French', async () => {
    const { input } = request('POST', { origin: SITE }, '/');
    const english = new Response('POST method not allowed', {
      status: 405,
      headers: { 'content-type': 'text/plain;charset=utf-8' },
    });
    const response = await handle({ ...input, resolve: () => Promise.resolve(english) });
    expect(response.status).toBe(405);
    expect(await response.text()).toBe(
      'Cette adresse ne permet pas cette action. (METHOD_NOT_ALLOWED)\n',
    );
  });
});

describe('handleError', () => {
  const event = { request: new Request(`${SITE}/x`), url: new URL(`${SITE}/x`) };

  it('says SvelteKit’s 404 in French, with a code', async () => {
    const input = {
      kind: 'framework',
      error: { status: 404, message: 'Not Found' },
      event,
    } as unknown as ErrorInput;
    expect(await handleError(input)).toEqual({
      status: 404,
      message: 'La page que vous cherchez est introuvable.',
      code: 'NOT_FOUND',
    });
  });

  it('never shows the text of an unexpected error, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const input = {
      kind: 'unknown',
      error: new Error('relation "secret_table" does not exist'),
      event,
    } as unknown as ErrorInput;
    expect(await handleError(input)).toEqual({
      status: 500,
      message: 'Une erreur inattendue est survenue. Réessayez dans quelques instants.',
      code: 'INTERNAL_ERROR',
    });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('keeps the application’s own French message, adding the code', async () => {
    const input = {
      kind: 'app',
      error: { status: 404, message: 'Candidat introuvable.' },
      event,
    } as unknown as ErrorInput;
    expect(await handleError(input)).toEqual({ code: 'NOT_FOUND' });
  });
});
