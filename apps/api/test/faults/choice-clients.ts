import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { Channel } from '@rattrapage/domain';
import { expect } from 'vitest';
import { openSession } from '../../src/auth/open-session.ts';
import type { TestApi } from '../support/api-harness.ts';

/**
 * Clients entering control choices through the real HTTP API, as the fault
 * tests see them: every answer sorted into what the client was told
 * (recorded, refused with a typed error, failed, or no answer at all), and
 * the audit log read back to compare with it.
 */

/** No answer within this bound is a hang: the fault tests fail on it. */
export const ANSWER_BOUND_MS = 10_000;

export interface Chooser {
  /** The candidate's global ID, as clients send it. */
  readonly candidateId: string;
  /** The candidate's row id, for reading the database. */
  readonly candidateRowId: string;
  readonly identifier: string;
  readonly token: string;
  /** The tests this candidate may choose from (two of them make a valid choice). */
  readonly eligible: readonly string[];
}

export type Answer =
  | {
      readonly kind: 'recorded';
      /** Sorted. */
      readonly codes: readonly string[];
      readonly channel: Channel;
      readonly enteredBy: string;
      readonly enteredAt: string;
    }
  /** An expected failure: a member of the result union (implements Error). */
  | { readonly kind: 'refused'; readonly typename: string; readonly code: string }
  /** A GraphQL error: the request failed, the outcome is unknown to the client. */
  | {
      readonly kind: 'failed';
      readonly status: number;
      readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[];
    }
  | { readonly kind: 'hung' }
  /** Not JSON, or the connection to the API itself failed. */
  | { readonly kind: 'broken'; readonly status: number | null; readonly detail: string };

const CHOOSE = `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) {
  __typename ... on Error { code } ... on ControlChoice { channel enteredBy enteredAt tests { code } } } }`;

/** What the mutation answers: a ControlChoice or a member of the Error interface. */
interface ChooseData {
  chooseControlTests?: {
    __typename: string;
    code?: string;
    channel: Channel;
    enteredBy: string;
    enteredAt: string;
    tests: { code: string }[];
  };
}

export async function submitChoice(
  api: TestApi,
  token: string,
  candidateId: string,
  codes: readonly string[],
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CHOOSE, variables: { id: candidateId, codes } }),
      signal: AbortSignal.timeout(ANSWER_BOUND_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return { kind: 'hung' };
    return { kind: 'broken', status: null, detail: String(error) };
  }
  let body: { data?: ChooseData | null; errors?: Extract<Answer, { kind: 'failed' }>['errors'] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return { kind: 'hung' };
    return { kind: 'broken', status: response.status, detail: String(error) };
  }
  const result = body.data?.chooseControlTests;
  if (body.errors !== undefined && body.errors.length > 0)
    return { kind: 'failed', status: response.status, errors: body.errors };
  if (result?.__typename === 'ControlChoice')
    return {
      kind: 'recorded',
      codes: result.tests.map((t) => t.code).sort(),
      channel: result.channel,
      enteredBy: result.enteredBy,
      enteredAt: result.enteredAt,
    };
  if (result !== undefined && typeof result.code === 'string')
    return { kind: 'refused', typename: result.__typename, code: result.code };
  return { kind: 'broken', status: response.status, detail: JSON.stringify(body).slice(0, 500) };
}

/** Words of PostgreSQL, Node or SQL that must never reach a client. */
const INTERNALS =
  /postgres|\bpg\b|sql|select |insert |update |connection|terminat|ECONN|administrator|\.ts\b|\bat \w|stack/i;
/** Codes that would blame the client for the server's failure (log in again, no access…). */
const CLIENT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND'];

/**
 * A failure the client may be shown: an answer within the bound, as a
 * GraphQL error carrying only a stable code and a message for people, with
 * nothing internal (production mode hides the rest; see server.ts), and
 * not pretending the client was at fault.
 */
