import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '@rattrapage/api/accounts';
import type { DatabaseHandle } from '@rattrapage/api/database';
import { hashToken } from '@rattrapage/api/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchDatabase } from '../src/data/bench-database.ts';
import { generatePopulation } from '../src/data/population.ts';
import {
  defineSession,
  loadCandidates,
  loadMarksAndDeliberate,
  openCandidateSessions,
  openDatabase,
} from '../src/data/seed-population.ts';
import type { Population } from '../src/data/population.ts';
import {
  type ServerProcess,
  floorLogInUrl,
  startApi,
  startFloor,
} from '../src/processes/http-server-process.ts';
import { CANDIDATE_RESULTS, LOG_IN, graphqlRequest } from '../src/scenarios/documents.ts';

// The floor is a ruler only if it answers the question the API answers: the
// same candidate, marks, averages and outcome (after the jury), and the same
// refusals. The bench needs PostgreSQL (DATABASE_URL, as CI sets it); without
// one there is nothing to measure and nothing to compare.
const adminUrl = process.env['DATABASE_URL'] || undefined;

async function post(
  server: ServerProcess,
  token: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const request = graphqlRequest(CANDIDATE_RESULTS.api, {}, token);
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const PASSWORD = 'Mot de passe du banc 2024';

/** The same body to both: the API's log-in mutation, whose variables the floor reads. */
async function logIn(
  url: string,
  identifier: string,
  password: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: graphqlRequest(LOG_IN.api, { identifier, password }).body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function apiLogIn(body: Record<string, unknown>): { __typename?: string; token?: string } {
  return (body as { data?: { logIn?: { __typename?: string; token?: string } } }).data?.logIn ?? {};
}

function apiCandidate(body: Record<string, unknown>): unknown {
  return (body as { data?: { viewer?: { candidate?: unknown } } }).data?.viewer?.candidate;
}

describe.runIf(adminUrl !== undefined)('the floor server', () => {
  // Undone in reverse order, also when the set-up stopped half-way.
  const cleanups: (() => Promise<unknown>)[] = [];
  let handle: DatabaseHandle;
  let api: ServerProcess;
  let floor: ServerProcess;
  let tokens: string[];
  let population: Population;

  beforeAll(async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'rattrapage-floor-'));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    const database = await createBenchDatabase(
      adminUrl ?? '',
      `test_${randomBytes(4).toString('hex')}`,
    );
    cleanups.push(() => database.drop());
    const location = { kind: 'postgres' as const, url: database.url };
    await defineSession(location, workDir);
    handle = await openDatabase(location);
    cleanups.push(() => handle.close());
    population = generatePopulation({ candidates: 90, ofOrigin: 10, schoolsPerAcademy: 1 });
    await loadCandidates(handle, population, await hashPassword(PASSWORD));
    await loadMarksAndDeliberate(handle, population);
    tokens = await openCandidateSessions(handle, 30, 1);
    api = await startApi('api', location, workDir);
    cleanups.push(() => api.process.stop());
    floor = await startFloor('floor', database.url, workDir);
    cleanups.push(() => floor.process.stop());
  }, 180_000);

  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo();
  });

  it('answers every sampled candidate exactly as the API does', async () => {
    let withResults = 0;
    for (const token of tokens) {
      const [fromApi, fromFloor] = await Promise.all([post(api, token), post(floor, token)]);
      expect(fromApi.status).toBe(200);
      expect(fromFloor.status).toBe(200);
      const expected = apiCandidate(fromApi.body);
      expect(expected).toBeDefined();
      expect(fromFloor.body).toEqual(expected);
      if ((fromFloor.body as { firstGroup?: unknown }).firstGroup != null) withResults++;
    }
    // Published results with marks were compared, not only empty answers.
    expect(withResults).toBe(tokens.length);
  });

  it('follows a jury decision as the API does (the jury is sovereign)', async () => {
    const token = tokens[3] ?? '';
    const before = await post(floor, token);
    const outcome = (before.body as { firstGroup: { outcome: string } }).firstGroup.outcome;
    const decided = outcome === 'ADMITTED' ? 'FAILED' : 'ADMITTED';
    const candidate = await handle.db
      .selectFrom('candidates')
      .select(['id'])
      .where('number', '=', (before.body as { number: string }).number)
      .executeTakeFirstOrThrow();
    const decider = await handle.db
      .selectFrom('accounts')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('jury_decisions')
      .values({
        candidate_id: candidate.id,
        stage: 'FIRST_GROUP',
        outcome: decided,
        reason: 'Décision du jury (banc de mesure)',
        decided_at: new Date(),
        decided_by_account_id: decider.id,
      })
      .execute();
    const [fromApi, fromFloor] = await Promise.all([post(api, token), post(floor, token)]);
    expect((fromFloor.body as { firstGroup: { outcome: string } }).firstGroup.outcome).toBe(
      decided,
    );
    expect(fromFloor.body).toEqual(apiCandidate(fromApi.body));
  });

  it('refuses what the API refuses: an unknown token, a revoked session, a password to change', async () => {
    const unknown = await post(floor, 'not-a-session-token');
    expect(unknown.status).toBe(401);
    expect(apiCandidate((await post(api, 'not-a-session-token')).body)).toBeUndefined();

    const [revoked, mustChange] = [tokens[0] ?? '', tokens[1] ?? ''];
    await handle.db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', hashToken(revoked))
      .execute();
    expect((await post(floor, revoked)).status).toBe(401);
    expect(apiCandidate((await post(api, revoked)).body)).toBeUndefined();

    const owner = await handle.db
      .selectFrom('sessions')
      .select('account_id')
      .where('token_hash', '=', hashToken(mustChange))
      .executeTakeFirstOrThrow();
    await handle.db
      .updateTable('accounts')
      .set({ must_change_password: true })
      .where('id', '=', owner.account_id)
      .execute();
    expect((await post(floor, mustChange)).status).toBe(403);
    const held = (await post(api, mustChange)).body as {
      errors?: { extensions?: { code?: string } }[];
    };
    expect(held.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  async function sessionsOf(identifier: string): Promise<number> {
    const row = await handle.db
      .selectFrom('sessions as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .where('a.identifier', '=', identifier)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function identifierOf(index: number): string {
    const candidate = population.candidates[index];
    if (candidate === undefined) throw new Error(`no candidate ${index}`);
    return candidate.number;
  }

  it('logs in as the API does: a session the API then reads with, of the same lifetime', async () => {
    const identifier = identifierOf(40);
    const before = await sessionsOf(identifier);
    const fromFloor = await logIn(floorLogInUrl(floor), identifier, PASSWORD);
    expect(fromFloor.status).toBe(200);
    const token = (fromFloor.body as { token?: string }).token ?? '';
    expect(token).toMatch(/^rs_[A-Za-z0-9_-]{43}$/);
    expect(await sessionsOf(identifier)).toBe(before + 1);
    // The floor's session is the API's: the API answers the candidate with its token.
    expect((apiCandidate((await post(api, token)).body) as { number?: string }).number).toBe(
      identifier,
    );
    const fromApi = apiLogIn((await logIn(api.url, identifier, PASSWORD)).body);
    expect(fromApi.__typename).toBe('Session');
    const lifetimes = await handle.db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at'])
      .where('token_hash', 'in', [hashToken(token), hashToken(fromApi.token ?? '')])
      .execute();
    expect(lifetimes).toHaveLength(2);
    for (const session of lifetimes) {
      expect(session.last_seen_at).toEqual(session.created_at);
      expect(session.expires_at.getTime() - session.created_at.getTime()).toBe(12 * 3_600_000);
    }
  });

  it('refuses a wrong password and an unknown identifier, opening no session', async () => {
    const identifier = identifierOf(41);
    const before = await sessionsOf(identifier);
    expect((await logIn(floorLogInUrl(floor), identifier, 'pas le bon')).status).toBe(401);
    expect((await logIn(floorLogInUrl(floor), 'inconnu-du-banc', PASSWORD)).status).toBe(401);
    expect((await logIn(floorLogInUrl(floor), identifier, '')).status).toBe(401);
    expect(apiLogIn((await logIn(api.url, 'inconnu-du-banc', PASSWORD)).body).__typename).toBe(
      'InvalidCredentials',
    );
    expect(await sessionsOf(identifier)).toBe(before);
  });

  it('refuses while the throttle locks the identifier, before any check, as the API does', async () => {
    const identifier = identifierOf(42);
    const now = new Date();
    await handle.db
      .insertInto('login_throttle')
      .values({
        key: `id:${identifier.toLowerCase()}`,
        failures: 5,
        first_failure_at: now,
        locked_until: new Date(now.getTime() + 60_000),
      })
      .execute();
    const fromFloor = await logIn(floorLogInUrl(floor), identifier, PASSWORD);
    expect(fromFloor.status).toBe(429);
    expect(apiLogIn((await logIn(api.url, identifier, PASSWORD)).body).__typename).toBe(
      'TooManyAttempts',
    );
    expect(await sessionsOf(identifier)).toBe(0);
  });

  it("forgets the identifier's failures on a right password, not the address's", async () => {
    const identifier = identifierOf(43);
    const at = new Date();
    const keys = [`id:${identifier.toLowerCase()}`, 'ip:127.0.0.1'];
    await handle.db
      .insertInto('login_throttle')
      .values(keys.map((key) => ({ key, failures: 2, first_failure_at: at, locked_until: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    expect((await logIn(floorLogInUrl(floor), identifier, PASSWORD)).status).toBe(200);
    const left = await handle.db
      .selectFrom('login_throttle')
      .select('key')
      .where('key', 'in', keys)
      .execute();
    expect(left.map((r) => r.key)).toEqual(['ip:127.0.0.1']);
  });
});
