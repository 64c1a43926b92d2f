import { fail, redirect } from '@sveltejs/kit';
import { SetDemoClock } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { sameSitePath } from '#lib/server/same-site-path.ts';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request, locals, url }) => {
    // Back to the page the form was on, never to another site: decided
    // before the clock moves.
    const back = sameSitePath(request.headers.get('referer'), url);
    const at = (await request.formData()).get('at');
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
      return fail(400, { message: 'Instant invalide.' });
    await apiRequest(locals.api, SetDemoClock, { at }, locals.token);
    redirect(303, back);
  },
} satisfies Actions;
