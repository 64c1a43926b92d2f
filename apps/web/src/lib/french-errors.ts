/**
 * What a person reads, and what a program matches, for each HTTP error the
 * site can answer: SvelteKit's own messages are English (« Not Found »,
 * « Internal Error »…) and are never shown as they are.
 */
export interface FrenchError {
  readonly message: string;
  /** Stable, for programs: never reworded. */
  readonly code: string;
}

const BAD_REQUEST: FrenchError = { message: 'La requête est invalide.', code: 'BAD_REQUEST' };

const BY_STATUS: Record<number, FrenchError> = {
  400: BAD_REQUEST,
  403: { message: 'Vous n’avez pas accès à cette page.', code: 'FORBIDDEN' },
  404: { message: 'La page que vous cherchez est introuvable.', code: 'NOT_FOUND' },
  405: { message: 'Cette adresse ne permet pas cette action.', code: 'METHOD_NOT_ALLOWED' },
  413: { message: 'Les données envoyées sont trop volumineuses.', code: 'PAYLOAD_TOO_LARGE' },
  503: {
    message: 'Le service est momentanément indisponible. Réessayez dans quelques instants.',
    code: 'SERVICE_UNAVAILABLE',
  },
};

const UNEXPECTED: FrenchError = {
  message: 'Une erreur inattendue est survenue. Réessayez dans quelques instants.',
  code: 'INTERNAL_ERROR',
};

export function frenchError(status: number): FrenchError {
  return BY_STATUS[status] ?? (status >= 500 ? UNEXPECTED : BAD_REQUEST);
}

/** A form posted from another site (the check SvelteKit does, answered in French). */
export const CROSS_SITE_FORM: FrenchError = {
  message: 'Formulaire refusé : il n’a pas été envoyé depuis ce site.',
  code: 'CROSS_SITE_FORM',
};

/**
 * What the handleError hooks (server and browser) answer: an error of the
 * application keeps its own French message and gets its code; SvelteKit's own
 * (404 « Not Found »…) and unexpected errors are worded here.
 * `status` is the caught error's, if it has one.
 */
export function errorBody(
  kind: 'app' | 'framework' | 'unknown' | 'validation',
  status: number | undefined,
): { status?: number; message?: string; code: string } {
  if (kind === 'app') return { code: frenchError(status ?? 500).code };
  const shown = kind === 'unknown' ? 500 : (status ?? 500);
  return { status: shown, ...frenchError(shown) };
}
