import type { MarkEntry } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_PUBLISHED, SECOND_GROUP, addAccount, globalId, ms } from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

const PATHS = `query($id: ID!) { node(id: $id) { ... on Candidate { skillBlocksCertificatePath attestationPath } } }`;

interface Row {
  id: string;
  number: string;
  last_name: string;
  first_name: string;
  individual: boolean;
}

const mark = (hundredths: number): MarkEntry => ({ status: 'MARK', hundredths });

/** Ajourné (professional average 9,60): E41 10,50, E6 11 and E1 12 are blocks acquired; E5 9,99 is not. */
const FAILED_WITH_BLOCKS = {
  E1: 1200,
  E21: 800,
  E22: 900,
  E3: 500,
  E41: 1050,
  E42: 700,
  E5: 999,
  E6: 1100,
};
/** Ajourné with 5 everywhere: no block. */
const FAILED_WITHOUT_BLOCK = Object.fromEntries(
  Object.keys(FAILED_WITH_BLOCKS).map((code) => [code, 500]),
);
/** Allowed to the control (G 9,14, P 10,75); E1 12 and E3 5 at the orals leave G 9,85: ajourné. */
const AFTER_CONTROL = {
  E1: 700,
  E21: 800,
  E22: 800,
  E3: 600,
  E41: 1200,
  E42: 1100,
  E5: 1000,
  E6: 1000,
};
const ADMITTED = Object.fromEntries(Object.keys(FAILED_WITH_BLOCKS).map((code) => [code, 1400]));

