import { isValidExtraPreparation } from '@rattrapage/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { changedTables, expectNothingChanged, tableNames } from './database-fingerprint.ts';
import { expectWellFormed } from './error-hygiene.ts';
import { type CandidateRef, type ExamWorld, type Who, examWorld } from './exam-fixture.ts';
import {
  NOT_AN_INT,
  NOT_A_BOOLEAN,
  NOT_A_STRING,
  type Phase,
  foreignId,
  int32,
  nastyString,
  runs,
  unstorable,
} from './fuzz-values.ts';
import { type Observed, observedCall, outcomeOf, settleOversized } from './observed-call.ts';

/**
 * Property-based fuzzing of the exam office's mutations, through HTTP, on a
 * production-mode server (no stack traces, internal errors masked). For
 * every generated call: (a) the reply is well formed (error-hygiene.ts);
 * the outcome is the one the domain's rules give for that input, computed
 * here from the input alone; (b) a refused call changes nothing in the
 * database; (c) an accepted call stores exactly what it said it stored.
 */

// Batch A's results were published at 08:00Z on 28 June; its window is open.
const NOW = new Date('2024-06-28T09:00:00.000Z');

/** What each mutation answers when it accepts. */
const SUCCESS = {
  chooseControlTests: 'ControlChoice',
  recordControlMark: 'ControlMark',
  recordJuryDecision: 'Candidate',
  scheduleConvocations: 'ConvocationPlan',
  setAccommodation: 'CandidateAccommodation',
  setRooms: 'RoomList',
  setExaminers: 'ExaminerList',
  setDemoClock: 'Clock',
} as const;

/** An expected outcome: any refusal will do (a typed error or a union member), never acceptance. */
const ANY_REFUSAL = '(any refusal)';

/** What UTF-8 storage keeps of a string: a lone surrogate becomes U+FFFD. */
const stored = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** A call's variables; `wrongType` when one of them is of a type the argument refuses. */
interface Call {
  readonly who: Who;
  readonly variables: Record<string, unknown>;
  readonly wrongType: boolean;
}

function weighted<T>(...choices: readonly (readonly [T, number])[]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ weight, arbitrary: fc.constant(value) })));
}

/** A candidate of the fixture, or an ID of nothing the viewer may reach. */
type Target = CandidateRef | string;
const idOf = (target: Target) => (typeof target === 'string' ? target : target.id);

/** Whether Pothos reads the string as a Candidate global ID (else BAD_USER_INPUT). */
function looksLikeCandidateId(id: string): boolean {
  const text = Buffer.from(id, 'base64').toString('utf8');
  return (
    Buffer.from(text, 'utf8').toString('base64') === id &&
    text.startsWith('Candidate:') &&
    text.length > 'Candidate:'.length
  );
}

/** An outcome for an ID that names no reachable candidate: malformed, or not found. */
function unreachable(id: string): string {
  return looksLikeCandidateId(id) ? 'error:FORBIDDEN' : 'error:BAD_USER_INPUT';
}

/**
 * The calls of a property: each input with its variables, one of them of a
 * wrong type in a fraction of the calls; and `example`, to pin an input
 * that must be tried whatever is drawn (fast-check's examples).
 */
function calling<I extends object>(
  input: fc.Arbitrary<I>,
  variablesOf: (i: I) => Record<string, unknown>,
  wrong: Readonly<Record<string, readonly unknown[]>>,
) {
  return {
    calls: input.chain((i) =>
      maybeWrong(fc.constant(variablesOf(i)), wrong).map((v) => ({ ...i, ...v })),
    ),
    example: (i: I) => ({ ...i, variables: variablesOf(i), wrongType: false }),
  };
}

/** Sets `key` to a value of the wrong type in a fraction of the calls. */
function maybeWrong(
  variables: fc.Arbitrary<Record<string, unknown>>,
  wrong: Readonly<Record<string, readonly unknown[]>>,
): fc.Arbitrary<{ variables: Record<string, unknown>; wrongType: boolean }> {
  const keys = Object.keys(wrong);
  const spoiled = fc.oneof(
    { weight: 7, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...keys) },
  );
  return fc
    .tuple(variables, spoiled)
    .chain(([v, key]): fc.Arbitrary<{ variables: Record<string, unknown>; wrongType: boolean }> =>
      key === null
        ? fc.constant({ variables: v, wrongType: false })
        : fc
            .constantFrom(...(wrong[key] ?? []))
            .map((value) => ({ variables: { ...v, [key]: value }, wrongType: true })),
    );
}

