import { RequestPasswordReset } from '#lib/documents/account.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { textField } from '#lib/server/password-forms.ts';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request, locals }) => {
    const identifier = textField(await request.formData(), 'identifier').trim();
    if (identifier !== '') {
      await apiRequest(locals.api, RequestPasswordReset, { identifier }, null);
    }
    // The same answer whatever happened: it never tells whether an account exists.
    return { sent: true };
  },
} satisfies Actions;
