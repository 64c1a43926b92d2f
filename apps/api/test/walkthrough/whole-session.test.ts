import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCalendar } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import type { ImportKind } from '../../src/import/import-kind.ts';
import { initialPassword } from '../../src/import/initial-passwords.ts';
import { runImport } from '../../src/import/run-import.ts';
import { findAccountByIdentifier } from '../../src/repositories/accounts.repository.ts';
import { createAcademyAccount } from '../../src/services/create-account.ts';
import { type SessionDefinition, defineSession } from '../../src/services/define-session.ts';
import { parsePdf } from '../documents/pdf-text.ts';
import { uploadFile } from '../support/upload.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { type WalkthroughApi, readExample, startEmptyApi } from './walkthrough-api.ts';

/*
 * docs/operations.md, « A whole session, step by step », followed line by
 * line with the files of docs/examples/ and the functions the command-line
 * tools call (session, account, import), then the GraphQL calls and the
 * document downloads over real HTTP. If the docs' files or steps stop
 * working, this fails.
 */

// Before the first-group publication of batch A (28 June 2024 10:00 Paris).
const BEFORE_PUBLICATION = new Date('2024-06-27T08:00:00.000Z');
// Inside batch A's choice window (28 June 10:00 → 1 July 10:00 Paris).
const IN_WINDOW = new Date('2024-06-29T08:00:00.000Z');
// After the window, before the orals of 3 July.
const AFTER_WINDOW = new Date('2024-07-01T09:00:00.000Z');
// The evening of the orals, when the marks come back.
const AFTER_ORALS = new Date('2024-07-04T16:00:00.000Z');

const PILOT = 'pilote.reims';
const PARTNER = 'academie.nancy-metz';
const ADMITTED = '24019000001';
const PASSES_CONTROL = '24019000002';
const FAILS_CONTROL = '24019000003';
const FAILED = '24019000004';
const PARTNER_CANDIDATE = '24012000005';
const CONTROL_CANDIDATES = [PASSES_CONTROL, FAILS_CONTROL, PARTNER_CANDIDATE];

