import { fail, redirect } from '@sveltejs/kit';
import { LogIn } from '#lib/documents/account.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { lockOutEnd } from '#lib/server/lock-out.ts';
import { homeOf, writeSession } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({
  expired: url.searchParams.has('expire'),
})) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, cookies }) => {
    const form = await request.formData();
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const identifier = text('identifier').trim();
    const password = text('password');
    if (identifier === '' || password === '') {
      return fail(400, {
        identifier,
        message: 'Saisissez votre identifiant et votre mot de passe.',
      });
    }
    const { logIn } = await apiRequest(locals.api, LogIn, { identifier, password }, null);
    if (logIn.__typename === 'Session') {
      writeSession(cookies, logIn.token);
      // An initial password that travelled on paper is changed first.
      redirect(
        303,
        logIn.account.mustChangePassword ? '/mot-de-passe' : homeOf(logIn.account.role),
      );
    }
    if (logIn.__typename === 'TooManyAttempts') {
      return fail(429, {
        identifier,
        message: `Trop de tentatives de connexion. Pour votre sécurité, la connexion est suspendue jusqu’au ${lockOutEnd(logIn.retryAfter)}.`,
      });
    }
    // Never says whether the identifier exists.
    return fail(400, { identifier, message: 'Identifiant ou mot de passe incorrect.' });
  },
} satisfies Actions;
