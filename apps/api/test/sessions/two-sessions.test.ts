import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionDefinition, defineSession } from '../../src/services/define-session.ts';
import { runImport } from '../../src/import/run-import.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import {
  type WalkthroughApi,
  academyToken,
  importExample,
  readExample,
  startEmptyApi,
} from '../walkthrough/walkthrough-api.ts';

// The examples of docs/examples, loaded for 2024 and again, renumbered, for a fictitious 2025.
// 2024 batch A publishes on 28 June 2024 10:00 Paris; 2025 batch A on 27 June 2025 10:00.
const BEFORE_BOTH = new Date('2024-05-15T08:00:00.000Z');
const BETWEEN = new Date('2025-06-01T08:00:00.000Z');
const AFTER_BOTH = new Date('2025-07-20T08:00:00.000Z');
const NEW_PASSWORD = 'une phrase de passe à moi 2025';
const CANDIDATES = `query($year: Int!, $filter: CandidateFilter) { candidates(year: $year, filter: $filter, first: 500) {
  totalCount edges { node { number firstGroup { outcome } } } } }`;
const STATISTICS = `query($year: Int!) { statistics(year: $year) { year outcomes { specialtyCode originAcademyCode outcome count } } }`;

interface Page {
  candidates: {
    totalCount: number;
    edges: { node: { number: string; firstGroup: { outcome: string } | null } }[];
  };
}

