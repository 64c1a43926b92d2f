import { formatParisDate } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { runImport } from '../../src/import/run-import.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_CLOSES, A_PUBLISHED, type Fixture, addAccount, ms, prepareControl } from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

const PAPERS = `query($a: String!) { oralPapers(year: 2024, academyCode: $a) {
  allSignInSheetsPath allMarkSlipsPath allMarkSlipsCsvPath
  signInSheets { day heading orals pdfPath csvPath }
  markSlips { day heading orals pdfPath csvPath } } }`;

interface Sheet {
  day: string;
  heading: string | null;
  orals: number;
  pdfPath: string;
  csvPath: string | null;
}
interface Papers {
  oralPapers: {
    allSignInSheetsPath: string;
    allMarkSlipsPath: string;
    allMarkSlipsCsvPath: string;
    signInSheets: Sheet[];
    markSlips: Sheet[];
  };
}

describe.each(backendsUnderTest())('sign-in sheets and mark slips, on %s', (backend) => {
  let api: TestApi;
  let fixture: Fixture;
  const tokens: Record<string, string> = {};
  const token = (who: string) => tokens[who] ?? null;
  const get = (path: string, who: string | null) =>
    fetch(`${api.url}${path}`, {
      headers: who === null ? {} : { authorization: `Bearer ${token(who) ?? ''}` },
    });
  const papers = async (who = 'academie12.test') => {
    const answer = await api.gql<Papers>(PAPERS, { a: '12' }, token(who));
    expect(answer.errors).toBeUndefined();
    const found = answer.data?.oralPapers;
    if (found === undefined) throw new Error('no papers');
    return found;
  };
  const produced = () =>
    api.database.db
      .selectFrom('audit_log')
      .select(['actor_role', 'after'])
      .where('action', '=', 'DOCUMENT_PRODUCED')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    api = await startTestApi(backend, { at: A_PUBLISHED, candidates: 400 });
    fixture = await prepareControl(api, 3);
    await addAccount(api, 'academie12.test', { role: 'ACADEMY', academy_code: '12' });
    await addAccount(api, 'academie19.test', { role: 'ACADEMY', academy_code: '19' });
    for (const who of ['academie12.test', 'academie19.test', 'pilote.demo', 'etablissement.demo'])
      tokens[who] = await api.logIn(who);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists one sign-in sheet per day and room and one slip per day and examiner, every oral once', async () => {
    const found = await papers();
    for (const sheets of [found.signInSheets, found.markSlips]) {
      expect(sheets.reduce((n, s) => n + s.orals, 0)).toBe(fixture.chosen.length * 2);
      for (const s of sheets) expect(s.heading).not.toBeNull();
    }
    expect(found.signInSheets.every((s) => s.csvPath === null)).toBe(true);
    expect(found.markSlips.every((s) => s.csvPath?.startsWith('/documents/bordereaux.csv?'))).toBe(
      true,
    );
    // Listing produces nothing.
    expect(await produced()).toEqual([]);
  });

  it('prints each sign-in sheet as a tagged PDF: the day, the room, each candidate with a box to sign', async () => {
    const found = await papers();
    const sheet = found.signInSheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    const response = await get(sheet.pdfPath, 'academie12.test');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
    // Lines wrap where the page ends them: read the text as one line.
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(pdf.pages).toHaveLength(1);
    expect(text).toContain('Feuille d’émargement — épreuves de contrôle du BTS, session 2024');
    expect(text).toContain(`Jour : ${formatParisDate(sheet.day)}`);
    expect(text).toContain(`Salle : ${sheet.heading ?? ''}`);
    expect(text).toContain('Signature');
    expect(pdf.text).not.toContain("'");
    expect(pdf.marked).toBe(true);
    expect(pdf.hasStructTree).toBe(true);
    expect(pdf.roles).toEqual(expect.arrayContaining(['H1', 'Table', 'TH', 'TD']));
    // Every candidate of the académie's orals is on one of the sheets.
    const all = await parsePdf(
      new Uint8Array(await (await get(found.allSignInSheetsPath, 'pilote.demo')).arrayBuffer()),
    );
    expect(all.pages).toHaveLength(found.signInSheets.length);
    for (const c of fixture.chosen) expect(all.text).toContain(c.lastName.toUpperCase());
    expect(all.text).not.toContain(fixture.failed.lastName.toUpperCase());
  });

  it('prints each mark slip with the examiner, a box for each mark and one to sign', async () => {
    const found = await papers();
    const slip = found.markSlips[0];
    if (slip === undefined) throw new Error('no slip');
    const pdf = await parsePdf(
      new Uint8Array(await (await get(slip.pdfPath, 'academie12.test')).arrayBuffer()),
    );
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Bordereau de notation — épreuves de contrôle du BTS, session 2024');
    expect(text).toContain(`Examinateur : ${slip.heading ?? ''}`);
    expect(text).toContain('Note / 20');
    expect(text).toContain('Date et signature de l’examinateur');
    expect(text).toContain('Candidats de l’académie de Nancy-Metz');
  });

  it('audits each document produced, with what it covered', async () => {
    const before = (await produced()).length;
    const found = await papers();
    await get(found.allMarkSlipsPath, 'academie12.test');
    const entries = await produced();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toEqual({
      actor_role: 'ACADEMY',
      after: { document: 'MARK_SLIPS', year: 2024, academyCode: '12', orals: 6 },
    });
  });

  it('is the académie’s and the pilot’s alone, and follows the embargo', async () => {
    const found = await papers();
    for (const path of [
      found.allSignInSheetsPath,
      found.allMarkSlipsPath,
      found.allMarkSlipsCsvPath,
    ]) {
      expect((await get(path, 'academie19.test')).status, path).toBe(404);
      expect((await get(path, 'etablissement.demo')).status, path).toBe(404);
      expect((await get(path, null)).status, path).toBe(401);
      expect((await get(path, 'pilote.demo')).status, path).toBe(200);
    }
    const other = await api.gql(PAPERS, { a: '12' }, token('academie19.test'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Before the results are published nothing of the orals shows, but to the pilot.
    api.clock.set(ms(A_PUBLISHED, -1));
    expect((await get(found.allSignInSheetsPath, 'academie12.test')).status).toBe(404);
    expect((await papers()).signInSheets).toEqual([]);
    expect((await get(found.allSignInSheetsPath, 'pilote.demo')).status).toBe(200);
    api.clock.set(A_CLOSES);
  });

  it('answers a malformed day or an empty examiner with a 400 in French, and an unknown one with a 404', async () => {
    const bad = await get(
      '/documents/bordereaux.pdf?year=2024&academy=12&day=4-7-2024',
      'academie12.test',
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: [
        {
          message: 'Paramètre day invalide (une date AAAA-MM-JJ, par exemple 2024-07-04).',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    const empty = await get(
      '/documents/bordereaux.csv?year=2024&academy=12&examiner=',
      'academie12.test',
    );
    expect(empty.status).toBe(400);
    expect(
      (
        await get(
          '/documents/emargement.pdf?year=2024&academy=12&room=Nulle%20part',
          'academie12.test',
        )
      ).status,
    ).toBe(404);
  });

  it('reads a mark slip filled in back as the control marks, unchanged otherwise', async () => {
    const found = await papers();
    const csv = await (await get(found.allMarkSlipsCsvPath, 'academie12.test')).text();
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header).toBe('number;test;mark;last_name;first_name;day;starts_at;room;examiner');
    expect(lines).toHaveLength(6);
    // The examiner writes a mark, or ABS, in the third column.
    const filled = [
      header,
      ...lines.map((line, i) => {
        const cells = line.split(';');
        cells[2] = i === 0 ? 'ABS' : '12,5';
        return cells.join(';');
      }),
    ].join('\r\n');
    const pilot = await api.database.db
      .selectFrom('accounts')
      .select('id')
      .where('identifier', '=', 'pilote.demo')
      .executeTakeFirstOrThrow();
    const importSlip = (text: string) =>
      runImport(api.database.db, {
        kind: 'CONTROL_MARKS',
        year: 2024,
        bytes: new TextEncoder().encode(text),
        actor: { accountId: pilot.id, role: 'PILOT', label: 'pilote.demo' },
        at: api.clock.now(),
        hashPassword,
        createAccounts: false,
      });
    const outcome = await importSlip(filled);
    expect(outcome).toMatchObject({ kind: 'imported', report: { rows: 6, updated: 6 } });
    const [first] = lines;
    const [number, test] = (first ?? '').split(';');
    const marks = await api.database.db
      .selectFrom('control_marks as m')
      .innerJoin('candidates as c', 'c.id', 'm.candidate_id')
      .select(['c.number', 'm.test_code', 'm.status', 'm.hundredths'])
      .where(
        'c.id',
        'in',
        fixture.chosen.map((c) => c.id),
      )
      .execute();
    expect(marks).toHaveLength(6);
    for (const m of marks)
      expect(m, `${m.number} ${m.test_code}`).toMatchObject(
        m.number === number && m.test_code === test
          ? { status: 'ABSENT', hundredths: null }
          : { status: 'MARK', hundredths: 1250 },
      );

    // Columns moved: refused, as any file whose header is not the expected one.
    const moved = filled.replace(
      header ?? '',
      'number;test;mark;first_name;last_name;day;starts_at;room;examiner',
    );
    const refused = await importSlip(moved);
    if (refused.kind !== 'refused') throw new Error('a slip with moved columns was imported');
    expect(refused.problems).toHaveLength(1);
    expect(refused.problems[0]?.line).toBe(1);
    expect(refused.problems[0]?.reason).toContain('en-tête attendu');
  });
});
