import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import type { ApiPost } from '#lib/server/api-transport.ts';
import { actions } from './+page.server.ts';

/** The failure an action returned, once checked to be one. */
function failureOf(result: unknown): { status: number; data: { message: string } } {
  expect(isActionFailure(result)).toBe(true);
  return result as { status: number; data: { message: string } };
}

/** An API that answers every GraphQL request with `data`, and records what it was sent. */
function apiAnswering(data: unknown) {
  return vi.fn<ApiPost>(() => Promise.resolve(JSON.stringify({ data })));
}

function event(api: ApiPost, form: Record<string, string>) {
  const body = new URLSearchParams(form);
  const cookies = { set: vi.fn(), get: vi.fn(), delete: vi.fn() };
  return {
    cookies,
    input: {
      request: new Request('http://localhost/connexion', { method: 'POST', body }),
      locals: { token: null, answers: new Map(), api },
      cookies,
    } as unknown as Parameters<typeof actions.default>[0],
  };
}

describe('the log-in action', () => {
  it('opens a session: HttpOnly, SameSite=Lax cookie, then the role’s home page', async () => {
    const api = apiAnswering({
      logIn: {
        __typename: 'Session',
        token: 'rs_abcdefghijklmnop',
        account: { role: 'CANDIDATE' },
      },
    });
    const { cookies, input } = event(api, {
      identifier: ' candidat.demo ',
      password: 'secret',
    });
    const thrown = await actions.default(input).catch((e: unknown) => e);
    expect(isRedirect(thrown) && thrown.location).toBe('/candidat');
    expect(cookies.set).toHaveBeenCalledWith(
      'rattrapage_session',
      'rs_abcdefghijklmnop',
      expect.objectContaining({ httpOnly: true, sameSite: 'lax', path: '/' }),
    );
    const sent = JSON.parse(api.mock.calls[0]?.[0] ?? '') as { variables: unknown };
    expect(sent.variables).toEqual({ identifier: 'candidat.demo', password: 'secret' });
  });

  it('sends an account with a handed-over initial password to change it first', async () => {
    const api = apiAnswering({
      logIn: {
        __typename: 'Session',
        token: 'rs_abcdefghijklmnop',
        account: { role: 'CANDIDATE', mustChangePassword: true },
      },
    });
    const { input } = event(api, { identifier: '02419000001', password: 'initial' });
    const thrown = await actions.default(input).catch((e: unknown) => e);
    expect(isRedirect(thrown) && thrown.location).toBe('/mot-de-passe');
  });

  it('refuses wrong credentials with one message that never says whether the identifier exists', async () => {
    const api = apiAnswering({
      logIn: { __typename: 'InvalidCredentials', code: 'INVALID_CREDENTIALS', message: 'x' },
    });
    const { cookies, input } = event(api, { identifier: 'personne', password: 'x' });
    const result = await actions.default(input);
    expect(failureOf(result).status).toBe(400);
    expect(failureOf(result).data.message).toBe('Identifiant ou mot de passe incorrect.');
    expect(cookies.set).not.toHaveBeenCalled();
  });

  it('explains a lock-out with the date and time it ends, in Paris time', async () => {
    const api = apiAnswering({
      logIn: {
        __typename: 'TooManyAttempts',
        code: 'TOO_MANY_ATTEMPTS',
        message: 'x',
        retryAfter: '2024-06-28T08:15:00.000Z',
      },
    });
    const { input } = event(api, { identifier: 'candidat.demo', password: 'x' });
    const result = await actions.default(input);
    expect(failureOf(result).status).toBe(429);
    expect(failureOf(result).data.message).toContain(
      'suspendue jusqu’au vendredi 28 juin 2024 à 10 h 15 (heure de Paris).',
    );
  });

  it('asks for both fields without calling the API', async () => {
    const api = apiAnswering({});
    const { input } = event(api, { identifier: '', password: '' });
    const result = await actions.default(input);
    expect(failureOf(result).status).toBe(400);
    expect(api).not.toHaveBeenCalled();
  });
});
