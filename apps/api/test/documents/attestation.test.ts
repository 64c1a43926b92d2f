import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attestationCode } from '../../src/repositories/attestations.repository.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_PUBLISHED, addAccount, globalId, ms } from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

const VERIFY = `query($code: String!) { verifyAttestation(code: $code) { lastName firstName specialtyName year } }`;
const PATH = `query($id: ID!) { node(id: $id) { ... on Candidate { attestationPath attestationCode } } }`;
const RECORD_JURY = `mutation($id: ID!) { recordJuryDecision(candidateId: $id, stage: FIRST_GROUP, outcome: FAILED, reason: "Fraude établie") { __typename } }`;

interface Row {
  id: string;
  number: string;
  last_name: string;
  first_name: string;
}

describe.each(backendsUnderTest())('the attestation de réussite, on %s', (backend) => {
  let api: TestApi;
  let admitted: Row;
  let failed: Row;
  const tokens: Record<string, string> = {};
  const pdfPath = (r: Row) =>
    `/documents/attestation.pdf?candidate=${encodeURIComponent(globalId(r.id))}`;
  const get = (p: string, who: string | null) =>
    fetch(`${api.url}${p}`, {
      headers: who === null ? {} : { authorization: `Bearer ${tokens[who] ?? ''}` },
    });
  const verify = async (code: string) => {
    const answer = await api.gql<{ verifyAttestation: unknown }>(VERIFY, { code });
    expect(answer.errors).toBeUndefined();
    return answer.data?.verifyAttestation;
  };
  const codeIn = (text: string) =>
    /Code de vérification : ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1];
  const pdfText = async (response: Response) =>
    (await parsePdf(new Uint8Array(await response.arrayBuffer()))).text.replace(/\s+/g, ' ');

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -1), candidates: 400 });
    const rows = (outcome: 'ADMITTED' | 'FAILED') =>
      api.database.db
        .selectFrom('candidates')
        .select(['id', 'number', 'last_name', 'first_name'])
        .where('origin_academy_code', '=', '12')
        .where('specialty_code', '=', 'MCO')
        .where('first_group_outcome', '=', outcome)
        .orderBy('number')
        .execute();
    const [a] = await rows('ADMITTED');
    const [f] = await rows('FAILED');
    if (a === undefined || f === undefined) throw new Error('demo draw too small');
    admitted = a;
    failed = f;
    await addAccount(api, 'admis.test', { role: 'CANDIDATE', candidate_id: admitted.id });
    await addAccount(api, 'ajourne.test', { role: 'CANDIDATE', candidate_id: failed.id });
    await addAccount(api, 'academie12.test', { role: 'ACADEMY', academy_code: '12' });
    await addAccount(api, 'academie19.test', { role: 'ACADEMY', academy_code: '19' });
    for (const who of [
      'admis.test',
      'ajourne.test',
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

  it('exists only once the admission is published, except for the pilot; the code found genuine only then', async () => {
    expect((await get(pdfPath(admitted), 'admis.test')).status).toBe(404);
    const before = await api.gql(PATH, { id: globalId(admitted.id) }, tokens['admis.test']);
    expect(before.data).toEqual({ node: { attestationPath: null, attestationCode: null } });
    const early = await get(pdfPath(admitted), 'pilote.demo');
    expect(early.status).toBe(200);
    const code = codeIn(await pdfText(early));
    if (code === undefined) throw new Error('no code printed');
    // The pilot's copy exists, but the public reads nothing before the instant.
    expect(await verify(code)).toBeNull();

    api.clock.set(A_PUBLISHED);
    const after = await api.gql(PATH, { id: globalId(admitted.id) }, tokens['admis.test']);
    expect(after.data).toEqual({
      node: { attestationPath: pdfPath(admitted), attestationCode: code },
    });
    const mine = await get(pdfPath(admitted), 'admis.test');
    expect(mine.status).toBe(200);
    const text = await pdfText(mine);
    // Every copy carries the same code.
    expect(codeIn(text)).toBe(code);
    expect(text).toContain('Attestation de réussite — BTS session 2024');
    expect(text).toContain(`${admitted.last_name.toUpperCase()} ${admitted.first_name}`);
    expect(text).toContain('spécialité BTS Management commercial opérationnel (MCO), session 2024');
    expect(text).toContain('à l’issue du premier groupe d’épreuves');
    // No jury recorded yet: the publication only.
    expect(text).toContain('par délibération du jury publiée le vendredi 28 juin 2024');
    expect(text).not.toContain("'");
    expect(await verify(code)).toEqual({
      lastName: admitted.last_name,
      firstName: admitted.first_name,
      specialtyName: 'BTS Management commercial opérationnel (MCO)',
      year: 2024,
    });
    // As a person copies it: lower case, spaces.
    expect(await verify(` ${code.toLowerCase().replaceAll('-', ' ')} `)).not.toBeNull();
    // Altered, unknown, malformed: « inconnu », nothing else.
    const altered = code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const other of [altered, '0000-0000-0000-0000', 'pas un code', ''])
      expect(await verify(other), other).toBeNull();

    // Once the pilot records the jury, the day it deliberated is named too.
    const recorded = await api.gql(
      `mutation { recordJury(year: 2024, specialty: "MCO", stage: FIRST_GROUP, president: "M. Dupont",
        members: [], deliberatedOn: "2024-06-27") { __typename } }`,
      {},
      tokens['pilote.demo'],
    );
    expect(recorded.data).toEqual({ recordJury: { __typename: 'Jury' } });
    expect(await pdfText(await get(pdfPath(admitted), 'admis.test'))).toContain(
      'par délibération du jury du jeudi 27 juin 2024, publiée le vendredi 28 juin 2024',
    );
  });

  it('is the candidate’s, their académie of origin’s and the pilot’s; none for a candidate not admitted', async () => {
    api.clock.set(A_PUBLISHED);
    expect((await get(pdfPath(admitted), 'academie12.test')).status).toBe(200);
    expect((await get(pdfPath(admitted), 'academie19.test')).status).toBe(404);
    expect((await get(pdfPath(admitted), 'etablissement.demo')).status).toBe(404);
    expect((await get(pdfPath(admitted), 'ajourne.test')).status).toBe(404);
    expect((await get(pdfPath(admitted), null)).status).toBe(401);
    expect((await get(pdfPath(failed), 'ajourne.test')).status).toBe(404);
    expect((await get(pdfPath(failed), 'pilote.demo')).status).toBe(404);
    const none = await api.gql(PATH, { id: globalId(failed.id) }, tokens['ajourne.test']);
    expect(none.data).toEqual({ node: { attestationPath: null, attestationCode: null } });
    const audited = await api.database.db
      .selectFrom('audit_log')
      .select(['actor_role', 'candidate_id', 'after'])
      .where('action', '=', 'DOCUMENT_PRODUCED')
      .execute();
    expect(audited.map((a) => a.actor_role).sort()).toEqual([
      'ACADEMY',
      'CANDIDATE',
      'CANDIDATE',
      'PILOT',
    ]);
    for (const a of audited)
      expect(a).toMatchObject({ candidate_id: admitted.id, after: { document: 'ATTESTATION' } });
  });

  it('is unknown once the admission is no longer published: a result held back, a jury that decided otherwise', async () => {
    api.clock.set(A_PUBLISHED);
    const code = codeIn(await pdfText(await get(pdfPath(admitted), 'admis.test')));
    if (code === undefined) throw new Error('no code printed');
    const held = await api.gql(
      'mutation($id: ID!) { withholdResult(candidateId: $id, reason: "Enquête") { __typename } }',
      { id: globalId(admitted.id) },
      tokens['pilote.demo'],
    );
    expect(held.errors).toBeUndefined();
    expect(await verify(code)).toBeNull();
    expect((await get(pdfPath(admitted), 'admis.test')).status).toBe(404);
    await api.gql(
      'mutation($id: ID!) { releaseResult(candidateId: $id) { __typename } }',
      { id: globalId(admitted.id) },
      tokens['pilote.demo'],
    );
    expect(await verify(code)).not.toBeNull();

    const decided = await api.gql(
      RECORD_JURY,
      { id: globalId(admitted.id) },
      tokens['pilote.demo'],
    );
    expect(decided.errors).toBeUndefined();
    expect(await verify(code)).toBeNull();
  });

  it('answers nothing but the holder and the specialty', async () => {
    const type = await api.gql<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "VerifiedAttestation") { fields { name } } }',
      {},
      tokens['pilote.demo'],
    );
    expect(type.data?.__type.fields.map((f) => f.name).sort()).toEqual([
      'firstName',
      'lastName',
      'specialtyName',
      'year',
    ]);
  });

  it('keeps one code per candidate when it is drawn by several requests at once', async () => {
    const drawn = ['AAAA', 'BBBB', 'CCCC', 'DDDD', 'EEEE'].map((c) => c.repeat(4));
    const codes = await Promise.all(
      drawn.map((code) => attestationCode(api.database.db, failed.id, code, A_PUBLISHED)),
    );
    expect(new Set(codes).size).toBe(1);
    expect(drawn).toContain(codes[0]);
    expect(await attestationCode(api.database.db, failed.id, 'FFFF'.repeat(4), A_PUBLISHED)).toBe(
      codes[0],
    );
  });
});
