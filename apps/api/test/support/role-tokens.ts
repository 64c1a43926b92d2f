import { issueApiToken } from '../../src/auth/issue-api-token.ts';
import type { TestApi } from './api-harness.ts';

export type Who = 'anonymous' | 'CANDIDATE' | 'SCHOOL' | 'ACADEMY' | 'PILOT' | 'API_TOKEN';

/** A bearer token for each role of the demo data (null: anonymous), the académie's API token included. */
export async function roleTokens(api: TestApi, label: string): Promise<Record<Who, string | null>> {
  const issued = await issueApiToken(api.database.db, {
    identifier: 'academie.demo',
    label,
    // Tokens live in real time, whatever the demo clock says.
    at: new Date(),
    validDays: 30,
  });
  if (issued.kind !== 'issued') throw new Error(`no API token: ${issued.kind}`);
  return {
    anonymous: null,
    CANDIDATE: await api.logIn('candidat.demo'),
    SCHOOL: await api.logIn('etablissement.demo'),
    ACADEMY: await api.logIn('academie.demo'),
    PILOT: await api.logIn('pilote.demo'),
    API_TOKEN: issued.token,
  };
}