describe.each(backendsUnderTest())('exam-office mutations under fuzzing, on %s', (backend) => {
  let api: TestApi;
  let world: ExamWorld;
  let tables: string[];

  beforeAll(async () => {
    api = await startTestApi(backend, {
      at: NOW,
      candidates: 80,
      mode: 'production',
      // Sessions never expire nor move while the demo clock jumps around.
      sessionClock: fixedClock(NOW),
    });
    world = await examWorld(api, NOW);
    tables = await tableNames(api.database.db);
  });
  afterAll(async () => {
    await api.close();
  });

  const phases = (): fc.Arbitrary<Phase> =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(world.phases.beforeOpen) },
      { weight: 4, arbitrary: fc.constant(world.phases.open) },
      { weight: 4, arbitrary: fc.constant(world.phases.marking) },
      { weight: 1, arbitrary: fc.constant(world.phases.published) },
    );
  const target = (...refs: CandidateRef[]): fc.Arbitrary<Target> =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...refs) },
      { weight: 1, arbitrary: foreignId },
    );

  /**
   * Sends the call at `phase`, checks (a) and the expected outcome, and
   * (b) when it is a refusal; returns what happened for (c).
   */
  async function fuzzOnce(
    mutation: string,
    field: keyof typeof SUCCESS,
    call: Call,
    phase: Phase,
    expected: string | readonly string[],
  ): Promise<Observed & { outcome: string }> {
    api.clock.set(phase.at);
    await settleOversized(api, mutation, call.variables, world.tokens[call.who]);
    const observed = await observedCall(api, mutation, call.variables, world.tokens[call.who]);
    const where = `${field} as ${call.who} at ${phase.label}`;
    expectWellFormed(observed.reply, call.variables, where, tables);
    const outcome = outcomeOf(observed.reply, field);
    const flaw = unstorable(call.variables);
    const allowed = [expected].flat();
    // A NUL is refused, whichever way; half a surrogate pair may be refused at the door.
    if (flaw === 'surrogate') allowed.push('error:BAD_USER_INPUT');
    const fits =
      flaw === 'nul'
        ? outcome !== SUCCESS[field]
        : allowed.includes(outcome) ||
          (allowed.includes(ANY_REFUSAL) && outcome !== SUCCESS[field]);
    expect(fits, `${where}: ${outcome} for ${JSON.stringify(observed.reply).slice(0, 400)}`).toBe(
      true,
    );
    if (call.wrongType) expect(observed.reply.status).toBe(400);
    return { ...observed, outcome };
  }

  function expectRefusalChangedNothing(observed: Observed, where: string): void {
    expectNothingChanged(observed.before, observed.after, where);
  }

  function expectChangedOnly(observed: Observed, allowed: readonly string[], must: string): void {
    const changed = changedTables(observed.before, observed.after);
    expect(changed).toContain(must);
    expect(changed.filter((t) => !allowed.includes(t))).toEqual([]);
  }

  it('chooseControlTests: the domain’s answer for every input, nothing stored unless accepted', async () => {
    const CHOOSE = `mutation($id: ID!, $codes: [String!]!) {
      chooseControlTests(candidateId: $id, testCodes: $codes) {
        __typename ... on Error { code message }
        ... on ControlChoice { channel enteredAt tests { code } } } }`;
    const codes = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.shuffledSubarray([...world.eligible], { minLength: 2, maxLength: 2 }),
      },
      {
        weight: 2,
        arbitrary: fc.array(fc.oneof(fc.constantFrom(...world.allCodes), nastyString), {
          maxLength: 4,
        }),
      },
      { weight: 1, arbitrary: fc.constantFrom(...world.eligible).map((c) => [c, c]) },
    );
    const input = fc.record({
      who: weighted<Who>(
        ['CANDIDATE', 4],
        ['SCHOOL', 3],
        ['ACADEMY', 1],
        ['PILOT', 1],
        ['anonymous', 1],
      ),
      target: target(world.own, world.own, world.individual, world.otherSchool, world.origin12),
      codes,
      phase: phases(),
    });
    const { calls, example } = calling(input, (i) => ({ id: idOf(i.target), codes: i.codes }), {
      id: [1.5, {}, null, true],
      codes: [null, [12], [{}], [null], [true]],
    });

    const isValidPair = (c: readonly string[]) =>
      c.length === 2 && c[0] !== c[1] && c.every((code) => world.eligible.includes(code));
    const expected = (i: {
      who: Who;
      target: Target;
      codes: string[];
      phase: Phase;
      wrongType: boolean;
    }) => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'CANDIDATE' && i.who !== 'SCHOOL') return 'error:FORBIDDEN';
      if (typeof i.target === 'string') return unreachable(i.target);
      const inScope =
        i.who === 'CANDIDATE' ? i.target === world.own : i.target.schoolUai === world.own.schoolUai;
      if (!inScope) return 'error:FORBIDDEN';
      if (i.phase === world.phases.beforeOpen) return 'ChoiceWindowNotOpen';
      if (i.phase !== world.phases.open) return 'ChoiceWindowClosed';
      if (i.who === 'SCHOOL' && i.target.individual) return 'ChannelNotAllowed';
      return isValidPair(i.codes) ? 'ControlChoice' : 'InvalidControlChoice';
    };

    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(CHOOSE, 'chooseControlTests', i, i.phase, expected(i));
        seen.add(observed.outcome);
        if (observed.outcome !== 'ControlChoice') {
          expectRefusalChangedNothing(observed, `chooseControlTests ${observed.outcome}`);
          return;
        }
        const ref = i.target as CandidateRef;
        const row = await api.database.db
          .selectFrom('control_choices')
          .selectAll()
          .where('candidate_id', '=', ref.uuid)
          .executeTakeFirstOrThrow();
        expect([row.test_code_1, row.test_code_2]).toEqual([...i.codes].sort());
        expect(row.channel).toBe(i.who === 'CANDIDATE' ? 'CANDIDATE_SPACE' : 'SCHOOL');
        expect(row.entered_at.toISOString()).toBe(i.phase.at.toISOString());
        expect(row.entered_by_account_id).toBe(world.accountIds[i.who as 'CANDIDATE' | 'SCHOOL']);
        expectChangedOnly(observed, ['control_choices', 'audit_log', 'outbox'], 'audit_log');
      }),
      {
        numRuns: runs(100),
        examples: [
          [
            example({
              who: 'CANDIDATE',
              target: world.own,
              codes: world.eligible.slice(0, 2),
              phase: world.phases.open,
            }),
          ],
          [
            example({
              who: 'SCHOOL',
              target: world.own,
              codes: world.eligible.slice(0, 1),
              phase: world.phases.open,
            }),
          ],
          [
            example({
              who: 'CANDIDATE',
              target: world.otherSchool,
              codes: world.eligible.slice(0, 2),
              phase: world.phases.open,
            }),
          ],
        ],
      },
    );
    // The generators reach acceptance and the main refusals, or the property proves little.
    for (const outcome of ['ControlChoice', 'InvalidControlChoice', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('recordControlMark: marks out of 0..2000 and every other refusal change nothing', async () => {
    // Both candidates with a choice chose the first two eligible tests (exam-fixture.ts).
    const [firstChosen = ''] = world.eligible;
    const RECORD = `mutation($id: ID!, $test: String!, $h: Int, $absent: Boolean) {
      recordControlMark(candidateId: $id, testCode: $test, hundredths: $h, absent: $absent) {
        __typename ... on Error { code message }
        ... on ControlMark { absent recordedAt mark { hundredths } test { code } } } }`;
    const hundredths = fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 2000 }) },
      { weight: 3, arbitrary: int32 },
    );
    const absent = fc.constantFrom(undefined, null, true, false, false);
    const input = fc.record({
      who: weighted<Who>(
        ['ACADEMY', 4],
        ['PILOT', 4],
        ['CANDIDATE', 1],
        ['SCHOOL', 1],
        ['anonymous', 1],
      ),
      target: target(world.own, world.origin12, world.origin12, world.noChoice),
      test: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...world.eligible) },
        { weight: 1, arbitrary: fc.constantFrom(...world.allCodes) },
        { weight: 1, arbitrary: nastyString },
      ),
      hundredths,
      absent,
      phase: phases(),
    });
    const { calls, example } = calling(
      input,
      (i) => ({ id: idOf(i.target), test: i.test, h: i.hundredths, absent: i.absent }),
      { h: NOT_AN_INT, absent: NOT_A_BOOLEAN, test: [...NOT_A_STRING, null] },
    );

    const expected = async (i: {
      who: Who;
      target: Target;
      test: string;
      hundredths: number | null | undefined;
      absent: boolean | null | undefined;
      phase: Phase;
      wrongType: boolean;
    }) => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'ACADEMY' && i.who !== 'PILOT') return 'error:FORBIDDEN';
      if (typeof i.target === 'string' && !looksLikeCandidateId(i.target))
        return 'error:BAD_USER_INPUT';
      const mark = i.hundredths ?? null;
      // Exactly one of a mark in 0..2000 and an absence (the public contract, test/contract/contract.graphql).
      if ((i.absent === true) === (mark !== null) || (mark !== null && (mark < 0 || mark > 2000)))
        return 'InvalidControlMark';
      if (typeof i.target === 'string') return 'error:FORBIDDEN';
      if (i.who === 'ACADEMY' && i.target.originAcademyCode !== '12') return 'error:FORBIDDEN';
      if (i.phase === world.phases.beforeOpen || i.phase === world.phases.open)
        return 'MarkRecordingNotOpen';
      if (i.who === 'ACADEMY' && i.phase === world.phases.published) return 'MarkRecordingClosed';
      const choice = await api.database.db
        .selectFrom('control_choices')
        .select(['test_code_1', 'test_code_2'])
        .where('candidate_id', '=', i.target.uuid)
        .executeTakeFirst();
      const chosen = choice === undefined ? [] : [choice.test_code_1, choice.test_code_2];
      return chosen.includes(i.test) ? 'ControlMark' : 'TestNotChosen';
    };

    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(RECORD, 'recordControlMark', i, i.phase, await expected(i));
        seen.add(observed.outcome);
        if (observed.outcome !== 'ControlMark') {
          expectRefusalChangedNothing(observed, `recordControlMark ${observed.outcome}`);
          return;
        }
        const ref = i.target as CandidateRef;
        const row = await api.database.db
          .selectFrom('control_marks')
          .selectAll()
          .where('candidate_id', '=', ref.uuid)
          .where('test_code', '=', i.test)
          .executeTakeFirstOrThrow();
        const absentNow = i.absent === true;
        expect(row.status).toBe(absentNow ? 'ABSENT' : 'MARK');
        expect(row.hundredths).toBe(absentNow ? null : (i.hundredths ?? null));
        expect(row.recorded_at.toISOString()).toBe(i.phase.at.toISOString());
        expect(row.recorded_by_account_id).toBe(world.accountIds[i.who as 'ACADEMY' | 'PILOT']);
        // The same mark again leaves the row as it was; the audit says it was recorded again.
        expectChangedOnly(observed, ['control_marks', 'audit_log'], 'audit_log');
      }),
      {
        numRuns: runs(120),
        examples: [
          ...[1500, 2001].map((hundredths) => [
            example({
              who: 'ACADEMY',
              target: world.origin12,
              test: firstChosen,
              hundredths,
              absent: undefined,
              phase: world.phases.marking,
            }),
          ]),
          [
            example({
              who: 'ACADEMY',
              target: world.noChoice,
              test: firstChosen,
              hundredths: 1200,
              absent: undefined,
              phase: world.phases.marking,
            }),
          ],
          [
            example({
              who: 'ACADEMY',
              target: world.own,
              test: firstChosen,
              hundredths: 1200,
              absent: undefined,
              phase: world.phases.marking,
            }),
          ],
        ],
      },
    );
    for (const outcome of ['ControlMark', 'InvalidControlMark', 'TestNotChosen', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('recordJuryDecision: reasons are required and bounded, outcomes fit the stage', async () => {
    const [pool0] = world.juryPool;
    if (pool0 === undefined) throw new Error('no candidate for jury decisions');
    const JURY = `mutation($id: ID!, $stage: JuryStage!, $outcome: JuryOutcome!, $reason: String!) {
      recordJuryDecision(candidateId: $id, stage: $stage, outcome: $outcome, reason: $reason) {
        __typename ... on Error { code message } ... on Candidate { id } } }`;
    const reason = fc.oneof(
      { weight: 3, arbitrary: nastyString },
      {
        weight: 2,
        arbitrary: fc.constant('Dossier examiné par le jury : situation particulière.'),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(' ', '\u00A0', 'a'.repeat(2000), ` ${'b'.repeat(2000)} `),
      },
    );
    const input = fc.record({
      who: weighted<Who>(
        ['PILOT', 6],
        ['ACADEMY', 1],
        ['SCHOOL', 1],
        ['CANDIDATE', 1],
        ['anonymous', 1],
      ),
      target: target(...world.juryPool),
      stage: fc.constantFrom('FIRST_GROUP', 'FINAL'),
      outcome: fc.constantFrom('ADMITTED', 'CONTROL_ALLOWED', 'FAILED'),
      reason,
    });
    const { calls, example } = calling(
      input,
      (i) => ({ id: idOf(i.target), stage: i.stage, outcome: i.outcome, reason: i.reason }),
      {
        stage: ['first_group', 'ADMITTED', '', 1, null],
        outcome: ['admis', 'PENDING', '', 0, null],
        reason: [...NOT_A_STRING, null],
      },
    );
    const expected = (i: {
      who: Who;
      target: Target;
      stage: string;
      outcome: string;
      reason: string;
      wrongType: boolean;
    }) => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'PILOT') return 'error:FORBIDDEN';
      if (typeof i.target === 'string' && !looksLikeCandidateId(i.target))
        return 'error:BAD_USER_INPUT';
      const reasonText = i.reason.trim();
      if (reasonText === '') return 'ReasonRequired';
      if (reasonText.length > 2000) return 'ReasonTooLong';
      // After the control the jury says admitted or failed, nothing else (art. D643-15).
      if (i.stage === 'FINAL' && i.outcome === 'CONTROL_ALLOWED') return 'OutcomeNotForStage';
      return typeof i.target === 'string' ? 'error:FORBIDDEN' : 'Candidate';
    };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(
          JURY,
          'recordJuryDecision',
          i,
          world.phases.marking,
          expected(i),
        );
        seen.add(observed.outcome);
        if (observed.outcome !== 'Candidate') {
          expectRefusalChangedNothing(observed, `recordJuryDecision ${observed.outcome}`);
          return;
        }
        const ref = i.target as CandidateRef;
        const row = await api.database.db
          .selectFrom('jury_decisions')
          .selectAll()
          .where('candidate_id', '=', ref.uuid)
          .where('stage', '=', i.stage)
          .executeTakeFirstOrThrow();
        expect(row.outcome).toBe(i.outcome);
        expect(row.reason).toBe(stored(i.reason.trim()));
        expect(row.decided_by_account_id).toBe(world.accountIds.PILOT);
        expect(row.decided_at.toISOString()).toBe(world.phases.marking.at.toISOString());
        // The same decision twice leaves the row as it was; the audit says it was taken again.
        expectChangedOnly(observed, ['jury_decisions', 'audit_log', 'candidates'], 'audit_log');
      }),
      {
        numRuns: runs(80),
        examples: [
          // Found by this property; pinned so that it is always tried.
          [
            example({
              who: 'PILOT',
              target: pool0,
              stage: 'FIRST_GROUP',
              outcome: 'FAILED',
              reason: 'Motif\u0000 tronqué',
            }),
          ],
          [
            example({
              who: 'PILOT',
              target: pool0,
              stage: 'FIRST_GROUP',
              outcome: 'ADMITTED',
              reason: 'Dossier examiné par le jury.',
            }),
          ],
          [
            example({
              who: 'PILOT',
              target: pool0,
              stage: 'FINAL',
              outcome: 'ADMITTED',
              reason: ' ',
            }),
          ],
          [
            example({
              who: 'PILOT',
              target: pool0,
              stage: 'FINAL',
              outcome: 'CONTROL_ALLOWED',
              reason: 'Motif.',
            }),
          ],
          [
            example({
              who: 'ACADEMY',
              target: pool0,
              stage: 'FINAL',
              outcome: 'FAILED',
              reason: 'Motif.',
            }),
          ],
        ],
      },
    );
    for (const outcome of ['Candidate', 'ReasonRequired', 'OutcomeNotForStage', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('scheduleConvocations: only its own académie for an académie, only a known session', async () => {
    const SCHEDULE = `mutation($year: Int!, $a: String!, $gap: Int) {
      scheduleConvocations(year: $year, academyCode: $a, maxGapMinutes: $gap) {
        __typename ... on Error { code message }
        ... on ConvocationPlan { issued alreadyIssued pendingSpecialtyCodes unplaced { reason message } } } }`;
    const input = fc.record({
      who: weighted<Who>(
        ['PILOT', 4],
        ['ACADEMY', 4],
        ['SCHOOL', 1],
        ['CANDIDATE', 1],
        ['anonymous', 1],
      ),
      year: fc.oneof({ weight: 4, arbitrary: fc.constant(2024) }, { weight: 1, arbitrary: int32 }),
      academy: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('12', '19') },
        { weight: 1, arbitrary: fc.constantFrom('01', '20', '99', '') },
        { weight: 1, arbitrary: nastyString },
      ),
      gap: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(undefined, null, 0, 10, 60, 120) },
        { weight: 1, arbitrary: int32 },
      ),
      phase: phases(),
    });
    const { calls, example } = calling(input, (i) => ({ year: i.year, a: i.academy, gap: i.gap }), {
      year: [...NOT_AN_INT, null],
      a: [...NOT_A_STRING, null],
      gap: NOT_AN_INT,
    });
    const expected = (i: {
      who: Who;
      year: number;
      academy: string;
      gap: number | null | undefined;
      wrongType: boolean;
    }): string | string[] => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'ACADEMY' && i.who !== 'PILOT') return 'error:FORBIDDEN';
      // A gap shorter than the minimum (10 minutes to change rooms) cannot be
      // planned with: refused, whichever refusal comes first.
      if (i.gap != null && i.gap < 10) return ANY_REFUSAL;
      if (i.who === 'ACADEMY' && i.academy !== '12') return 'error:FORBIDDEN';
      // An académie that does not exist has nothing to plan: refused, or an empty plan.
      if (!world.academies.includes(i.academy)) return [ANY_REFUSAL, 'ConvocationPlan'];
      if (i.year !== 2024) return 'UnknownExamSession';
      return 'ConvocationPlan';
    };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(SCHEDULE, 'scheduleConvocations', i, i.phase, expected(i));
        seen.add(observed.outcome);
        if (observed.outcome !== 'ConvocationPlan') {
          expectRefusalChangedNothing(observed, `scheduleConvocations ${observed.outcome}`);
          return;
        }
        const plan = observed.reply.data?.['scheduleConvocations'] as { issued: number };
        const audit = await api.database.db
          .selectFrom('audit_log')
          .select(['action', 'after', 'actor_account_id'])
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(audit.action).toBe('CONVOCATIONS_SCHEDULED');
        expect(audit.after).toMatchObject({
          year: 2024,
          academyCode: stored(i.academy),
          issued: plan.issued,
        });
        expect(audit.actor_account_id).toBe(world.accountIds[i.who as 'ACADEMY' | 'PILOT']);
        const counted = (f: typeof observed.before) => Number(f.get('convocations')?.split(':')[0]);
        expect(counted(observed.after) - counted(observed.before)).toBe(plan.issued);
        expectChangedOnly(observed, ['convocations', 'audit_log', 'outbox'], 'audit_log');
      }),
      {
        numRuns: runs(60),
        examples: [
          // Found by this property; pinned so that it is always tried.
          [
            example({
              who: 'ACADEMY',
              year: 2024,
              academy: '12',
              gap: -1,
              phase: world.phases.marking,
            }),
          ],
          [
            example({
              who: 'PILOT',
              year: 2024,
              academy: '12',
              gap: undefined,
              phase: world.phases.marking,
            }),
          ],
          [
            example({
              who: 'PILOT',
              year: 2031,
              academy: '12',
              gap: undefined,
              phase: world.phases.marking,
            }),
          ],
          [
            example({
              who: 'ACADEMY',
              year: 2024,
              academy: '19',
              gap: undefined,
              phase: world.phases.marking,
            }),
          ],
        ],
      },
    );
    for (const outcome of ['ConvocationPlan', 'UnknownExamSession', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('setAccommodation: fractions between 0 and 1 only, within the académie’s candidates', async () => {
    const [accommodated12, accommodated19] = world.accommodated;
    if (accommodated12 === undefined || accommodated19 === undefined)
      throw new Error('no candidates for accommodations');
    const ACCOMMODATE = `mutation($id: ID!, $a: AccommodationInput) {
      setAccommodation(candidateId: $id, accommodation: $a) {
        __typename ... on Error { code message }
        ... on InvalidPlanningInput { problems }
        ... on CandidateAccommodation { accommodation { extraPreparation accessibleRoomRequired note } } } }`;
    const fraction = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
      {
        weight: 3,
        arbitrary: fc.record({
          numerator: fc.oneof(fc.integer({ min: 0, max: 4 }), int32),
          denominator: fc.oneof(fc.integer({ min: 0, max: 4 }), int32),
        }),
      },
    );
    const accommodation = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
      {
        weight: 5,
        arbitrary: fc.record({
          accessibleRoomRequired: fc.boolean(),
          extraPreparation: fraction,
          note: fc.oneof(fc.constantFrom(undefined, null, 'Tiers-temps'), nastyString),
        }),
      },
    );
    const input = fc.record({
      who: weighted<Who>(
        ['PILOT', 4],
        ['ACADEMY', 4],
        ['SCHOOL', 1],
        ['CANDIDATE', 1],
        ['anonymous', 1],
      ),
      target: target(...world.accommodated),
      accommodation,
    });
    const { calls, example } = calling(input, (i) => ({ id: idOf(i.target), a: i.accommodation }), {
      a: [
        { accessibleRoomRequired: 'oui' },
        { extraPreparation: { numerator: 1, denominator: 3 } },
        { accessibleRoomRequired: true, extraPreparation: { numerator: 0.5, denominator: 3 } },
        { accessibleRoomRequired: true, extraPreparation: { numerator: 1 } },
        { accessibleRoomRequired: true, note: 12 },
        { accessibleRoomRequired: true, unknownField: 1 },
        'tiers-temps',
      ],
      id: [1.5, {}, null],
    });
    type Accommodation =
      | {
          accessibleRoomRequired: boolean;
          extraPreparation?: { numerator: number; denominator: number } | null | undefined;
          note?: string | null | undefined;
        }
      | null
      | undefined;
    const expected = (i: {
      who: Who;
      target: Target;
      accommodation: Accommodation;
      wrongType: boolean;
    }) => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'ACADEMY' && i.who !== 'PILOT') return 'error:FORBIDDEN';
      if (typeof i.target === 'string') return unreachable(i.target);
      if (i.who === 'ACADEMY' && i.target.originAcademyCode !== '12') return 'error:FORBIDDEN';
      const ratio = i.accommodation?.extraPreparation;
      if (ratio != null && !isValidExtraPreparation(ratio)) return 'InvalidPlanningInput';
      return 'CandidateAccommodation';
    };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(
          ACCOMMODATE,
          'setAccommodation',
          i,
          world.phases.marking,
          expected(i),
        );
        seen.add(observed.outcome);
        if (observed.outcome !== 'CandidateAccommodation') {
          expectRefusalChangedNothing(observed, `setAccommodation ${observed.outcome}`);
          return;
        }
        const ref = i.target as CandidateRef;
        const row = await api.database.db
          .selectFrom('candidate_accommodations')
          .selectAll()
          .where('candidate_id', '=', ref.uuid)
          .executeTakeFirst();
        const a = i.accommodation;
        if (a == null) {
          // null removes it.
          expect(row).toBeUndefined();
        } else {
          const ratio = a.extraPreparation;
          const none = ratio == null || ratio.numerator === 0;
          const note = a.note == null || a.note.trim() === '' ? null : stored(a.note.trim());
          expect(row).toEqual({
            candidate_id: ref.uuid,
            extra_preparation_numerator: none ? 0 : ratio.numerator,
            extra_preparation_denominator: none ? 1 : ratio.denominator,
            accessible_room_required: a.accessibleRoomRequired,
            note,
          });
        }
        expectChangedOnly(observed, ['candidate_accommodations', 'audit_log'], 'audit_log');
      }),
      {
        numRuns: runs(80),
        examples: [
          // Found by this property; pinned so that it is always tried.
          ...['\u0000', '\uD800'].map((note) => [
            example({
              who: 'PILOT',
              target: accommodated12,
              accommodation: { accessibleRoomRequired: true, extraPreparation: null, note },
            }),
          ]),
          [
            example({
              who: 'PILOT',
              target: accommodated12,
              accommodation: {
                accessibleRoomRequired: true,
                extraPreparation: { numerator: 1, denominator: 3 },
                note: 'Tiers-temps',
              },
            }),
          ],
          [
            example({
              who: 'PILOT',
              target: accommodated12,
              accommodation: {
                accessibleRoomRequired: false,
                extraPreparation: { numerator: 2, denominator: 1 },
                note: undefined,
              },
            }),
          ],
          [
            example({
              who: 'ACADEMY',
              target: accommodated19,
              accommodation: { accessibleRoomRequired: true, extraPreparation: null, note: null },
            }),
          ],
        ],
      },
    );
    for (const outcome of ['CandidateAccommodation', 'InvalidPlanningInput', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('setRooms: names are required and distinct, and a refused list leaves the old one', async () => {
    const ROOMS = `mutation($year: Int!, $a: String!, $rooms: [RoomInput!]!) {
      setRooms(year: $year, academyCode: $a, rooms: $rooms) {
        __typename ... on Error { code message }
        ... on InvalidPlanningInput { problems } ... on RoomList { rooms { name accessible } } } }`;
    const room = fc.record({
      name: fc.oneof(
        {
          weight: 2,
          arbitrary: fc.constantFrom('Salle 101', 'Salle 102', 'Amphi A', ' Salle 101 '),
        },
        { weight: 2, arbitrary: nastyString },
      ),
      accessible: fc.boolean(),
    });
    const input = fc.record({
      who: weighted<Who>(['PILOT', 4], ['ACADEMY', 4], ['SCHOOL', 1], ['anonymous', 1]),
      year: fc.oneof({ weight: 6, arbitrary: fc.constant(2024) }, { weight: 1, arbitrary: int32 }),
      academy: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('12', '19') },
        { weight: 1, arbitrary: nastyString },
      ),
      rooms: fc.array(room, { maxLength: 4 }),
    });
    const { calls, example } = calling(
      input,
      (i) => ({ year: i.year, a: i.academy, rooms: i.rooms }),
      {
        rooms: [
          null,
          [{ name: 'Salle' }],
          [{ name: 1, accessible: true }],
          [{ name: 'S', accessible: 'oui' }],
        ],
        a: [...NOT_A_STRING, null],
      },
    );
    const expected = (i: {
      who: Who;
      year: number;
      academy: string;
      rooms: { name: string; accessible: boolean }[];
      wrongType: boolean;
    }) => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'ACADEMY' && i.who !== 'PILOT') return 'error:FORBIDDEN';
      if (i.who === 'ACADEMY' && i.academy !== '12') return 'error:FORBIDDEN';
      // Rooms of an académie that does not exist: refused, but never a server error.
      if (!world.academies.includes(i.academy)) return ANY_REFUSAL;
      if (i.year !== 2024) return 'UnknownExamSession';
      const names = i.rooms.map((r) => r.name.trim());
      if (names.some((n) => n === '') || new Set(names).size !== names.length)
        return 'InvalidPlanningInput';
      return 'RoomList';
    };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(ROOMS, 'setRooms', i, world.phases.marking, expected(i));
        seen.add(observed.outcome);
        if (observed.outcome !== 'RoomList') {
          expectRefusalChangedNothing(observed, `setRooms ${observed.outcome}`);
          return;
        }
        const rows = await api.database.db
          .selectFrom('rooms')
          .select(['name', 'accessible'])
          .where('year', '=', 2024)
          .where('academy_code', '=', i.academy)
          .execute();
        const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
        expect(rows.sort(byName)).toEqual(
          i.rooms
            .map((r) => ({ name: stored(r.name.trim()), accessible: r.accessible }))
            .sort(byName),
        );
        expectChangedOnly(observed, ['rooms', 'audit_log'], 'audit_log');
      }),
      {
        numRuns: runs(80),
        examples: [
          // Found by this property; pinned so that it is always tried.
          [
            example({
              who: 'PILOT',
              year: 2024,
              academy: '',
              rooms: [{ name: 'Salle 1', accessible: true }],
            }),
          ],
          [
            example({
              who: 'ACADEMY',
              year: 2024,
              academy: '12',
              rooms: [{ name: 'Salle 101', accessible: true }],
            }),
          ],
          [
            example({
              who: 'ACADEMY',
              year: 2024,
              academy: '12',
              rooms: [
                { name: 'Salle 101', accessible: true },
                { name: ' Salle 101', accessible: false },
              ],
            }),
          ],
          [example({ who: 'ACADEMY', year: 2024, academy: '19', rooms: [] })],
        ],
      },
    );
    for (const outcome of ['RoomList', 'InvalidPlanningInput', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('setExaminers: malformed days, hours and tests are refused whole, with nothing stored', async () => {
    const [oralDay = ''] = world.oralDays;
    const [firstChosen = ''] = world.eligible;
    const EXAMINERS = `mutation($year: Int!, $a: String!, $e: [ExaminerInput!]!) {
      setExaminers(year: $year, academyCode: $a, examiners: $e) {
        __typename ... on Error { code message }
        ... on InvalidPlanningInput { problems }
        ... on ExaminerList { examiners { name day availableFrom availableUntil tests { specialtyCode testCode } } } } }`;
    const hour = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('08:00', '12:30', '18:00', '24:00') },
      { weight: 1, arbitrary: fc.constantFrom('8:00', '25:00', '12:60', '00:00', '23:59', '') },
      { weight: 1, arbitrary: nastyString },
    );
    const examiner = fc.record({
      name: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom('Mme Martin', 'M. Bernard', ' Mme Martin ') },
        { weight: 1, arbitrary: nastyString },
      ),
      day: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...world.oralDays) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('2024-02-30', '2024-13-01', '0000-00-00', '9999-12-31'),
        },
      ),
      availableFrom: hour,
      availableUntil: hour,
      tests: fc.array(
        fc.record({
          specialtyCode: fc.oneof(
            { weight: 4, arbitrary: fc.constant(world.own.specialtyCode) },
            { weight: 1, arbitrary: nastyString },
          ),
          testCode: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...world.eligible) },
            { weight: 1, arbitrary: nastyString },
          ),
        }),
        { maxLength: 2 },
      ),
    });
    const input = fc.record({
      who: weighted<Who>(['PILOT', 4], ['ACADEMY', 4], ['CANDIDATE', 1], ['anonymous', 1]),
      year: fc.oneof({ weight: 6, arbitrary: fc.constant(2024) }, { weight: 1, arbitrary: int32 }),
      academy: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('12', '19') },
        { weight: 1, arbitrary: nastyString },
      ),
      examiners: fc.array(examiner, { maxLength: 3 }),
    });
    const { calls, example } = calling(
      input,
      (i) => ({ year: i.year, a: i.academy, e: i.examiners }),
      {
        e: [
          null,
          [
            {
              name: 'Mme Martin',
              day: '2024-7-1',
              availableFrom: '08:00',
              availableUntil: '18:00',
              tests: [],
            },
          ],
          [
            {
              name: 'Mme Martin',
              day: '01/07/2024',
              availableFrom: '08:00',
              availableUntil: '18:00',
              tests: [],
            },
          ],
          [
            {
              name: 'Mme Martin',
              day: '2024-07-01',
              availableFrom: 8,
              availableUntil: '18:00',
              tests: [],
            },
          ],
          [
            {
              name: 'Mme Martin',
              day: '2024-07-01',
              availableFrom: '08:00',
              availableUntil: '18:00',
            },
          ],
        ],
      },
    );
    const expected = (i: { who: Who; year: number; academy: string; wrongType: boolean }) => {
      if (i.wrongType) return 'error:BAD_USER_INPUT';
      if (i.who === 'anonymous') return 'error:UNAUTHENTICATED';
      if (i.who !== 'ACADEMY' && i.who !== 'PILOT') return 'error:FORBIDDEN';
      if (i.who === 'ACADEMY' && i.academy !== '12') return 'error:FORBIDDEN';
      // Examiners of an académie that does not exist: refused, but never a server error.
      if (!world.academies.includes(i.academy)) return ANY_REFUSAL;
      if (i.year !== 2024) return 'UnknownExamSession';
      // Which lists can be planned with is the domain's to say (planningInputProblems).
      return ['ExaminerList', 'InvalidPlanningInput'];
    };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const observed = await fuzzOnce(
          EXAMINERS,
          'setExaminers',
          i,
          world.phases.marking,
          expected(i),
        );
        seen.add(observed.outcome);
        if (observed.outcome !== 'ExaminerList') {
          expectRefusalChangedNothing(observed, `setExaminers ${observed.outcome}`);
          return;
        }
        const rows = await api.database.db
          .selectFrom('examiners')
          .select(['name', 'day'])
          .where('year', '=', 2024)
          .where('academy_code', '=', i.academy)
          .execute();
        const key = (e: { name: string; day: string }) => `${e.day} ${e.name}`;
        expect(rows.map(key).sort()).toEqual(
          i.examiners.map((e) => key({ name: stored(e.name.trim()), day: e.day })).sort(),
        );
        expectChangedOnly(observed, ['examiners', 'examiner_tests', 'audit_log'], 'audit_log');
      }),
      {
        numRuns: runs(80),
        examples: [
          // Found by this property; pinned so that it is always tried.
          [
            example({
              who: 'ACADEMY',
              year: 2024,
              academy: '12',
              examiners: [
                {
                  name: 'Mme Martin',
                  day: oralDay,
                  availableFrom: '08:00',
                  availableUntil: '18:00',
                  tests: [0, 1].map(() => ({
                    specialtyCode: world.own.specialtyCode,
                    testCode: firstChosen,
                  })),
                },
              ],
            }),
          ],
          [example({ who: 'PILOT', year: 2024, academy: '99', examiners: [] })],
          ...[
            ['08:00', '18:00'],
            ['18:00', '08:00'],
          ].map(([availableFrom = '', availableUntil = '']) => [
            example({
              who: 'ACADEMY',
              year: 2024,
              academy: '12',
              examiners: [
                {
                  name: 'Mme Martin',
                  day: oralDay,
                  availableFrom,
                  availableUntil,
                  tests: [{ specialtyCode: world.own.specialtyCode, testCode: firstChosen }],
                },
              ],
            }),
          ]),
          [example({ who: 'ACADEMY', year: 2024, academy: '19', examiners: [] })],
        ],
      },
    );
    for (const outcome of ['ExaminerList', 'InvalidPlanningInput', 'error:FORBIDDEN'])
      expect(seen).toContain(outcome);
  });

  it('setDemoClock: refused in production whatever the instant, and the clock stays put', async () => {
    const SET_CLOCK = 'mutation($at: DateTime!) { setDemoClock(at: $at) { now demo } }';
    const instant = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '2024-07-10T14:30:00+02:00',
          '2024-02-30T10:00Z',
          '2024-07-10',
          '2024-07-10T14:30:00.000z',
          '',
        ),
      },
      { weight: 1, arbitrary: nastyString },
    );
    const calls = fc.record({
      who: weighted<Who>(
        ['PILOT', 2],
        ['anonymous', 2],
        ['ACADEMY', 1],
        ['CANDIDATE', 1],
        ['SCHOOL', 1],
      ),
      at: instant,
    });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(calls, async (i) => {
        const call: Call = { who: i.who, variables: { at: i.at }, wrongType: false };
        const observed = await fuzzOnce(SET_CLOCK, 'setDemoClock', call, world.phases.open, [
          'error:FORBIDDEN',
          'error:BAD_USER_INPUT',
        ]);
        seen.add(observed.outcome);
        expect(api.clock.now().toISOString()).toBe(world.phases.open.at.toISOString());
        expectRefusalChangedNothing(observed, `setDemoClock ${observed.outcome}`);
      }),
      {
        numRuns: runs(40),
        examples: [
          [{ who: 'PILOT', at: '2024-07-10T14:30:00.000Z' }],
          [{ who: 'anonymous', at: 'demain' }],
        ],
      },
    );
    for (const outcome of ['error:FORBIDDEN', 'error:BAD_USER_INPUT'])
      expect(seen).toContain(outcome);
  });
});
