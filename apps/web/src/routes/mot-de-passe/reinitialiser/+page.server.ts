import { fail, redirect } from '@sveltejs/kit';
import { ResetPassword } from '#lib/documents/account.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { lockOutEnd } from '#lib/server/lock-out.ts';
import { newPasswordOrFailure } from '#lib/server/password-forms.ts';
import { homeOf, writeSession } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({
  token: url.searchParams.get('jeton') ?? '',
})) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, cookies, url }) => {
    const token = url.searchParams.get('jeton') ?? '';
    const form = await request.formData();
    const next = newPasswordOrFailure(form);
    if (next.failure) return next.failure;
    const { resetPassword: result } = await apiRequest(
      locals.api,
      ResetPassword,
      { token, newPassword: next.password },
      null,
    );
    switch (result.__typename) {
      case 'Session':
        writeSession(cookies, result.token);
        redirect(303, homeOf(result.account.role));
        break;
      case 'WeakPassword':
        return fail(400, { message: result.message, problems: result.problems });
      case 'TooManyAttempts':
        return fail(429, {
          message: `Trop de tentatives. Réessayez après le ${lockOutEnd(result.retryAfter)}.`,
          problems: [] as string[],
        });
      default:
        return fail(400, {
          message: 'Ce lien n’est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau.',
          problems: [] as string[],
        });
    }
  },
} satisfies Actions;
