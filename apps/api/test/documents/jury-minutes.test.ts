import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeLabel } from '../../src/documents/labels.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { uploadFile } from '../support/upload.ts';
import {
  A_PUBLISHED,
  SECOND_GROUP,
  addAccount,
  csvTable,
  globalId,
  ms,
  prepareControl,
} from './fixtures.ts';
import { parsePdf } from './pdf-text.ts';

const RECORD_JURY = `mutation($year: Int!, $specialty: String!, $stage: JuryStage!, $president: String!, $members: [String!]!, $deliberatedOn: Date!) {
  recordJury(year: $year, specialty: $specialty, stage: $stage, president: $president, members: $members, deliberatedOn: $deliberatedOn) {
    __typename ... on Error { code message }
    ... on Jury { stage president members deliberatedOn minutesPath minutesCsvPath } } }`;

const JURY = `query($stage: JuryStage!) { examSession(year: 2024) { specialties { code
  jury(stage: $stage) { president members deliberatedOn minutesPath
    signedMinutes { version sha256 bytes archivedBy path } } } } }`;

const ARCHIVE = `mutation($year: Int!, $specialty: String!, $stage: JuryStage!, $pdf: String!) {
  archiveSignedMinute(year: $year, specialty: $specialty, stage: $stage, pdf: $pdf) {
    __typename ... on Error { code message }
    ... on ArchivedSignedMinute { alreadyArchived minute { version sha256 bytes path } } } }`;

const DECIDE = `mutation($id: ID!, $stage: JuryStage!, $outcome: JuryOutcome!, $reason: String!) {
  recordJuryDecision(candidateId: $id, stage: $stage, outcome: $outcome, reason: $reason) { __typename } }`;

const COMPOSITION = {
  year: 2024,
  specialty: 'MCO',
  stage: 'FIRST_GROUP',
  president: 'M. Jean Dupont, IA-IPR',
  members: ['Mme Claire Martin', 'M. Paul Bernard'],
  deliberatedOn: '2024-06-27',
};

interface Recorded {
  recordJury: Record<string, unknown> & { __typename: string; code?: string };
}
interface Archived {
  archiveSignedMinute: {
    __typename: string;
    code?: string;
    alreadyArchived?: boolean;
    minute?: { version: number; sha256: string; bytes: number; path: string };
  };
}

