import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../../src/auth/password.ts';
import type { Backend } from '../../src/db/database.ts';
import type { ImportKind } from '../../src/import/import-kind.ts';
import { initialPassword } from '../../src/import/initial-passwords.ts';
import { type ImportOutcome, runImport } from '../../src/import/run-import.ts';
import { createAcademyAccount } from '../../src/services/create-account.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';

/** The files of docs/examples, which docs/operations.md tells a new user to load. */
export function exampleFile(name: string): string {
  return fileURLToPath(new URL(`../../../../docs/examples/${name}`, import.meta.url));
}

export function readExample(name: string): Promise<Buffer> {
  return readFile(exampleFile(name));
}

export interface WalkthroughApi extends TestApi {
  get(path: string, token: string): Promise<Response>;
}

/**
 * A real API server over a fresh, migrated and EMPTY database (no demo
 * data): the walkthrough loads everything itself, as an exam office would.
 * Production mode, so nothing is seeded and no stack trace helps a test pass;
 * the clock stands still until the test moves it.
 */
export async function startEmptyApi(backend: Backend, at: Date): Promise<WalkthroughApi> {
  const api = await startTestApi(backend, { at, candidates: 0, mode: 'production' });
  return {
    ...api,
    get(path, token) {
      return fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    },
  };
}

/**
 * The example files hold 2024's candidates; for another year their numbers
 * start with that year's two digits, as real numbers do.
 */
export function renumberFor(year: number): (text: string) => string {
  const prefix = String(year % 100).padStart(2, '0');
  return (text) => text.replace(/^24(\d{9});/gm, `${prefix}$1;`);
}

/** Imports a file for a year as the command line does (no account created). */
export function importText(
  api: WalkthroughApi,
  year: number,
  kind: ImportKind,
  text: string,
): Promise<ImportOutcome> {
  return runImport(api.database.db, {
    kind,
    year,
    bytes: Buffer.from(text, 'utf8'),
    actor: { accountId: null, role: null, label: 'cli' },
    at: api.clock.now(),
    hashPassword,
    createAccounts: false,
  });
}

/** Imports an example file for a year, renumbered for it; a refusal fails the test. */
export async function importExample(
  api: WalkthroughApi,
  year: number,
  kind: ImportKind,
  file: string,
): Promise<void> {
  const text = (await readExample(file)).toString('utf8');
  const outcome = await importText(api, year, kind, renumberFor(year)(text));
  if (outcome.kind !== 'imported') {
    throw new Error(`${kind} ${String(year)}: ${JSON.stringify(outcome)}`);
  }
}

const CHANGE_PASSWORD = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) { __typename ... on Session { token } } }`;

/**
 * An académie account created as the command line does, logged in, and its
 * one-time password changed as a new user must: the token of that session.
 */
export async function academyToken(
  api: WalkthroughApi,
  account: { identifier: string; role: 'PILOT' | 'ACADEMY'; academyCode: string },
  newPassword: string,
): Promise<string> {
  const created = await createAcademyAccount(api.database.db, account, {
    at: api.clock.now(),
    who: 'cli',
    generatePassword: initialPassword,
    hashPassword,
  });
  if (created.kind !== 'created') throw new Error(JSON.stringify(created));
  const first = await api.logIn(account.identifier, created.password);
  const changed = await api.gql<{ changePassword: { token?: string } }>(
    CHANGE_PASSWORD,
    { current: created.password, next: newPassword },
    first,
  );
  const token = changed.data?.changePassword.token;
  if (token === undefined) throw new Error(JSON.stringify(changed));
  return token;
}
