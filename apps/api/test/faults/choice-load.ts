import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { poolStatsOf } from '../../src/db/database.ts';
import type { TestApi } from '../support/api-harness.ts';
import {
  ANSWER_BOUND_MS,
  type Answer,
  type Chooser,
  auditedChoices,
  expectCleanFailure,
  nthChoice,
  storedChoice,
  submitChoice,
} from './choice-clients.ts';

/**
 * A load of choice entries with a fault injected under it, and the checks
 * that what each client was told is what the database holds.
 */

export interface Attempt {
  readonly codes: readonly string[];
  readonly answer: Answer;
}

export interface LoadProgress {
  /** Attempts acknowledged as recorded so far. */
  readonly recorded: number;
  /** Attempts that failed so far. */
  readonly failed: number;
}

export interface LoadResult {
  readonly attempts: ReadonlyMap<Chooser, readonly Attempt[]>;
  /** Acknowledged once the fault was over: the API came back by itself. */
  readonly recordedAfterFault: number;
}

const RETRY_PAUSE_MS = 50;
/** A client that cannot get one choice through by then says the API never came back. */
const GIVE_UP_MS = 60_000;

/**
 * Every chooser enters `choicesEach` different choices one after the other
 * and retries a failed one, as a person would, until it is acknowledged;
 * all choosers at once. `fault` runs alongside, watching the progress.
 */
export async function runChoiceLoad(
  api: TestApi,
  choosers: readonly Chooser[],
  choicesEach: number,
  fault: (progress: () => LoadProgress) => Promise<void>,
): Promise<LoadResult> {
  const attempts = new Map<Chooser, Attempt[]>(choosers.map((c) => [c, []]));
  let recorded = 0;
  let failed = 0;
  let recordedAfterFault = 0;
  let faultOver = false;
  const client = async (chooser: Chooser, mine: Attempt[]) => {
    for (let k = 0; k < choicesEach; k += 1) {
      const codes = nthChoice(chooser.eligible, k);
      const deadline = Date.now() + GIVE_UP_MS;
      for (;;) {
        const answer = await submitChoice(api, chooser.token, chooser.candidateId, codes);
        mine.push({ codes, answer });
        if (answer.kind === 'recorded') {
          recorded += 1;
          if (faultOver) recordedAfterFault += 1;
          break;
        }
        failed += 1;
        if (answer.kind !== 'failed' || Date.now() > deadline) return;
        await sleep(RETRY_PAUSE_MS);
      }
    }
  };
  await Promise.all([
    fault(() => ({ recorded, failed })).then(() => {
      faultOver = true;
    }),
    ...[...attempts].map(([chooser, mine]) => client(chooser, mine)),
  ]);
  return { attempts, recordedAfterFault };
}

/** Waits until the load's progress satisfies `done`, or `boundMs` has passed. */
export async function until(done: () => boolean, boundMs: number): Promise<void> {
  const end = Date.now() + boundMs;
  while (!done() && Date.now() < end) await sleep(5);
}

/**
 * Whether the audited choices are exactly the acknowledged attempts, in
 * order, plus possibly some failed ones: a request cut after its COMMIT
 * reached the server fails for the client yet is stored, which is honest
 * (the client was not told it succeeded). A refused attempt never counts.
 */
function auditExplains(
  attempts: readonly Attempt[],
  audited: readonly (readonly string[])[],
): boolean {
  const same = (a: readonly string[], b: readonly string[] | undefined) =>
    b !== undefined && a.join() === b.join();
  const memo = new Map<string, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = `${i}:${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const attempt = attempts[i];
    let result: boolean;
    if (attempt === undefined) result = j === audited.length;
    else if (attempt.answer.kind === 'recorded')
      result = same(attempt.codes, audited[j]) && from(i + 1, j + 1);
    else
      result =
        from(i + 1, j) ||
        (attempt.answer.kind === 'failed' && same(attempt.codes, audited[j]) && from(i + 1, j + 1));
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/**
 * The checks of a load run: every client got all its choices through; each
 * failure on the way was a clean typed error; each acknowledged choice is
 * in the audit log, in order and with exactly the acknowledged content, and
 * nothing else is but failed attempts; the stored choice is the last one
 * acknowledged; and no pooled connection is left checked out for good.
 */
export async function expectLoadHonoured(
  api: TestApi,
  result: LoadResult,
  choicesEach: number,
): Promise<void> {
  const all = [...result.attempts.values()].flat();
  expect(
    all.filter((a) => a.answer.kind === 'hung'),
    `requests left without an answer for ${ANSWER_BOUND_MS} ms`,
  ).toEqual([]);
  for (const { answer } of all) if (answer.kind !== 'recorded') expectCleanFailure(answer);
  expect(all.filter((a) => a.answer.kind === 'recorded')).toHaveLength(
    result.attempts.size * choicesEach,
  );
  expect(result.recordedAfterFault).toBeGreaterThan(0);

  for (const [chooser, mine] of result.attempts) {
    for (const { codes, answer } of mine)
      if (answer.kind === 'recorded')
        expect(answer).toMatchObject({
          codes,
          channel: 'CANDIDATE_SPACE',
          enteredBy: chooser.identifier,
        });
    const audited = await auditedChoices(api, chooser.candidateRowId);
    expect(
      auditExplains(
        mine,
        audited.map((a) => a.codes),
      ),
      `${chooser.identifier}: ${JSON.stringify({ mine, audited })}`,
    ).toBe(true);
    // Each audited change starts from the one before it: none was lost in between.
    audited.forEach((entry, i) => {
      expect(entry.beforeCodes).toEqual(i === 0 ? null : audited[i - 1]?.codes);
      expect(entry.channel).toBe('CANDIDATE_SPACE');
    });
    const last = nthChoice(chooser.eligible, choicesEach - 1);
    expect(audited.at(-1)?.codes).toEqual(last);
    expect(await storedChoice(api, chooser.candidateRowId)).toMatchObject({
      codes: last,
      channel: 'CANDIDATE_SPACE',
      enteredBy: chooser.identifier,
    });
  }

  expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  const pool = poolStatsOf(api.database.db);
  expect(pool?.total).toBe(pool?.idle);
  // Connections opened after the fault are set up like the first ones:
  // all of them at once, each in UTC (the server's own zone is the test's TZ).
  const zones = await Promise.all(
    Array.from({ length: pool?.total ?? 1 }, async () => {
      const { rows } = await sql<{ zone: string }>`
        select current_setting('TimeZone') as zone from pg_sleep(0.05)`.execute(api.database.db);
      return rows[0]?.zone;
    }),
  );
  expect(new Set(zones)).toEqual(new Set(['UTC']));
}