const NEW_PASSWORD = 'une phrase de passe à moi 2024';
const CHANGE_PASSWORD = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) { __typename ... on Session { token } } }`;
const CANDIDATES = `{ candidates(year: 2024, first: 50) { totalCount edges { node { number firstGroup { outcome } } } } }`;
const ME = `{ viewer { identifier candidate { id number firstGroup { outcome }
  finalResult { outcome overallAverage { display } controlMarks { test { code } mark { hundredths } } } } } }`;
const CHOOSE = `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) {
  __typename ... on Error { code message } ... on ControlChoice { channel enteredBy tests { code } } } }`;
const SET_EXAMINERS = `mutation($a: String!, $e: [ExaminerInput!]!) { setExaminers(year: 2024, academyCode: $a, examiners: $e) {
  __typename ... on ExaminerList { examiners { name } } ... on Error { code message } } }`;
const SET_ROOMS = `mutation($a: String!, $r: [RoomInput!]!) { setRooms(year: 2024, academyCode: $a, rooms: $r) {
  __typename ... on RoomList { rooms { name } } ... on Error { code message } } }`;
const RECORD_JURY = `mutation($stage: JuryStage!, $day: Date!) { recordJury(year: 2024, specialty: "MCO", stage: $stage,
  president: "M. Jean Dupont, IA-IPR", members: ["Mme Claire Martin", "M. Paul Bernard"], deliberatedOn: $day) {
  __typename ... on Jury { minutesPath } ... on Error { code message } } }`;
const ARCHIVE_MINUTE = `mutation($pdf: String!) { archiveSignedMinute(year: 2024, specialty: "MCO", stage: FIRST_GROUP, pdf: $pdf) {
  __typename ... on ArchivedSignedMinute { alreadyArchived minute { version sha256 path } } ... on Error { code message } } }`;
const CONSENT = `mutation { setAdmissionListConsent(given: true) { given } }`;
const ADMISSION_LIST = `{ admissionList(year: 2024, specialtyCode: "MCO") { names { lastName firstName } } }`;
const SCHEDULE = `mutation($a: String!) { scheduleConvocations(year: 2024, academyCode: $a) {
  __typename ... on ConvocationPlan { issued alreadyIssued pendingSpecialtyCodes unplaced { reason message } } } }`;

interface Me {
  viewer: {
    identifier: string;
    candidate: {
      id: string;
      number: string;
      firstGroup: { outcome: string } | null;
      finalResult: {
        outcome: string;
        overallAverage: { display: string };
        controlMarks: { test: { code: string }; mark: { hundredths: number } | null }[];
      } | null;
    };
  };
}

/** The examiners of the docs: one for E1 and one for E3 of MCO, on the day of the orals. */
const examinersFor = (day: string) => [
  {
    name: 'Mme Durand',
    day,
    availableFrom: '08:00',
    availableUntil: '18:00',
    tests: [{ specialtyCode: 'MCO', testCode: 'E1' }],
  },
  {
    name: 'M. Lefèvre',
    day,
    availableFrom: '08:00',
    availableUntil: '18:00',
    tests: [{ specialtyCode: 'MCO', testCode: 'E3' }],
  },
];
const ROOMS = [
  { name: 'Salle 101', accessible: true },
  { name: 'Salle 102', accessible: false },
];

describe.each(backendsUnderTest())(
  'a whole session, as docs/operations.md tells, on %s',
  (backend) => {
    let api: WalkthroughApi;
    let workDir: string;
    let definition: SessionDefinition;
    const passwords = new Map<string, string>();
    const tokens = new Map<string, string>();
    const accountPasswords = new Map<string, string>();

    // What `pnpm --filter @rattrapage/api run import -- <kind> <file> --year 2024` runs.
    const importExample = async (kind: ImportKind, file: string, account: string | null = null) => {
      const acting =
        account === null ? null : await findAccountByIdentifier(api.database.db, account);
      return runImport(api.database.db, {
        kind,
        year: 2024,
        bytes: await readExample(file),
        actor: {
          accountId: acting?.id ?? null,
          role: acting?.role ?? null,
          label: account ?? 'cli',
        },
        at: api.clock.now(),
        hashPassword,
        createAccounts: true,
      });
    };
    // First log-in with a handed-over password: only viewer, logOut and
    // changePassword answer until it is changed; the new session is used after.
    const token = async (identifier: string) => {
      const known = tokens.get(identifier);
      if (known !== undefined) return known;
      const initial = passwords.get(identifier) ?? accountPasswords.get(identifier) ?? '';
      const first = await api.logIn(identifier, initial);
      const changed = await api.gql<{ changePassword: { __typename: string; token?: string } }>(
        CHANGE_PASSWORD,
        { current: initial, next: NEW_PASSWORD },
        first,
      );
      const fresh = changed.data?.changePassword.token;
      if (fresh === undefined) throw new Error(`${identifier}: ${JSON.stringify(changed)}`);
      tokens.set(identifier, fresh);
      return fresh;
    };
    const me = async (number: string) => {
      const r = await api.gql<Me>(ME, {}, await token(number));
      expect(r.errors).toBeUndefined();
      return r.data?.viewer.candidate;
    };

    beforeAll(async () => {
      api = await startEmptyApi(backend, BEFORE_PUBLICATION);
      workDir = await mkdtemp(join(tmpdir(), 'rattrapage-walkthrough-'));
    });
    afterAll(async () => {
      await api.close();
      await rm(workDir, { recursive: true, force: true });
    });

    it('1. defines the 2024 session from docs/examples/session-2024.json', async () => {
      definition = JSON.parse(
        (await readExample('session-2024.json')).toString('utf8'),
      ) as SessionDefinition;
      const outcome = await defineSession(api.database.db, definition, {
        at: api.clock.now(),
        who: 'cli',
      });
      expect(outcome).toEqual({ kind: 'defined', year: 2024, specialties: 3 });
    });

    it('2. creates the pilot and a partner académie account, each with a password shown once', async () => {
      for (const [identifier, role, academyCode] of [
        [PILOT, 'PILOT', '19'],
        [PARTNER, 'ACADEMY', '12'],
      ] as const) {
        const outcome = await createAcademyAccount(
          api.database.db,
          { identifier, role, academyCode },
          { at: api.clock.now(), who: 'cli', generatePassword: initialPassword, hashPassword },
        );
        if (outcome.kind !== 'created') throw new Error(JSON.stringify(outcome));
        accountPasswords.set(identifier, outcome.password);
      }
      const viewer = await api.gql<{ viewer: { role: string; academy: { code: string } } }>(
        '{ viewer { role academy { code } } }',
        {},
        await token(PARTNER),
      );
      expect(viewer.data?.viewer).toEqual({ role: 'ACADEMY', academy: { code: '12' } });
    });

    it('3. imports structures, schools, candidates (initial passwords to a file) and first-group marks', async () => {
      const counts: Record<string, number> = {};
      for (const [kind, file] of [
        ['STRUCTURES', 'structures.csv'],
        ['SCHOOLS', 'schools.csv'],
        ['CANDIDATES', 'candidates.csv'],
        ['MARKS', 'marks.csv'],
      ] as const) {
        const outcome = await importExample(kind, file);
        if (outcome.kind !== 'imported') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
        counts[kind] = outcome.report.inserted;
        if (kind === 'CANDIDATES') {
          // As the command line does with --passwords: owner-only, `number;password`.
          const out = await open(join(workDir, 'initial-passwords.csv'), 'w', 0o600);
          await out.writeFile(
            `number;password\n${outcome.report.initialPasswords.map((p) => `${p.number};${p.password}\n`).join('')}`,
          );
          await out.close();
        }
      }
      expect(counts).toEqual({ STRUCTURES: 23, SCHOOLS: 2, CANDIDATES: 5, MARKS: 40 });

      const lines = (await readFile(join(workDir, 'initial-passwords.csv'), 'utf8'))
        .trim()
        .split('\n');
      expect(lines[0]).toBe('number;password');
      for (const line of lines.slice(1)) {
        const [number = '', password = ''] = line.split(';');
        passwords.set(number, password);
      }
      expect([...passwords.keys()].sort()).toEqual(
        [ADMITTED, PASSES_CONTROL, FAILS_CONTROL, FAILED, PARTNER_CANDIDATE].sort(),
      );
      // A candidate logs in with the initial password handed over; the results are still embargoed.
      const candidate = await me(PASSES_CONTROL);
      expect(candidate?.number).toBe(PASSES_CONTROL);
      expect(candidate?.firstGroup).toBeNull();
    });

    it('4. the pilot checks the first-group outcomes the sample marks were made for', async () => {
      const r = await api.gql<{
        candidates: { edges: { node: { number: string; firstGroup: { outcome: string } } }[] };
      }>(CANDIDATES, {}, await token(PILOT));
      const outcomes = Object.fromEntries(
        r.data?.candidates.edges.map((e) => [e.node.number, e.node.firstGroup.outcome]) ?? [],
      );
      expect(outcomes).toEqual({
        [ADMITTED]: 'ADMITTED',
        [PASSES_CONTROL]: 'CONTROL_ALLOWED',
        [FAILS_CONTROL]: 'CONTROL_ALLOWED',
        [FAILED]: 'FAILED',
        [PARTNER_CANDIDATE]: 'CONTROL_ALLOWED',
      });
    });

    it('4 b. the first-group jury: its preparation sheet, its minutes printed, signed and archived', async () => {
      const pilot = await token(PILOT);
      const sheet = await api.get(
        '/documents/preparation-jury.csv?year=2024&specialty=MCO&stage=FIRST_GROUP&distance=1',
        pilot,
      );
      const rows = (await sheet.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
        .slice(1);
      // Best average first: 12,00, then the three at 9,14 by number, then 7,00.
      expect(rows.map((r) => r.split(';')[0])).toEqual([
        ADMITTED,
        PARTNER_CANDIDATE,
        PASSES_CONTROL,
        FAILS_CONTROL,
        FAILED,
      ]);
      expect(rows[1]).toContain('Admission (10) : manque 0,86');

      const recorded = await api.gql<{ recordJury: { __typename: string; minutesPath: string } }>(
        RECORD_JURY,
        { stage: 'FIRST_GROUP', day: '2024-06-27' },
        pilot,
      );
      expect(recorded.data?.recordJury.__typename).toBe('Jury');
      const minutes = await api.get(recorded.data?.recordJury.minutesPath ?? '', pilot);
      expect(minutes.status).toBe(200);
      const printed = new Uint8Array(await minutes.arrayBuffer());
      const text = (await parsePdf(printed)).text.replace(/\s+/g, ' ');
      expect(text).toContain('Président : M. Jean Dupont, IA-IPR');
      for (const number of [ADMITTED, PASSES_CONTROL, FAILS_CONTROL, PARTNER_CANDIDATE, FAILED])
        expect(text).toContain(number);
      expect(text).toContain('Candidats délibérés : 5');
      expect(text).toContain('Admis : 1');
      expect(text).toContain('Admis à se présenter aux épreuves de contrôle : 3');
      expect(text).toContain('Ajourné : 1');

      // The signed minute, scanned, is archived with its SHA-256 (here the printed file stands in).
      const archived = await uploadFile(api.url, printed, {
        token: pilot,
        query: ARCHIVE_MINUTE,
        variable: 'pdf',
        type: 'application/pdf',
      });
      expect(archived.data).toMatchObject({
        archiveSignedMinute: {
          __typename: 'ArchivedSignedMinute',
          alreadyArchived: false,
          minute: { version: 1, sha256: createHash('sha256').update(printed).digest('hex') },
        },
      });
    });

    it('5. in the window, the candidates allowed to the control choose E1 and E3', async () => {
      api.clock.set(IN_WINDOW);
      for (const number of CONTROL_CANDIDATES) {
        const candidate = await me(number);
        expect(candidate?.firstGroup?.outcome).toBe('CONTROL_ALLOWED');
        const r = await api.gql<{ chooseControlTests: Record<string, unknown> }>(
          CHOOSE,
          { id: candidate?.id, codes: ['E1', 'E3'] },
          await token(number),
        );
        expect(r.data?.chooseControlTests).toEqual({
          __typename: 'ControlChoice',
          channel: 'CANDIDATE_SPACE',
          enteredBy: number,
          tests: [{ code: 'E1' }, { code: 'E3' }],
        });
      }
      // One of them agrees to be named on the public list of admitted candidates.
      const consent = await api.gql(CONSENT, {}, await token(PASSES_CONTROL));
      expect(consent.data).toEqual({ setAdmissionListConsent: { given: true } });
    });

    it('6. after the window, each académie declares examiners and rooms and schedules its orals', async () => {
      api.clock.set(AFTER_WINDOW);
      for (const [academy, identifier, convoked] of [
        ['19', PILOT, 2],
        ['12', PARTNER, 1],
      ] as const) {
        const t = await token(identifier);
        const examiners = await api.gql<{ setExaminers: { __typename: string } }>(
          SET_EXAMINERS,
          { a: academy, e: examinersFor('2024-07-03') },
          t,
        );
        expect(examiners.data?.setExaminers.__typename).toBe('ExaminerList');
        const rooms = await api.gql<{ setRooms: { __typename: string } }>(
          SET_ROOMS,
          { a: academy, r: ROOMS },
          t,
        );
        expect(rooms.data?.setRooms.__typename).toBe('RoomList');
        const plan = await api.gql<{ scheduleConvocations: Record<string, unknown> }>(
          SCHEDULE,
          { a: academy },
          t,
        );
        expect(plan.data?.scheduleConvocations).toEqual({
          __typename: 'ConvocationPlan',
          issued: 2 * convoked,
          alreadyIssued: 0,
          pendingSpecialtyCodes: [],
          unplaced: [],
        });
      }
    });

    it('7. prints the convocations: one PDF page per convoked candidate, per académie', async () => {
      for (const [academy, identifier, numbers] of [
        ['19', PILOT, [PASSES_CONTROL, FAILS_CONTROL]],
        ['12', PARTNER, [PARTNER_CANDIDATE]],
      ] as const) {
        const response = await api.get(
          `/documents/convocations.pdf?year=2024&academy=${academy}`,
          await token(identifier),
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain('application/pdf');
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        const pdf = await parsePdf(bytes);
        // In candidate-number order.
        expect(pdf.pages).toHaveLength(numbers.length);
        numbers.forEach((number, i) => {
          expect(pdf.pages[i]).toContain(`Numéro de candidat : ${number}`);
          expect(pdf.pages[i]).toContain('Salle 10');
        });
      }
    });

    it('7 b. prints the sign-in sheets and mark slips; the slips ask for exactly the marks of the example file', async () => {
      const example = (await readExample('control-marks.csv'))
        .toString('utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(';').slice(0, 2).join(';'));
      const asked: string[] = [];
      for (const [academy, identifier] of [
        ['19', PILOT],
        ['12', PARTNER],
      ] as const) {
        const sheets = await api.get(
          `/documents/emargement.pdf?year=2024&academy=${academy}`,
          await token(identifier),
        );
        expect(sheets.status).toBe(200);
        const pdf = await parsePdf(new Uint8Array(await sheets.arrayBuffer()));
        expect(pdf.text).toContain('Feuille d’émargement');
        const slips = await api.get(
          `/documents/bordereaux.csv?year=2024&academy=${academy}`,
          await token(identifier),
        );
        expect(slips.status).toBe(200);
        const [header, ...rows] = (await slips.text())
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n');
        expect(header).toBe('number;test;mark;last_name;first_name;day;starts_at;room;examiner');
        for (const row of rows) {
          const [number = '', test = '', mark] = row.split(';');
          expect(mark).toBe('');
          expect(pdf.text).toContain(number);
          asked.push(`${number};${test}`);
        }
      }
      expect(asked.sort()).toEqual([...example].sort());
    });

    it('8. imports the control marks from docs/examples/control-marks.csv, for the pilot', async () => {
      api.clock.set(AFTER_ORALS);
      const outcome = await importExample('CONTROL_MARKS', 'control-marks.csv', PILOT);
      if (outcome.kind !== 'imported') throw new Error(JSON.stringify(outcome));
      expect(outcome.report).toMatchObject({ rows: 6, inserted: 6 });
      // Still under embargo for the candidates until the second-group publication.
      expect((await me(PASSES_CONTROL))?.finalResult).toBeNull();
    });

    it('9. publishes at the second-group instant: one admitted thanks to the control, one still failed', async () => {
      const publication = buildCalendar(definition.calendar).secondGroupResultsAt;
      api.clock.set(new Date(publication.getTime() - 1));
      expect((await me(PASSES_CONTROL))?.finalResult).toBeNull();

      api.clock.set(publication);
      const passes = await me(PASSES_CONTROL);
      expect(passes?.finalResult).toMatchObject({ outcome: 'ADMITTED' });
      // (6·3 + 8·3 + 6·3 + 11·12) / 21 = 9,14 in the first group; 10 and 10 in E1 and E3 → 10,28.
      expect(passes?.finalResult?.overallAverage.display).toBe('10,28');
      const fails = await me(FAILS_CONTROL);
      expect(fails?.finalResult).toMatchObject({ outcome: 'FAILED' });
      expect(fails?.finalResult?.overallAverage.display).toBe('9,28');
      expect((await me(PARTNER_CANDIDATE))?.finalResult).toMatchObject({ outcome: 'ADMITTED' });

      const csv = async (academy: string, identifier: string) => {
        const response = await api.get(
          `/documents/resultats.csv?year=2024&academy=${academy}`,
          await token(identifier),
        );
        expect(response.status).toBe(200);
        return (await response.text())
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n');
      };
      const reims = await csv('19', PILOT);
      const control = 'Admis à se présenter aux épreuves de contrôle';
      expect(reims).toEqual([
        'Numéro;Nom;Prénom;Spécialité;Académie d’origine;Premier groupe;Moyenne premier groupe;Résultat final;Décision du jury',
        `${ADMITTED};Bernard;Alice;MCO;19;Admis;12,00;Admis;`,
        `${PASSES_CONTROL};Petit;Hugo;MCO;19;${control};9,14;Admis;`,
        `${FAILS_CONTROL};Roux;Inès;MCO;19;${control};9,14;Ajourné;`,
        `${FAILED};Moreau;Léo;MCO;19;Ajourné;7,00;Ajourné;`,
      ]);
      const nancy = await csv('12', PARTNER);
      expect(nancy.slice(1).map((line) => line.split(';')[0])).toEqual([PARTNER_CANDIDATE]);

      // The one admitted thanks to the control gets an attestation that anyone can check.
      const own = await api.gql<{
        viewer: { candidate: { attestationPath: string; attestationCode: string } };
      }>(
        '{ viewer { candidate { attestationPath attestationCode } } }',
        {},
        await token(PASSES_CONTROL),
      );
      const { attestationPath, attestationCode } = own.data?.viewer.candidate ?? {
        attestationPath: '',
        attestationCode: '',
      };
      const attestation = await api.get(attestationPath, await token(PASSES_CONTROL));
      expect(attestation.status).toBe(200);
      const text = (await parsePdf(new Uint8Array(await attestation.arrayBuffer()))).text.replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('à l’issue des épreuves de contrôle');
      expect(text).toContain(`Code de vérification : ${attestationCode}`);
      const verified = await api.gql<{ verifyAttestation: unknown }>(
        'query($c: String!) { verifyAttestation(code: $c) { lastName firstName } }',
        { c: attestationCode },
      );
      expect(verified.data?.verifyAttestation).toEqual({ lastName: 'Petit', firstName: 'Hugo' });
    });

    it('9 b. the final jury: its minutes; the public list names only who consented; the certificate of skill blocks of the one who failed', async () => {
      const pilot = await token(PILOT);
      const recorded = await api.gql<{ recordJury: { minutesPath: string } }>(
        RECORD_JURY,
        { stage: 'FINAL', day: '2024-07-10' },
        pilot,
      );
      const minutes = await api.get(recorded.data?.recordJury.minutesPath ?? '', pilot);
      const text = (await parsePdf(new Uint8Array(await minutes.arrayBuffer()))).text.replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('Délibération du second groupe (après les épreuves de contrôle)');
      expect(text).toContain('Date de la délibération : mercredi 10 juillet 2024');
      for (const number of CONTROL_CANDIDATES) expect(text).toContain(number);
      expect(text).not.toContain(ADMITTED);
      expect(text).toContain('Candidats délibérés : 3');
      expect(text).toContain('Admis : 2');
      expect(text).toContain('Ajourné : 1');

      const list = await api.gql<{ admissionList: { names: unknown[] } }>(ADMISSION_LIST, {});
      expect(list.data?.admissionList.names).toEqual([{ lastName: 'Petit', firstName: 'Hugo' }]);

      // The one who failed after the control keeps the blocks marked 10 or more: B1 to B4 at 11.
      const own = await api.gql<{ viewer: { candidate: { skillBlocksCertificatePath: string } } }>(
        '{ viewer { candidate { skillBlocksCertificatePath } } }',
        {},
        await token(FAILS_CONTROL),
      );
      const certificate = await api.get(
        own.data?.viewer.candidate.skillBlocksCertificatePath ?? '',
        await token(FAILS_CONTROL),
      );
      expect(certificate.status).toBe(200);
      const blocks = (await parsePdf(new Uint8Array(await certificate.arrayBuffer()))).text.replace(
        /\s+/g,
        ' ',
      );
      expect(blocks).toContain('par délibération du jury du mercredi 10 juillet 2024');
      for (const code of ['B1', 'B2', 'B3', 'B4'])
        expect(blocks).toMatch(new RegExp(`${code} .* 11,00`));
      for (const code of ['B5', 'B6', 'B7']) expect(blocks).not.toContain(`${code} `);
    });
  },
);