describe.each(backendsUnderTest())('two sessions side by side, on %s', (backend) => {
  let api: WalkthroughApi;
  const tokens = new Map<string, string>();

  const page = async (token: string, year: number, filter: object = {}) => {
    const read = await api.gql<Page>(CANDIDATES, { year, filter }, token);
    expect(read.errors).toBeUndefined();
    return read.data?.candidates;
  };

  beforeAll(async () => {
    api = await startEmptyApi(backend, BEFORE_BOTH);
    for (const file of ['session-2024.json', 'session-2025-fictive.json']) {
      const definition = JSON.parse(
        (await readExample(file)).toString('utf8'),
      ) as SessionDefinition;
      const defined = await defineSession(api.database.db, definition, {
        at: BEFORE_BOTH,
        who: 'cli',
      });
      expect(defined.kind).toBe('defined');
    }
    await importExample(api, 2024, 'SCHOOLS', 'schools.csv');
    for (const year of [2024, 2025]) {
      await importExample(api, year, 'STRUCTURES', 'structures.csv');
      await importExample(api, year, 'CANDIDATES', 'candidates.csv');
      await importExample(api, year, 'MARKS', 'marks.csv');
    }
    for (const [identifier, role, academyCode] of [
      ['pilote.reims', 'PILOT', '19'],
      ['academie.nancy-metz', 'ACADEMY', '12'],
    ] as const) {
      tokens.set(
        identifier,
        await academyToken(api, { identifier, role, academyCode }, NEW_PASSWORD),
      );
    }
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists and counts each year’s candidates only, filters included', async () => {
    api.clock.set(AFTER_BOTH);
    const pilot = tokens.get('pilote.reims') ?? '';
    const y2024 = await page(pilot, 2024);
    const y2025 = await page(pilot, 2025);
    expect(y2024?.totalCount).toBeGreaterThan(0);
    expect(y2025?.totalCount).toBe(y2024?.totalCount);
    expect(y2024?.edges.every((e) => e.node.number.startsWith('24'))).toBe(true);
    expect(y2025?.edges.every((e) => e.node.number.startsWith('25'))).toBe(true);
    const allowed2024 = await page(pilot, 2024, { firstGroupOutcome: 'CONTROL_ALLOWED' });
    const allowed2025 = await page(pilot, 2025, { firstGroupOutcome: 'CONTROL_ALLOWED' });
    expect(allowed2024?.totalCount).toBeGreaterThan(0);
    expect(allowed2025?.edges.map((e) => e.node.number)).toEqual(
      allowed2024?.edges.map((e) => e.node.number.replace(/^24/, '25')),
    );
  });

  it('counts each year apart in the statistics and its documents', async () => {
    api.clock.set(AFTER_BOTH);
    const pilot = tokens.get('pilote.reims') ?? '';
    const stats = async (year: number) =>
      (
        await api.gql<{ statistics: { year: number; outcomes: { count: number }[] } }>(
          STATISTICS,
          { year },
          pilot,
        )
      ).data?.statistics;
    const s2024 = await stats(2024);
    const s2025 = await stats(2025);
    const total = (s: typeof s2024) => (s?.outcomes ?? []).reduce((n, o) => n + o.count, 0);
    expect(total(s2024)).toBe((await page(pilot, 2024))?.totalCount);
    expect(s2025?.outcomes).toEqual(s2024?.outcomes);
    expect(s2025?.year).toBe(2025);

    for (const year of [2024, 2025]) {
      const csv = await (
        await api.get(`/documents/resultats.csv?year=${year}&academy=19`, pilot)
      ).text();
      const numbers = csv.match(/\b2[45]\d{9}\b/g) ?? [];
      expect(numbers.length, `${year}`).toBeGreaterThan(0);
      expect(
        numbers.every((n) => n.startsWith(String(year).slice(2))),
        `${year}`,
      ).toBe(true);
    }
  });

  it('gives each year its own rules, as its definition says', async () => {
    const RULES = `query($year: Int!) { examSession(year: $year) { rules { name texts } } }`;
    const name = async (year: number) =>
      (
        await api.gql<{ examSession: { rules: { name: string; texts: string[] } } }>(RULES, {
          year,
        })
      ).data?.examSession.rules;
    expect((await name(2024))?.name).toBe('Règles nationales du BTS');
    expect(await name(2025)).toEqual({
      name: 'Session 2025 (fictive)',
      texts: expect.arrayContaining([expect.stringContaining('20 septembre 2024')]) as unknown,
    });
  });

  it('keeps each year under its own embargo: 2024 published, 2025 not yet', async () => {
    api.clock.set(BETWEEN);
    const partner = tokens.get('academie.nancy-metz') ?? '';
    const y2024 = await page(partner, 2024);
    const y2025 = await page(partner, 2025);
    expect(y2024?.totalCount).toBeGreaterThan(0);
    expect(y2025?.totalCount).toBe(y2024?.totalCount);
    expect(y2024?.edges.every((e) => e.node.firstGroup !== null)).toBe(true);
    expect(y2025?.edges.every((e) => e.node.firstGroup === null)).toBe(true);
    // An outcome filter on the embargoed year must not reveal outcomes by counting.
    const allowed = { firstGroupOutcome: 'CONTROL_ALLOWED' };
    expect((await page(partner, 2024, allowed))?.totalCount).toBeGreaterThan(0);
    expect((await page(partner, 2025, allowed))?.totalCount).toBe(0);
  });

  it("names the numbers of a new session's file that already log in to another candidature, and makes them no account", async () => {
    const text = (await readExample('candidates.csv')).toString('utf8');
    const [header = '', first = ''] = text.split('\n');
    const number = first.split(';')[0] ?? '';
    const run = (year: number, body: string, createAccounts: boolean) =>
      runImport(api.database.db, {
        kind: 'CANDIDATES',
        year,
        bytes: Buffer.from(`${header}\n${body}\n`, 'utf8'),
        actor: { accountId: null, role: null, label: 'cli' },
        at: api.clock.now(),
        hashPassword: (password) => Promise.resolve(`test$${password}`),
        createAccounts,
      });
    // 2024's candidates get their accounts, as the command line gives them.
    const y2024 = await run(2024, first, true);
    expect(y2024.kind === 'imported' && y2024.report.initialPasswords.map((p) => p.number)).toEqual(
      [number],
    );
    // The same number in 2025's file: its account is 2024's, and stays so.
    const y2025 = await run(2025, first, true);
    if (y2025.kind !== 'imported') throw new Error(JSON.stringify(y2025));
    expect(y2025.report.inserted).toBe(1);
    expect(y2025.report.initialPasswords).toEqual([]);
    expect(y2025.report.numbersWithAnotherAccount).toEqual({ numbers: [number], total: 1 });
    const owner = await api.database.db
      .selectFrom('accounts as a')
      .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
      .select('c.year')
      .where('a.identifier', '=', number)
      .execute();
    expect(owner).toEqual([{ year: 2024 }]);
    // Without accounts asked for (the GraphQL import), nothing to say.
    const again = await run(2025, first, false);
    expect(again.kind === 'imported' && again.report.numbersWithAnotherAccount).toEqual({
      numbers: [],
      total: 0,
    });
  });
});
