import { redirect } from '@sveltejs/kit';
import { LogOut } from '#lib/documents/account.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { clearSession } from '#lib/server/session.ts';
import type { Actions } from './$types';

export const actions = {
  default: async ({ locals, cookies }) => {
    if (locals.token !== null) {
      // Revoked in the API first: a stolen cookie is worthless afterwards.
      await apiRequest(locals.api, LogOut, {}, locals.token).catch(() => undefined);
    }
    clearSession(cookies);
    redirect(303, '/');
  },
} satisfies Actions;
