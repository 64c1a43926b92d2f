import { VerifyAttestationQuery } from '#lib/documents/public.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { NO_INDEX } from '#lib/server/admission-list.ts';
import type { PageServerLoad } from './$types';

/**
 * Anyone holding an attestation de réussite checks its code here, without
 * logging in: « authentique » with the holder's name and specialty, or
 * « inconnu », nothing else (a plain GET form: works without JavaScript).
 */
export const load = (async ({ locals, url, setHeaders }) => {
  setHeaders({ 'x-robots-tag': NO_INDEX, 'cache-control': 'no-store' });
  const code = (url.searchParams.get('code') ?? '').slice(0, 64);
  if (code.trim() === '') return { code: '', checked: false as const, holder: null };
  const { verifyAttestation } = await apiRequest(
    locals.api,
    VerifyAttestationQuery,
    { code },
    locals.token,
  );
  return { code, checked: true as const, holder: verifyAttestation };
}) satisfies PageServerLoad;
