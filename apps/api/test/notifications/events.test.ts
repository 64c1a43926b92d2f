import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../src/notifications/mail-transport.ts';
import { runWorkerOnce } from '../../src/notifications/worker.ts';
import { listNotifications } from '../../src/repositories/outbox.repository.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

// Batch A's window is open from 28 June 10:00 to 1 July 10:00 Paris.
const IN_WINDOW = new Date('2024-06-29T12:34:00.000Z');
const ADDRESS = 'camille.receipt@exemple.invalid';

const CHOOSE = `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) {
  __typename ... on ControlChoice { tests { code name } } } }`;

interface Chosen {
  chooseControlTests: { __typename: string; tests?: { code: string; name: string }[] };
}

describe.each(backendsUnderTest())(
  'notifications of a choice and of convocations, on %s',
  (backend) => {
    let api: TestApi;
    let sink: SmtpSink;
    let candidateId: string;
    /** The candidate's row id (the GraphQL id is a global one). */
    let rowId: string;
    let candidateToken: string;

    beforeAll(async () => {
      sink = await startSmtpSink();
      api = await startTestApi(backend, { at: IN_WINDOW });
      candidateToken = await api.logIn('candidat.demo');
      const me = await api.gql<{ viewer: { candidate: { id: string; number: string } } }>(
        '{ viewer { candidate { id number } } }',
        {},
        candidateToken,
      );
      candidateId = me.data?.viewer.candidate.id ?? '';
      const row = await api.database.db
        .updateTable('candidates')
        .set({ email: ADDRESS })
        .where('year', '=', 2024)
        .where('number', '=', me.data?.viewer.candidate.number ?? '')
        .returning('id')
        .executeTakeFirstOrThrow();
      rowId = row.id;
    });
    afterAll(async () => {
      await api.close();
      await sink.close();
    });

    const receipts = async () =>
      (await listNotifications(api.database.db, { kind: 'CHOICE_RECEIPT' })).filter(
        (n) => n.candidateId === rowId,
      );

    it('a choice recorded through GraphQL yields exactly one receipt, in French, at the candidate’s address', async () => {
      const chosen = await api.gql<Chosen>(
        CHOOSE,
        { id: candidateId, codes: ['E3', 'E1'] },
        candidateToken,
      );
      expect(chosen.data?.chooseControlTests.__typename).toBe('ControlChoice');
      const tests = chosen.data?.chooseControlTests.tests ?? [];
      expect(await receipts()).toHaveLength(1);

      const transport = smtpTransport(
        sink.url,
        'Rattrapage <ne-pas-repondre@rattrapage.ac-reims.invalid>',
      );
      try {
        await runWorkerOnce(api.database.db, transport, api.clock);
      } finally {
        transport.close();
      }
      const mine = sink.received.filter((m) => m.envelopeTo.includes(ADDRESS));
      expect(mine).toHaveLength(1);
      const [mail] = mine;
      expect(mail?.to).toBe(ADDRESS);
      expect(mail?.subject).toMatch(
        /^Épreuves de contrôle \(BTS [A-Z]+, session 2024\) : votre choix est enregistré$/,
      );
      expect(mail?.text).toContain(
        'enregistré depuis votre espace candidat le samedi 29 juin 2024 à 14 h 34.',
      );
      expect(mail?.text).toContain(
        `Épreuves choisies :\n- E1 ${tests[0]?.name ?? '?'}\n- E3 ${tests[1]?.name ?? '?'}\n`,
      );
      expect(mail?.text).toContain('jusqu’au lundi 1er juillet 2024 à 10 h 00 (heure de Paris)');
    });

    it('a school’s entry is acknowledged to the candidate too; a refused one is not', async () => {
      const school = await api.logIn('etablissement.demo');
      api.clock.set(new Date(IN_WINDOW.getTime() + 60_000));
      const byschool = await api.gql<Chosen>(
        CHOOSE,
        { id: candidateId, codes: ['E1', 'E2'] },
        school,
      );
      expect(byschool.data?.chooseControlTests.__typename).toBe('ControlChoice');
      const after = await receipts();
      expect(after).toHaveLength(2);
      expect(after[1]?.recipient).toBe(ADDRESS);
      expect(after[1]?.body).toContain('par votre établissement de formation');

      const refused = await api.gql<Chosen>(
        CHOOSE,
        { id: candidateId, codes: ['E1', 'E1'] },
        candidateToken,
      );
      expect(refused.data?.chooseControlTests.__typename).not.toBe('ControlChoice');
      api.clock.set(new Date('2024-07-01T08:00:00.000Z'));
      const late = await api.gql<Chosen>(
        CHOOSE,
        { id: candidateId, codes: ['E1', 'E3'] },
        candidateToken,
      );
      expect(late.data?.chooseControlTests.__typename).toBe('ChoiceWindowClosed');
      expect(await receipts()).toHaveLength(2);
    });

    it('a candidate without an address gets no receipt, and the choice still counts', async () => {
      api.clock.set(IN_WINDOW);
      await api.database.db
        .updateTable('candidates')
        .set({ email: null })
        .where('id', '=', rowId)
        .execute();
      const chosen = await api.gql<Chosen>(
        CHOOSE,
        { id: candidateId, codes: ['E2', 'E3'] },
        candidateToken,
      );
      expect(chosen.data?.chooseControlTests.__typename).toBe('ControlChoice');
      expect(await receipts()).toHaveLength(2);
    });

    it('issuing the convocations yields one message per candidate with both orals, once', async () => {
      await api.database.db
        .updateTable('candidates')
        .set({ email: ADDRESS })
        .where('id', '=', rowId)
        .execute();
      api.clock.set(new Date('2024-07-01T09:00:00.000Z'));
      const pilot = await api.logIn('pilote.demo');
      const schedule =
        'mutation { scheduleConvocations(year: 2024, academyCode: "19") { __typename ... on ConvocationPlan { issued } } }';
      const plan = await api.gql<{ scheduleConvocations: { issued: number } }>(schedule, {}, pilot);
      expect(plan.data?.scheduleConvocations.issued).toBeGreaterThanOrEqual(2);
      const notices = () => listNotifications(api.database.db, { kind: 'CONVOCATION' });
      const mine = (await notices()).filter((n) => n.candidateId === rowId);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.recipient).toBe(ADDRESS);
      expect(mine[0]?.body).toMatch(/\nE2 [^\n]+\n- le [^\n]+2024\n/);
      expect(mine[0]?.body).toMatch(/\nE3 [^\n]+\n- le [^\n]+2024\n/);
      expect(mine[0]?.body.match(/- lieu : /g)).toHaveLength(2);
      const before = (await notices()).length;
      await api.gql(schedule, {}, pilot);
      expect(await notices()).toHaveLength(before);
    });
  },
);
