import { fail, redirect } from '@sveltejs/kit';
import { ChangePassword } from '#lib/documents/account.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { newPasswordOrFailure, textField } from '#lib/server/password-forms.ts';
import { homeOf, writeSession } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, parent }) => {
  if (locals.token === null) redirect(303, '/connexion');
  return parent().then(({ viewer }) => ({ mustChange: viewer?.mustChangePassword ?? false }));
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, cookies }) => {
    if (locals.token === null) redirect(303, '/connexion');
    const form = await request.formData();
    const current = textField(form, 'actuel');
    const next = newPasswordOrFailure(form);
    if (next.failure) return next.failure;
    const { changePassword: result } = await apiRequest(
      locals.api,
      ChangePassword,
      { currentPassword: current, newPassword: next.password },
      locals.token,
    );
    if (result.__typename === 'Session') {
      // Every earlier session was revoked: carry on with the new one.
      writeSession(cookies, result.token);
      redirect(303, homeOf(result.account.role));
    }
    if (result.__typename === 'WeakPassword')
      return fail(400, { message: result.message, problems: result.problems });
    return fail(400, { message: result.message, problems: [] as string[] });
  },
} satisfies Actions;