describe.each(backendsUnderTest())('the certificate of skill blocks, on %s', (backend) => {
  let api: TestApi;
  let blocks: Row;
  let none: Row;
  let control: Row;
  let admitted: Row;
  const tokens: Record<string, string> = {};
  const pdfPath = (r: Row) =>
    `/documents/certificat-blocs.pdf?candidate=${encodeURIComponent(globalId(r.id))}`;
  const get = (r: Row, who: string | null) =>
    fetch(`${api.url}${pdfPath(r)}`, {
      headers: who === null ? {} : { authorization: `Bearer ${tokens[who] ?? ''}` },
    });
  const pdfOf = async (response: Response) =>
    parsePdf(new Uint8Array(await response.arrayBuffer()));
  const paths = async (r: Row, who: string) =>
    (await api.gql(PATHS, { id: globalId(r.id) }, tokens[who])).data;

  async function setMarks(candidate: Row, marks: Record<string, number>): Promise<void> {
    const db = api.database.db;
    await db.deleteFrom('first_group_marks').where('candidate_id', '=', candidate.id).execute();
    await db
      .insertInto('first_group_marks')
      .values(
        Object.entries(marks).map(([code, hundredths]) => ({
          candidate_id: candidate.id,
          code,
          ...mark(hundredths),
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -1), candidates: 400 });
    const db = api.database.db;
    const rows = await db
      .selectFrom('candidates')
      .select(['id', 'number', 'last_name', 'first_name', 'individual'])
      .where('origin_academy_code', '=', '12')
      .where('specialty_code', '=', 'MCO')
      .orderBy('number')
      .limit(4)
      .execute();
    const [a, b, c, d] = rows;
    if (a === undefined || b === undefined || c === undefined || d === undefined)
      throw new Error('demo draw too small');
    [blocks, none, control, admitted] = [a, b, c, d];
    await setMarks(blocks, FAILED_WITH_BLOCKS);
    await setMarks(none, FAILED_WITHOUT_BLOCK);
    await setMarks(control, AFTER_CONTROL);
    await setMarks(admitted, ADMITTED);
    const pilot = await db
      .selectFrom('accounts')
      .select('id')
      .where('identifier', '=', 'pilote.demo')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('control_choices')
      .values({
        candidate_id: control.id,
        individual: control.individual,
        test_code_1: 'E1',
        test_code_2: 'E3',
        channel: 'CANDIDATE_SPACE',
        entered_at: A_PUBLISHED,
        entered_by_account_id: pilot.id,
      })
      .execute();
    await db
      .insertInto('control_marks')
      .values([
        {
          candidate_id: control.id,
          test_code: 'E1',
          status: 'MARK',
          hundredths: 1200,
          recorded_by_account_id: pilot.id,
        },
        {
          candidate_id: control.id,
          test_code: 'E3',
          status: 'MARK',
          hundredths: 500,
          recorded_by_account_id: pilot.id,
        },
      ])
      .execute();
    await addAccount(api, 'blocs.test', { role: 'CANDIDATE', candidate_id: blocks.id });
    await addAccount(api, 'aucun.test', { role: 'CANDIDATE', candidate_id: none.id });
    await addAccount(api, 'controle.test', { role: 'CANDIDATE', candidate_id: control.id });
    await addAccount(api, 'admis.test', { role: 'CANDIDATE', candidate_id: admitted.id });
    await addAccount(api, 'academie12.test', { role: 'ACADEMY', academy_code: '12' });
    await addAccount(api, 'academie19.test', { role: 'ACADEMY', academy_code: '19' });
    for (const who of [
      'blocs.test',
      'aucun.test',
      'controle.test',
      'admis.test',
      'academie12.test',
      'academie19.test',
      'pilote.demo',
      'etablissement.demo',
    ])
      tokens[who] = await api.logIn(who);
  });
  afterAll(async () => {
    await api.close();
  });

  it('exists from the publication instant (the pilot’s before), lists the blocks acquired with their marks, tagged', async () => {
    expect((await get(blocks, 'blocs.test')).status).toBe(404);
    expect((await get(blocks, 'academie12.test')).status).toBe(404);
    expect(await paths(blocks, 'blocs.test')).toEqual({
      node: { skillBlocksCertificatePath: null, attestationPath: null },
    });
    expect((await get(blocks, 'pilote.demo')).status).toBe(200);

    api.clock.set(A_PUBLISHED);
    expect(await paths(blocks, 'blocs.test')).toEqual({
      node: { skillBlocksCertificatePath: pdfPath(blocks), attestationPath: null },
    });
    const response = await get(blocks, 'blocs.test');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = await pdfOf(response);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Certificat de blocs de compétences — BTS session 2024');
    expect(text).toContain(`${blocks.last_name.toUpperCase()} ${blocks.first_name}`);
    expect(text).toContain(
      'spécialité BTS Management commercial opérationnel (MCO), session 2024, non admis(e) à l’issue du premier groupe d’épreuves, par délibération du jury publiée le vendredi 28 juin 2024',
    );
    expect(text).toContain('B1 Développer la relation client et assurer la vente conseil 10,50');
    expect(text).toContain('B4 Manager l’équipe commerciale 11,00');
    expect(text).toContain('B5 Culture générale et expression 12,00');
    // Not acquired: 9,99 (E5), 7 (E42), 8,50 (E2), 5 (E3).
    for (const code of ['B2', 'B3', 'B6', 'B7'])
      expect(text).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(text).toContain('Article D643-15 du code de l’éducation');
    expect(text).not.toContain("'");
    expect(pdf.title).toContain('Certificat de blocs de compétences');
    expect(pdf.language).toBe('fr-FR');
    expect(pdf.marked).toBe(true);
    expect(pdf.hasStructTree).toBe(true);
    expect(pdf.roles).toEqual(
      expect.arrayContaining(['Sect', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']),
    );
  });

  it('says plainly that no block is acquired', async () => {
    api.clock.set(A_PUBLISHED);
    const response = await get(none, 'aucun.test');
    expect(response.status).toBe(200);
    const text = (await pdfOf(response)).text.replace(/\s+/g, ' ');
    expect(text).toContain('aucun bloc ne lui est acquis');
    expect(text).not.toContain('Intitulé');
  });

  it('after the control: from the second-group results, with the kept mark, none before', async () => {
    api.clock.set(A_PUBLISHED);
    expect((await get(control, 'controle.test')).status).toBe(404);
    api.clock.set(ms(SECOND_GROUP, -1));
    expect((await get(control, 'controle.test')).status).toBe(404);
    expect(await paths(control, 'controle.test')).toEqual({
      node: { skillBlocksCertificatePath: null, attestationPath: null },
    });
    api.clock.set(SECOND_GROUP);
    const response = await get(control, 'controle.test');
    expect(response.status).toBe(200);
    const text = (await pdfOf(response)).text.replace(/\s+/g, ' ');
    expect(text).toContain('non admis(e) à l’issue des épreuves de contrôle');
    expect(text).toContain('publiée le mercredi 10 juillet 2024');
    // E1: 7 at the first group, 12 at the oral.
    expect(text).toContain('B5 Culture générale et expression 12,00');
    expect(text).not.toMatch(/\bB7\b/);
  });

  it('is the candidate’s, their académie of origin’s and the pilot’s; none for an admitted candidate; audited', async () => {
    api.clock.set(A_PUBLISHED);
    const before = await api.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'DOCUMENT_PRODUCED')
      .execute();
    expect((await get(blocks, 'academie12.test')).status).toBe(200);
    expect((await get(blocks, 'pilote.demo')).status).toBe(200);
    expect((await get(blocks, 'academie19.test')).status).toBe(404);
    expect((await get(blocks, 'etablissement.demo')).status).toBe(404);
    expect((await get(blocks, 'aucun.test')).status).toBe(404);
    expect((await get(blocks, null)).status).toBe(401);
    expect(await paths(blocks, 'academie12.test')).toEqual({
      node: { skillBlocksCertificatePath: pdfPath(blocks), attestationPath: null },
    });
    expect((await get(admitted, 'admis.test')).status).toBe(404);
    expect((await get(admitted, 'pilote.demo')).status).toBe(404);
    expect(await paths(admitted, 'admis.test')).toEqual({
      node: {
        skillBlocksCertificatePath: null,
        attestationPath: expect.stringContaining('/documents/attestation.pdf') as unknown,
      },
    });
    const earlier = new Set(before.map((b) => b.id));
    const audited = (
      await api.database.db
        .selectFrom('audit_log')
        .select(['id', 'actor_role', 'candidate_id', 'after'])
        .where('action', '=', 'DOCUMENT_PRODUCED')
        .execute()
    ).filter((a) => !earlier.has(a.id));
    expect(audited.map((a) => a.actor_role).sort()).toEqual(['ACADEMY', 'PILOT']);
    for (const a of audited)
      expect(a).toMatchObject({
        candidate_id: blocks.id,
        after: { document: 'SKILL_BLOCKS_CERTIFICATE' },
      });
  });
});