export function expectCleanFailure(answer: Answer): void {
  expect(answer).toMatchObject({ kind: 'failed' });
  if (answer.kind !== 'failed') return;
  // The database was out of reach: a typed 503 telling the client to check and retry.
  expect(answer.status).toBe(503);
  expect(answer.errors.length).toBeGreaterThan(0);
  for (const error of answer.errors) {
    expect(error).toEqual({
      message: expect.stringMatching(/^Service momentanément indisponible/) as unknown,
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(error.message).not.toMatch(INTERNALS);
    expect(CLIENT_CODES).not.toContain(error.extensions?.['code']);
  }
}

/**
 * Gives `count` candidates allowed to the control, of the given
 * specialties, with at least three eligible tests (so that consecutive
 * choices can differ), an account and an open session each: the tests are
 * about entering choices, so they skip log-in (and its deliberately slow hash).
 */
export async function openChoosers(
  api: TestApi,
  options: { readonly count: number; readonly specialtyCodes: readonly string[] },
): Promise<Chooser[]> {
  const db = api.database.db;
  const rows = await db
    .selectFrom('candidates as c')
    .leftJoin('accounts as a', 'a.candidate_id', 'c.id')
    .select(['c.id', 'c.number'])
    .where('c.first_group_outcome', '=', 'CONTROL_ALLOWED')
    .where('c.specialty_code', 'in', options.specialtyCodes)
    .where('a.id', 'is', null)
    .orderBy('c.number')
    .execute();
  const accounts = await db
    .insertInto('accounts')
    .values(
      rows.map((r) => ({
        identifier: `faute.${r.number}`,
        // Never a valid hash: these accounts cannot log in, they only hold a session.
        password_hash: '!',
        role: 'CANDIDATE' as const,
        candidate_id: r.id,
      })),
    )
    .returning(['id', 'identifier', 'candidate_id'])
    .execute();
  const choosers: Chooser[] = [];
  for (const account of accounts) {
    const { token } = await openSession(db, {
      accountId: account.id,
      at: new Date(),
      sessionHours: 12,
    });
    const rowId = account.candidate_id ?? '';
    const candidateId = encodeGlobalID('Candidate', rowId);
    const view = await api.gql<{
      candidate: { control: { eligibleTests: { code: string }[] } | null } | null;
    }>(
      'query($id: ID!) { candidate(id: $id) { control { eligibleTests { code } } } }',
      { id: candidateId },
      token,
    );
    const eligible = view.data?.candidate?.control?.eligibleTests.map((t) => t.code) ?? [];
    if (eligible.length < 3) continue;
    choosers.push({
      candidateId,
      candidateRowId: rowId,
      identifier: account.identifier,
      token,
      eligible,
    });
    if (choosers.length === options.count) return choosers;
  }
  throw new Error(`only ${choosers.length} candidates fit, ${options.count} asked`);
}

/**
 * The demo's school candidate (candidat.demo, allowed to the control): both
 * the candidate and their school (etablissement.demo) may enter the choice.
 */
export async function demoSchoolCandidate(
  api: TestApi,
): Promise<{ readonly candidate: Chooser; readonly schoolToken: string }> {
  const token = await api.logIn('candidat.demo');
  const schoolToken = await api.logIn('etablissement.demo');
  const view = await api.gql<{
    viewer: { candidate: { id: string; control: { eligibleTests: { code: string }[] } | null } };
  }>('{ viewer { candidate { id control { eligibleTests { code } } } } }', {}, token);
  const candidate = view.data?.viewer.candidate;
  const eligible = candidate?.control?.eligibleTests.map((t) => t.code) ?? [];
  if (candidate === undefined || eligible.length < 3)
    throw new Error(`candidat.demo cannot make two different choices: ${JSON.stringify(view)}`);
  const { id } = decodeGlobalID(candidate.id);
  return {
    candidate: {
      candidateId: candidate.id,
      candidateRowId: id,
      identifier: 'candidat.demo',
      token,
      eligible,
    },
    schoolToken,
  };
}

/** The k-th valid choice of a candidate: with three eligible tests or more, consecutive ones differ. */
export function nthChoice(eligible: readonly string[], k: number): string[] {
  const pairs: string[][] = [];
  for (let i = 0; i < eligible.length; i += 1)
    for (let j = i + 1; j < eligible.length; j += 1)
      pairs.push([eligible[i] ?? '', eligible[j] ?? ''].sort());
  return pairs[k % pairs.length] ?? [];
}

export interface AuditedChoice {
  readonly at: Date;
  readonly channel: string | null;
  /** Sorted. */
  readonly codes: readonly string[];
  /** Sorted; null for the first choice of the candidate. */
  readonly beforeCodes: readonly string[] | null;
  readonly beforeChannel: string | null;
}

interface ChoiceJson {
  testCodes: string[];
  channel: string;
}

/** The choices the audit log says were entered for a candidate, oldest first. */
export async function auditedChoices(
  api: TestApi,
  candidateRowId: string,
): Promise<AuditedChoice[]> {
  const rows = await api.database.db
    .selectFrom('audit_log')
    .select(['at', 'channel', 'before', 'after'])
    .where('candidate_id', '=', candidateRowId)
    .where('action', '=', 'CONTROL_CHOICE_ENTERED')
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const after = r.after as unknown as ChoiceJson;
    const before = r.before as unknown as ChoiceJson | null;
    return {
      at: r.at,
      channel: r.channel,
      codes: [...after.testCodes].sort(),
      beforeCodes: before === null ? null : [...before.testCodes].sort(),
      beforeChannel: before === null ? null : before.channel,
    };
  });
}

/** The stored choice of a candidate, or null. */
export async function storedChoice(
  api: TestApi,
  candidateRowId: string,
): Promise<{ codes: string[]; channel: string; enteredAt: Date; enteredBy: string } | null> {
  const row = await api.database.db
    .selectFrom('control_choices as ch')
    .innerJoin('accounts as a', 'a.id', 'ch.entered_by_account_id')
    .select(['ch.test_code_1', 'ch.test_code_2', 'ch.channel', 'ch.entered_at', 'a.identifier'])
    .where('ch.candidate_id', '=', candidateRowId)
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
        codes: [row.test_code_1, row.test_code_2].sort(),
        channel: row.channel,
        enteredAt: row.entered_at,
        enteredBy: row.identifier,
      };
}
