import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.ts';
import { toCsv } from '../../src/documents/csv.ts';
import { produceForAccount } from '../../src/documents/produce-for-account.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_PUBLISHED, addAccount, ms } from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../src/cli.ts');

describe.each(backendsUnderTest())('documents on the command line, on %s', (backend) => {
  let api: TestApi;
  let pilot: string;
  let candidateNumber: string;

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -1), candidates: 200 });
    await addAccount(api, 'academie12.test', { role: 'ACADEMY', academy_code: '12' });
    const [someone] = await api.database.db
      .selectFrom('candidates')
      .select(['id', 'number'])
      .where('origin_academy_code', '=', '19')
      .orderBy('number')
      .limit(1)
      .execute();
    if (someone === undefined) throw new Error('demo draw too small');
    candidateNumber = someone.number;
    pilot = await api.logIn('pilote.demo');
  });
  afterAll(async () => {
    await api.close();
  });

  const produce = (
    identifier: string,
    name: string,
    params: Record<string, string>,
    at = api.clock.now(),
  ) => produceForAccount(api.database.db, fixedClock(at), { identifier, name, params });

  it('gives the same document as the HTTP route, under the account’s scope and embargo, audited in its name', async () => {
    const params = { year: '2024', specialty: 'MCO', stage: 'FIRST_GROUP' };
    const produced = await produce('pilote.demo', 'proces-verbal.csv', params);
    if (produced.kind !== 'produced' || produced.document.kind !== 'csv')
      throw new Error(`not produced: ${produced.kind}`);
    const overHttp = await fetch(
      `${api.url}/documents/proces-verbal.csv?${new URLSearchParams(params).toString()}`,
      { headers: { authorization: `Bearer ${pilot}` } },
    );
    // Byte for byte (fetch's text() would drop the BOM).
    expect(
      Buffer.from(toCsv(produced.document.table.header, produced.document.table.rows)),
    ).toEqual(Buffer.from(await overHttp.arrayBuffer()));
    expect(produced.document.name).toBe('proces-verbal-2024-MCO-FIRST_GROUP.csv');
    const audited = await api.database.db
      .selectFrom('audit_log as l')
      .innerJoin('accounts as a', 'a.id', 'l.actor_account_id')
      .select(['a.identifier', 'l.after'])
      .where('l.action', '=', 'DOCUMENT_PRODUCED')
      .orderBy('l.id')
      .execute();
    expect(audited.map((a) => a.identifier)).toEqual(['pilote.demo', 'pilote.demo']);

    // The partner académie: its own candidates' documents, not the pilot's minutes.
    expect((await produce('academie12.test', 'proces-verbal.csv', params)).kind).toBe('notFound');
    expect(
      (await produce('academie12.test', 'resultats.csv', { year: '2024', academy: '12' })).kind,
    ).toBe('produced');
    expect(
      (await produce('academie12.test', 'resultats.csv', { year: '2024', academy: '19' })).kind,
    ).toBe('notFound');
  });

  it('names a candidate by number, and holds the embargo at its instant', async () => {
    const params = { year: '2024', candidate: candidateNumber };
    // The pilot sees through the embargo; the académie of origin 19 is not this account's.
    const transcript = await produce('pilote.demo', 'releve.pdf', params, ms(A_PUBLISHED, -1));
    if (transcript.kind !== 'produced' || transcript.document.kind !== 'pdf')
      throw new Error(`not produced: ${transcript.kind}`);
    expect((await parsePdf(transcript.document.bytes)).text).toContain(candidateNumber);
    expect((await produce('academie12.test', 'releve.pdf', params)).kind).toBe('notFound');
    expect(
      (await produce('pilote.demo', 'releve.pdf', { year: '2024', candidate: '0' })).kind,
    ).toBe('notFound');
    // A number without its session's year names nobody.
    expect((await produce('pilote.demo', 'releve.pdf', { candidate: candidateNumber })).kind).toBe(
      'notFound',
    );
  });

  it('refuses candidates and schools, unknown documents and bad parameters', async () => {
    expect((await produce('candidat.demo', 'releve.pdf', {})).kind).toBe('notAnAcademy');
    expect((await produce('etablissement.demo', 'choix.csv', { year: '2024' })).kind).toBe(
      'notAnAcademy',
    );
    expect((await produce('personne', 'choix.csv', {})).kind).toBe('notAnAcademy');
    expect((await produce('pilote.demo', 'toString', {})).kind).toBe('unknownDocument');
    expect(
      await produce('pilote.demo', 'proces-verbal.pdf', { year: '2024', specialty: 'MCO' }),
    ).toEqual({ kind: 'invalid', message: 'Paramètre stage invalide (FIRST_GROUP ou FINAL).' });
  });

  // A process of its own opens the database beside the test's: PostgreSQL
  // only (a PGlite folder is one process's), so on PGlite there is no such test.
  if (backend === 'postgres')
    it('runs as a process: writes the file, exit 0; 1 when not found; 2 on a usage error', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'rattrapage-documents-'));
      const env = { ...process.env, DATABASE_URL: api.database.url ?? '' };
      const cli = (...args: string[]) =>
        run(process.execPath, [CLI, 'documents', ...args], { env, cwd: dir }).then(
          (r) => ({ code: 0, ...r }),
          (e: unknown) => e as { code: number; stdout: string; stderr: string },
        );
      try {
        const out = join(dir, 'pv.pdf');
        const ok = await cli(
          'proces-verbal.pdf',
          '--account',
          'pilote.demo',
          '--year',
          '2024',
          '--specialty',
          'MCO',
          '--stage',
          'FIRST_GROUP',
          '--out',
          out,
        );
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stderr).toContain(`Écrit : ${out}`);
        const text = (await parsePdf(new Uint8Array(await readFile(out)))).text;
        expect(text).toContain('Procès-verbal de délibération du jury — BTS session 2024');
        // Without --out: the document's own name, in the current folder.
        const named = await cli(
          'statistiques.csv',
          '--account',
          'pilote.demo',
          '--year',
          '2024',
          '--academy',
          '12',
        );
        expect(named.code, named.stderr).toBe(0);
        expect(await readFile(join(dir, 'statistiques-2024-12.csv'), 'utf8')).toContain(';');
        const absent = await cli(
          'proces-verbal.pdf',
          '--account',
          'pilote.demo',
          '--year',
          '2024',
          '--specialty',
          'XYZ',
          '--stage',
          'FINAL',
        );
        expect(absent.code).toBe(1);
        const unwritable = await cli(
          'statistiques.csv',
          '--account',
          'pilote.demo',
          '--year',
          '2024',
          '--academy',
          '12',
          '--out',
          join(dir, 'absent', 'stats.csv'),
        );
        expect(unwritable.code).toBe(1);
        expect(unwritable.stderr).toContain('Impossible d’écrire');
        expect(unwritable.stderr).not.toMatch(/\bat .*\.ts:\d+/);
        expect(absent.stderr).toContain('n’existe pas ou n’est pas accessible');
        for (const args of [
          [],
          ['proces-verbal.pdf'],
          ['inconnu.pdf', '--account', 'pilote.demo'],
          ['proces-verbal.pdf', '--account', 'pilote.demo', '--couleur', 'rouge'],
          ['proces-verbal.pdf', '--account', 'pilote.demo', '--year', '2024'],
        ]) {
          const usage = await cli(...args);
          expect(usage.code, args.join(' ')).toBe(2);
          expect(usage.stderr).not.toMatch(/\bat .*\.ts:\d+/);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
});
