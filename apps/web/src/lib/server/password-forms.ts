import { fail } from '@sveltejs/kit';

/** Reads a text field of a submitted form ('' when absent or not text). */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The new password typed twice must match: a typo would otherwise lock the
 * person out of an account whose password they never actually chose.
 */
export function newPasswordOrFailure(form: FormData) {
  const password = textField(form, 'nouveau');
  if (password === '')
    return {
      failure: fail(400, {
        message: 'Saisissez un nouveau mot de passe.',
        problems: [] as string[],
      }),
    };
  if (password !== textField(form, 'confirmation')) {
    return {
      failure: fail(400, {
        message: 'Les deux saisies du nouveau mot de passe diffèrent.',
        problems: [] as string[],
      }),
    };
  }
  return { password };
}