/** A small PDF as a scanner would make it: only its header and bytes matter here. */
function scannedPdf(seed: string): Uint8Array {
  return new Uint8Array(Buffer.from(`%PDF-1.4\n% minute signée ${seed}\n%%EOF\n`, 'latin1'));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(backendsUnderTest())('the jury’s minutes, on %s', (backend) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const get = (path: string, who: string | null) =>
    fetch(`${api.url}${path}`, {
      headers: who === null ? {} : { authorization: `Bearer ${tokens[who] ?? ''}` },
    });
  const record = (vars: Record<string, unknown>, who = 'pilote.demo') =>
    api.gql<Recorded>(RECORD_JURY, { ...COMPOSITION, ...vars }, tokens[who]);
  const audits = async (action: string) =>
    api.database.db
      .selectFrom('audit_log')
      .select(['actor_role', 'before', 'after'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  const mcoCount = async (where?: 'CONTROL_ALLOWED') => {
    let q = api.database.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('specialty_code', '=', 'MCO')
      .where('year', '=', 2024);
    if (where !== undefined) q = q.where('first_group_outcome', '=', where);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -1), candidates: 400 });
    await addAccount(api, 'academie12.test', { role: 'ACADEMY', academy_code: '12' });
    const [someone] = await api.database.db
      .selectFrom('candidates')
      .select('id')
      .where('specialty_code', '=', 'MCO')
      .limit(1)
      .execute();
    await addAccount(api, 'candidat.test', { role: 'CANDIDATE', candidate_id: someone?.id ?? '' });
    for (const who of ['pilote.demo', 'academie12.test', 'etablissement.demo', 'candidat.test'])
      tokens[who] = await api.logIn(who);
  });
  afterAll(async () => {
    await api.close();
  });

  it('records the jury’s composition, audited once, and refuses a wrong one in French', async () => {
    const done = await record({
      president: '  M. Jean  Dupont, IA-IPR ',
    });
    expect(done.errors).toBeUndefined();
    expect(done.data?.recordJury).toEqual({
      __typename: 'Jury',
      stage: 'FIRST_GROUP',
      president: 'M. Jean Dupont, IA-IPR',
      members: ['Mme Claire Martin', 'M. Paul Bernard'],
      deliberatedOn: '2024-06-27',
      minutesPath: '/documents/proces-verbal.pdf?year=2024&specialty=MCO&stage=FIRST_GROUP',
      minutesCsvPath: '/documents/proces-verbal.csv?year=2024&specialty=MCO&stage=FIRST_GROUP',
    });
    // The same composition again: nothing changes, nothing more is audited.
    await record({});
    expect(await audits('JURY_RECORDED')).toEqual([
      {
        actor_role: 'PILOT',
        before: null,
        after: {
          year: 2024,
          specialtyCode: 'MCO',
          stage: 'FIRST_GROUP',
          president: 'M. Jean Dupont, IA-IPR',
          members: ['Mme Claire Martin', 'M. Paul Bernard'],
          deliberatedOn: '2024-06-27',
        },
      },
    ]);

    for (const [vars, code, message] of [
      [
        { members: ['Mme Claire Martin', 'mme claire MARTIN'] },
        'NAMED_TWICE',
        '« mme claire MARTIN » est nommé deux fois (le président ne figure pas parmi les membres).',
      ],
      [
        { deliberatedOn: '2023-06-27' },
        'DELIBERATION_OUTSIDE_SESSION',
        'La délibération du 2023-06-27 n’est pas de la session 2024.',
      ],
      [
        { deliberatedOn: '2024-02-30' },
        'DELIBERATION_DATE_INVALID',
        '« 2024-02-30 » n’est pas une date (AAAA-MM-JJ, par exemple 2024-07-05).',
      ],
      [{ president: ' ' }, 'PRESIDENT_REQUIRED', 'Indiquez le nom du président du jury.'],
    ] as const) {
      const refused = await record(vars);
      expect(refused.data?.recordJury, code).toEqual({
        __typename: 'JuryCompositionInvalid',
        code,
        message,
      });
    }
    const badDay = await record({ deliberatedOn: '27/06/2024' });
    expect(badDay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const who of ['academie12.test', 'etablissement.demo', 'candidat.test']) {
      const forbidden = await record({ president: 'Quelqu’un' }, who);
      expect(forbidden.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    const unknown = await record({ specialty: 'XYZ' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const jury = await api.database.db.selectFrom('juries').selectAll().execute();
    expect(jury.map((j) => j.president)).toEqual(['M. Jean Dupont, IA-IPR']);
    expect(await audits('JURY_RECORDED')).toHaveLength(1);
  });

  it('prints the minutes for the pilot before publication: jury, every candidate, the jury’s departures, counts, signatures', async () => {
    const [failed] = await api.database.db
      .selectFrom('candidates')
      .select(['id', 'number'])
      .where('specialty_code', '=', 'MCO')
      .where('first_group_outcome', '=', 'FAILED')
      .orderBy('number')
      .limit(1)
      .execute();
    if (failed === undefined) throw new Error('demo draw too small');
    const decided = await api.gql(
      DECIDE,
      {
        id: globalId(failed.id),
        stage: 'FIRST_GROUP',
        outcome: 'CONTROL_ALLOWED',
        reason: 'Erreur de report de note en E5.',
      },
      tokens['pilote.demo'],
    );
    expect(decided.errors).toBeUndefined();

    const path = '/documents/proces-verbal.pdf?year=2024&specialty=MCO&stage=FIRST_GROUP';
    const response = await get(path, 'pilote.demo');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(pdf.title).toBe('Procès-verbal de délibération — BTS MCO, session 2024');
    expect(pdf.language).toBe('fr-FR');
    expect(pdf.marked && pdf.hasStructTree).toBe(true);
    for (const role of ['H1', 'H2', 'L', 'Table', 'TH', 'TD']) expect(pdf.roles).toContain(role);
    expect(text).toContain('Procès-verbal de délibération du jury — BTS session 2024');
    expect(text).toContain('Spécialité : Management commercial opérationnel (MCO)');
    expect(text).toContain('Délibération du premier groupe d’épreuves');
    expect(text).toContain('Date de la délibération : jeudi 27 juin 2024');
    expect(text).toContain('Président : M. Jean Dupont, IA-IPR');
    expect(text).toContain('Membre : Mme Claire Martin');

    const csv = await get(path.replace('.pdf', '.csv'), 'pilote.demo');
    expect(csv.headers.get('content-disposition')).toContain(
      'proces-verbal-2024-MCO-FIRST_GROUP.csv',
    );
    const [header, ...rows] = csvTable(await csv.text());
    expect(header).toEqual([
      'N° candidat',
      'Nom',
      'Prénom',
      'Moyenne générale',
      'Moyenne du domaine professionnel',
      'Résultat calculé',
      'Décision du jury',
      'Motif',
    ]);
    expect(rows).toHaveLength(await mcoCount());
    expect(rows.map((r) => r[0])).toEqual(rows.map((r) => r[0]).sort());
    // The jury's departure, with its reason; elsewhere the decision column is empty.
    const departed = rows.filter((r) => (r[6] ?? '') !== '');
    expect(departed).toEqual([
      [
        failed.number,
        expect.any(String),
        expect.any(String),
        expect.any(String),
        expect.any(String),
        outcomeLabel('FAILED'),
        outcomeLabel('CONTROL_ALLOWED'),
        'Erreur de report de note en E5.',
      ],
    ]);
    expect(text).toContain('Erreur de report de note en E5.');
    // Every candidate of the CSV is printed in the PDF.
    for (const row of rows) expect(text).toContain(row[0] ?? '');
    // The counts agree with the rows, the jury's decision counting as the outcome.
    const decidedOutcome = (r: string[]) => (r[6] === '' ? r[5] : r[6]);
    for (const label of ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED'].map(outcomeLabel))
      expect(text).toContain(
        `${label} : ${String(rows.filter((r) => decidedOutcome(r) === label).length)}`,
      );
    expect(text).toContain(`Candidats délibérés : ${String(rows.length)}`);
    expect(text).toContain('Décisions du jury modifiant le résultat calculé : 1');
    expect(text).toContain('Président du jury M. Jean Dupont, IA-IPR');
  });

  it('leaves the names to write in while no jury is recorded', async () => {
    const response = await get(
      '/documents/proces-verbal.pdf?year=2024&specialty=NDRC&stage=FIRST_GROUP',
      'pilote.demo',
    );
    expect(response.status).toBe(200);
    const text = (await parsePdf(new Uint8Array(await response.arrayBuffer()))).text;
    expect(text).toContain('Président : ……');
    expect(text).toContain('Date de la délibération : ……');
  });

  it('is the pilot’s alone, one millisecond before publication and at it; audited; bad parameters refused', async () => {
    const path = '/documents/proces-verbal.pdf?year=2024&specialty=MCO&stage=FIRST_GROUP';
    for (const at of [ms(A_PUBLISHED, -1), A_PUBLISHED]) {
      api.clock.set(at);
      expect((await get(path, 'pilote.demo')).status).toBe(200);
      for (const who of ['academie12.test', 'etablissement.demo', 'candidat.test'])
        for (const p of [path, path.replace('.pdf', '.csv')])
          expect((await get(p, who)).status, `${who} ${p}`).toBe(404);
      expect((await get(path, null)).status).toBe(401);
    }
    const field = await api.gql(JURY, { stage: 'FIRST_GROUP' }, tokens['academie12.test']);
    expect(field.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const produced = (await audits('DOCUMENT_PRODUCED')).filter(
      (a) => (a.after as { document?: string }).document === 'JURY_MINUTES',
    );
    expect(produced.every((a) => a.actor_role === 'PILOT')).toBe(true);
    expect(produced.length).toBeGreaterThanOrEqual(4);
    for (const [query, message] of [
      [
        'year=2024&specialty=MCO&stage=TROISIEME',
        'Paramètre stage invalide (FIRST_GROUP ou FINAL).',
      ],
      [
        'year=deux&specialty=MCO&stage=FINAL',
        'Paramètre year invalide (une année, par exemple 2024).',
      ],
      [
        'year=2024&specialty=MCO&specialty=NDRC&stage=FINAL',
        'Paramètre specialty invalide (une seule valeur).',
      ],
    ] as const) {
      const response = await get(`/documents/proces-verbal.pdf?${query}`, 'pilote.demo');
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message, extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    expect(
      (await get('/documents/proces-verbal.pdf?year=2024&specialty=XYZ&stage=FINAL', 'pilote.demo'))
        .status,
    ).toBe(404);
  });

  it('archives signed minutes with their SHA-256, each a new version, the same file once, never overwritten', async () => {
    const first = scannedPdf('v1');
    const sent = await uploadFile(api.url, first, {
      token: tokens['pilote.demo'],
      query: ARCHIVE,
      variable: 'pdf',
      type: 'application/pdf',
      variables: { year: 2024, specialty: 'MCO', stage: 'FIRST_GROUP' },
    });
    expect(sent.status).toBe(200);
    const archived = (sent.data as Archived | undefined)?.archiveSignedMinute;
    expect(archived).toMatchObject({
      __typename: 'ArchivedSignedMinute',
      alreadyArchived: false,
      minute: { version: 1, sha256: sha256(first), bytes: first.byteLength },
    });
    // The same file again, in base64 this time: kept once.
    const again = await api.gql<Archived>(
      ARCHIVE,
      { ...COMPOSITION, pdf: Buffer.from(first).toString('base64') },
      tokens['pilote.demo'],
    );
    expect(again.data?.archiveSignedMinute).toMatchObject({
      alreadyArchived: true,
      minute: { version: 1 },
    });
    // A scan of a few pages weighs megabytes: it goes through as it is.
    const second = new Uint8Array(3 * 1024 * 1024);
    second.set(scannedPdf('v2, après correction'));
    second.fill(0x41, 64);
    const next = await uploadFile(api.url, second, {
      token: tokens['pilote.demo'],
      query: ARCHIVE,
      variable: 'pdf',
      type: 'application/pdf',
      variables: { year: 2024, specialty: 'MCO', stage: 'FIRST_GROUP' },
    });
    expect((next.data as Archived | undefined)?.archiveSignedMinute.minute).toMatchObject({
      version: 2,
      sha256: sha256(second),
    });

    const listed = await api.gql<{
      examSession: {
        specialties: {
          code: string;
          jury: {
            signedMinutes: { version: number; sha256: string; archivedBy: string; path: string }[];
          };
        }[];
      };
    }>(JURY, { stage: 'FIRST_GROUP' }, tokens['pilote.demo']);
    const minutes = listed.data?.examSession.specialties.find((s) => s.code === 'MCO')?.jury
      .signedMinutes;
    expect(minutes?.map((m) => [m.version, m.sha256, m.archivedBy])).toEqual([
      [1, sha256(first), 'pilote.demo'],
      [2, sha256(second), 'pilote.demo'],
    ]);
    // Each version downloads exactly as archived, for the pilot alone.
    for (const [m, bytes] of [
      [minutes?.[0], first],
      [minutes?.[1], second],
    ] as const) {
      const download = await get(m?.path ?? '', 'pilote.demo');
      expect(download.status).toBe(200);
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
      expect((await get(m?.path ?? '', 'academie12.test')).status).toBe(404);
    }
    expect((await get('/documents/proces-verbal-signe.pdf?id=999999', 'pilote.demo')).status).toBe(
      404,
    );
    expect((await get('/documents/proces-verbal-signe.pdf?id=-1', 'pilote.demo')).status).toBe(400);

    const archivedAudits = await audits('SIGNED_MINUTE_ARCHIVED');
    expect(archivedAudits.map((a) => (a.after as { version: number }).version)).toEqual([1, 2]);

    // The database itself keeps them: no update, no delete.
    await expect(
      api.database.db
        .updateTable('signed_minutes')
        .set({ sha256: '0'.repeat(64) })
        .execute(),
    ).rejects.toThrow(/never changed nor removed/);
    await expect(api.database.db.deleteFrom('signed_minutes').execute()).rejects.toThrow(
      /never changed nor removed/,
    );
  });

  it('refuses what is not a signed minute, and anyone but the pilot', async () => {
    for (const [pdf, code] of [
      ['', 'EMPTY_FILE'],
      [Buffer.from('Numéro;Nom\n').toString('base64'), 'NOT_A_PDF'],
      ['pas du base64 !', 'NOT_BASE64'],
    ] as const) {
      const refused = await api.gql<Archived>(
        ARCHIVE,
        { ...COMPOSITION, pdf },
        tokens['pilote.demo'],
      );
      expect(refused.data?.archiveSignedMinute.__typename, code).toBe('SignedMinuteInvalid');
      expect(refused.data?.archiveSignedMinute.code).toBe(code);
    }
    // Over 20 MB, though within the upload's envelope: refused by its own bound.
    const large = new Uint8Array(20 * 1024 * 1024 + 1);
    large.set(scannedPdf('grand'));
    const tooLarge = await uploadFile(api.url, large, {
      token: tokens['pilote.demo'],
      query: ARCHIVE,
      variable: 'pdf',
      variables: { year: 2024, specialty: 'MCO', stage: 'FINAL' },
    });
    expect(
      (tooLarge.data as Archived | undefined)?.archiveSignedMinute,
      tooLarge.text.slice(0, 300),
    ).toMatchObject({
      __typename: 'SignedMinuteInvalid',
      code: 'FILE_TOO_LARGE',
    });
    const byAcademy = await uploadFile(api.url, scannedPdf('x'), {
      token: tokens['academie12.test'],
      query: ARCHIVE,
      variable: 'pdf',
      variables: { year: 2024, specialty: 'MCO', stage: 'FIRST_GROUP' },
    });
    expect(byAcademy.status).toBe(403);
    const asJson = await api.gql<Archived>(
      ARCHIVE,
      { ...COMPOSITION, pdf: Buffer.from(scannedPdf('y')).toString('base64') },
      tokens['academie12.test'],
    );
    expect(asJson.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const count = await api.database.db
      .selectFrom('signed_minutes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('after the control, lists the candidates allowed to it', async () => {
    api.clock.set(A_PUBLISHED);
    await prepareControl(api, 2);
    api.clock.set(SECOND_GROUP);
    const csv = await get(
      '/documents/proces-verbal.csv?year=2024&specialty=MCO&stage=FINAL',
      'pilote.demo',
    );
    const [header, ...rows] = csvTable(await csv.text());
    expect(header?.[3]).toBe('Moyenne après le contrôle');
    expect(header).not.toContain('Moyenne du domaine professionnel');
    // The candidates allowed to the control, the jury's decision included.
    expect(rows.length).toBe(await mcoCount('CONTROL_ALLOWED'));
    const pdf = await get(
      '/documents/proces-verbal.pdf?year=2024&specialty=MCO&stage=FINAL',
      'pilote.demo',
    );
    const text = (await parsePdf(new Uint8Array(await pdf.arrayBuffer()))).text.replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Délibération du second groupe (après les épreuves de contrôle)');
    expect(text).not.toContain(`${outcomeLabel('CONTROL_ALLOWED')} :`);
    expect(text).toContain(`${outcomeLabel('ADMITTED')} : `);
  });
});
