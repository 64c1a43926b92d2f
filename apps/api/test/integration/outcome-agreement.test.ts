import fc from 'fast-check';
import { eligibleControlTests } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadFirstGroupFacts,
  loadFirstGroupMarks,
} from '../../src/repositories/marks.repository.ts';
import { loadSessionReference } from '../../src/repositories/reference.repository.ts';
import { outcomeLabel } from '../../src/documents/labels.ts';
import { parsePdf } from '../documents/pdf-text.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { loseMark } from '../support/missing-mark.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

/**
 * The outcome after the jury is THE outcome: whatever the jury decides,
 * every list, count, statistic and export agrees with the per-candidate
 * fields, for the pilot and for a partner académie, before and after the
 * publications. Random jury decisions over the demo candidates (some with a
 * mark missing, some with a choice left from before the jury, some with
 * control marks), then everything compared with the fields.
 */

const B_PUBLISHED = new Date('2024-07-01T17:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
// Batch A published, batch B (SIO) and the final results not yet; then everything published.
const INSTANTS = [new Date(B_PUBLISHED.getTime() - 1), SECOND_GROUP];
const OUTCOMES = ['ADMITTED', 'CONTROL_ALLOWED', 'FAILED'] as const;

interface Fields {
  id: string;
  specialty: { code: string };
  originAcademy: { code: string };
  firstGroup: { outcome: string } | null;
  control: { choice: { enteredAt: string } | null } | null;
  finalResult: { outcome: string } | null;
}

const FIELDS = `{ candidates(year: 2024, first: 500) { totalCount edges { node {
  id specialty { code } originAcademy { code } firstGroup { outcome }
  control { choice { enteredAt } } finalResult { outcome } } } } }`;

const IDS = `query($filter: CandidateFilter!) { candidates(year: 2024, first: 500, filter: $filter) {
  totalCount edges { node { id } } } }`;

const STATISTICS = `query($a: String) { statistics(year: 2024, academyCode: $a) {
  outcomes { specialtyCode originAcademyCode outcome count }
  choices { specialtyCode originAcademyCode count }
  controlPassRates { specialtyCode passed presented } } }`;

const FINAL_RESULTS = `{ finalResults(year: 2024, academyCode: "12") {
  candidate { id } firstGroupOutcome finalOutcome } }`;

const RECORD = `mutation($id: ID!, $stage: JuryStage!, $outcome: JuryOutcome!) {
  recordJuryDecision(candidateId: $id, stage: $stage, outcome: $outcome, reason: "Délibération") {
    __typename } }`;

const tally = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

describe.each(backendsUnderTest())(
  'filters, counts and exports agree with the fields, on %s',
  (backend) => {
    let api: TestApi;
    let ids: string[];

    beforeAll(async () => {
      api = await startTestApi(backend, { at: SECOND_GROUP, candidates: 120 });
      const db = api.database.db;
      const rows = await db
        .selectFrom('candidates')
        .select(['id', 'specialty_code', 'individual', 'first_group_outcome'])
        .orderBy('number')
        .execute();
      ids = rows.map((r) => r.id);
      // Two candidates lose a mark: no computed outcome for them.
      await loseMark(
        db,
        rows
          .filter((r) => r.first_group_outcome === 'FAILED')
          .slice(0, 2)
          .map((r) => r.id),
      );
      // Choices for two candidates in three, whatever their outcome (a jury may
      // change it afterwards), and control marks for half of those.
      const reference = await loadSessionReference(db, 2024);
      const marks = await loadFirstGroupMarks(db, ids);
      const pilot = await db
        .selectFrom('accounts')
        .select('id')
        .where('identifier', '=', 'pilote.demo')
        .executeTakeFirstOrThrow();
      for (const [i, r] of rows.entries()) {
        if (i % 3 === 2) continue;
        const structure = reference?.specialties.get(r.specialty_code)?.structure;
        const tests =
          structure === undefined
            ? []
            : eligibleControlTests(structure, marks.get(r.id) ?? new Map());
        const [a, b] = tests.map((t) => t.code).sort();
        if (a === undefined || b === undefined) continue;
        await db
          .insertInto('control_choices')
          .values({
            candidate_id: r.id,
            individual: r.individual,
            test_code_1: a,
            test_code_2: b,
            channel: 'CANDIDATE_SPACE',
            entered_at: new Date('2024-06-28T09:00:00.000Z'),
            entered_by_account_id: pilot.id,
          })
          .execute();
        if (i % 2 === 0)
          await db
            .insertInto('control_marks')
            .values(
              [a, b].map((code, k) => ({
                candidate_id: r.id,
                test_code: code,
                status: k === 1 && i % 4 === 0 ? ('ABSENT' as const) : ('MARK' as const),
                hundredths: k === 1 && i % 4 === 0 ? null : (i * 97) % 2001,
                recorded_at: new Date('2024-07-04T09:00:00.000Z'),
                recorded_by_account_id: pilot.id,
              })),
            )
            .execute();
      }
    });
    afterAll(async () => {
      await api.close();
    });

    async function expectAgreement(
      who: 'pilote.demo' | 'academie.demo',
      at: Date,
      /** Candidates whose transcript is checked against their fields. */
      sample: readonly string[],
    ) {
      api.clock.set(at);
      const token = await api.logIn(who);
      const all = await api.gql<{ candidates: { totalCount: number; edges: { node: Fields }[] } }>(
        FIELDS,
        {},
        token,
      );
      expect(all.errors).toBeUndefined();
      const nodes = all.data?.candidates.edges.map((e) => e.node) ?? [];
      expect(nodes.length).toBe(all.data?.candidates.totalCount);
      const where = (p: (n: Fields) => boolean) =>
        nodes
          .filter(p)
          .map((n) => n.id)
          .sort();
      const ask = async (filter: Record<string, unknown>) => {
        const r = await api.gql<{
          candidates: { totalCount: number; edges: { node: { id: string } }[] };
        }>(IDS, { filter }, token);
        const listed = r.data?.candidates.edges.map((e) => e.node.id).sort() ?? [];
        expect(r.data?.candidates.totalCount).toBe(listed.length);
        return listed;
      };
      const label = `${who} at ${at.toISOString()}`;

      for (const outcome of OUTCOMES)
        expect(await ask({ firstGroupOutcome: outcome }), `${label}: ${outcome}`).toEqual(
          where((n) => n.firstGroup?.outcome === outcome),
        );
      expect(await ask({ hasChosen: true }), `${label}: chosen`).toEqual(
        where((n) => n.control?.choice != null),
      );
      expect(await ask({ hasChosen: false }), `${label}: not chosen`).toEqual(
        where((n) => n.control?.choice == null),
      );

      const academy = who === 'academie.demo' ? '12' : null;
      const stats = await api.gql<{
        statistics: {
          outcomes: {
            specialtyCode: string;
            originAcademyCode: string;
            outcome: string;
            count: number;
          }[];
          choices: { specialtyCode: string; originAcademyCode: string; count: number }[];
          controlPassRates: { specialtyCode: string | null; passed: number; presented: number }[];
        };
      }>(STATISTICS, { a: academy }, token);
      expect(stats.errors).toBeUndefined();
      const s = stats.data?.statistics;
      // PENDING and UNDISCLOSED both answer a null field: told apart by the clock, not the data.
      const counted = new Map<string, number>();
      for (const o of s?.outcomes ?? []) {
        const key = `${o.specialtyCode}/${o.originAcademyCode}/${['PENDING', 'UNDISCLOSED'].includes(o.outcome) ? 'none' : o.outcome}`;
        counted.set(key, (counted.get(key) ?? 0) + o.count);
      }
      expect(counted, `${label}: outcome counts`).toEqual(
        tally(
          nodes.map(
            (n) => `${n.specialty.code}/${n.originAcademy.code}/${n.firstGroup?.outcome ?? 'none'}`,
          ),
        ),
      );
      expect(
        new Map(
          (s?.choices ?? []).map((c) => [`${c.specialtyCode}/${c.originAcademyCode}`, c.count]),
        ),
        `${label}: choice counts`,
      ).toEqual(
        tally(
          nodes
            .filter((n) => n.control?.choice != null)
            .map((n) => `${n.specialty.code}/${n.originAcademy.code}`),
        ),
      );
      const presented = nodes.filter((n) => n.control?.choice != null && n.finalResult !== null);
      expect(
        s?.controlPassRates.find((r) => r.specialtyCode === null),
        `${label}: pass rate`,
      ).toMatchObject({
        presented: presented.length,
        passed: presented.filter((n) => n.finalResult?.outcome === 'ADMITTED').length,
      });

      const exported = await api.gql<{
        finalResults: {
          candidate: { id: string };
          firstGroupOutcome: string;
          finalOutcome: string;
        }[];
      }>(FINAL_RESULTS, {}, token);
      expect(exported.errors).toBeUndefined();
      expect(
        (exported.data?.finalResults ?? [])
          .map((r) => [r.candidate.id, r.firstGroupOutcome, r.finalOutcome])
          .sort(),
        `${label}: final results export`,
      ).toEqual(
        nodes
          .filter((n) => n.originAcademy.code === '12' && n.finalResult !== null)
          .map((n) => [n.id, n.firstGroup?.outcome, n.finalResult?.outcome])
          .sort(),
      );
      await expectTranscripts(token, nodes, sample, label);
    }

    /** The transcript prints the outcomes of the fields, and exists exactly when firstGroup does. */
    let transcriptsRead = 0;

    async function expectTranscripts(
      token: string,
      nodes: readonly Fields[],
      sample: readonly string[],
      label: string,
    ) {
      for (const id of sample) {
        const node = nodes.find((n) => n.id === candidateGlobalId(id));
        if (node === undefined) continue; // out of this viewer's scope
        const response = await fetch(`${api.url}/documents/releve.pdf?candidate=${node.id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status, `${label}: transcript of ${node.id}`).toBe(
          node.firstGroup === null ? 404 : 200,
        );
        if (node.firstGroup === null) continue;
        const text = (await parsePdf(new Uint8Array(await response.arrayBuffer()))).text;
        transcriptsRead += 1;
        expect(text).toContain(`Résultat : ${outcomeLabel(node.firstGroup.outcome)}`);
        if (node.finalResult === null) expect(text).not.toContain('Résultat final');
        else expect(text).toContain(`Résultat : ${outcomeLabel(node.finalResult.outcome)}`);
      }
    }

    it('gives each candidate the same first-group marks in one statement of facts as read alone, and an id of no candidate none', async () => {
      const db = api.database.db;
      const nobody = '00000000-0000-4000-8000-000000000000';
      const asked = [...ids, nobody, ...ids.slice(0, 3)];
      const [facts, marks] = await Promise.all([
        loadFirstGroupFacts(db, asked),
        loadFirstGroupMarks(db, ids),
      ]);
      expect(ids.length).toBeGreaterThan(100);
      for (const id of ids) expect(facts.get(id)?.marks, id).toEqual(marks.get(id));
      // The candidates who lost a mark are among those compared.
      expect(ids.filter((id) => (marks.get(id)?.size ?? 0) < 8).length).toBeGreaterThan(0);
      expect(facts.get(nobody)?.marks.size ?? 0).toBe(0);
      expect(facts.get(nobody)?.withheld ?? false).toBe(false);
    });

    it('agrees for random jury decisions, for the pilot and a partner académie, before and after publication', async () => {
      const decision = fc.record({
        index: fc.nat(),
        stage: fc.constantFrom('FIRST_GROUP', 'FIRST_GROUP', 'FINAL'),
        outcome: fc.constantFrom(...OUTCOMES),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(decision, { minLength: 1, maxLength: 8 }), async (decisions) => {
          api.clock.set(SECOND_GROUP);
          const pilot = await api.logIn('pilote.demo');
          for (const d of decisions) {
            const outcome =
              d.stage === 'FINAL' && d.outcome === 'CONTROL_ALLOWED' ? 'FAILED' : d.outcome;
            const r = await api.gql<{ recordJuryDecision: { __typename: string } }>(
              RECORD,
              { id: candidateGlobalId(ids[d.index % ids.length] ?? ''), stage: d.stage, outcome },
              pilot,
            );
            expect(r.data?.recordJuryDecision.__typename).toBe('Candidate');
          }
          const sample = decisions.map((d) => ids[d.index % ids.length] ?? '');
          for (const at of INSTANTS)
            for (const who of ['pilote.demo', 'academie.demo'] as const)
              await expectAgreement(who, at, sample);
        }),
        { numRuns: 6 },
      );
      // The sample met candidates with a result: the transcripts were compared, not skipped.
      expect(transcriptsRead).toBeGreaterThan(0);
    }, 600_000);
  },
);
