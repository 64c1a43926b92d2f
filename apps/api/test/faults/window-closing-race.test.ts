import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/db/database.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import {
  type Answer,
  type Chooser,
  auditedChoices,
  demoSchoolCandidate,
  nthChoice,
  openChoosers,
  storedChoice,
  submitChoice,
} from './choice-clients.ts';
import { ownPostgresSkipReason, useOwnPostgres } from './own-postgres.ts';

/**
 * Entries racing the closing instant of the choice window: the clock
 * starts just before it and moves on by a millisecond with every answer,
 * so entries are in flight (some waiting on a candidate's lock) as it
 * passes. An entry is accepted only if its transaction read an instant
 * before the close, and every accepted one is stored; the others are the
 * typed window-closed refusal and change nothing.
 */

const skipReason = ownPostgresSkipReason();
// Batch A (MCO, NDRC) closes on 1 July at 10:00 Paris.
const CLOSES = new Date('2024-07-01T08:00:00.000Z');
/** The clock starts this many milliseconds (answers) before the close. */
const LEAD_MS = 40;
const CHOOSERS = 16;
/** Entries each client still makes once refused: a closed window stays closed. */
const AFTER_REFUSAL = 2;

interface Client {
  readonly candidate: Chooser;
  readonly token: string;
  readonly answers: { codes: readonly string[]; answer: Answer }[];
}

async function race(api: TestApi, clients: readonly Client[]): Promise<void> {
  const tick = () => {
    api.clock.set(new Date(api.clock.now().getTime() + 1));
  };
  await Promise.all(
    clients.map(async (client) => {
      let refusals = 0;
      for (let k = 0; refusals <= AFTER_REFUSAL && k < 10 * LEAD_MS; k += 1) {
        const codes = nthChoice(client.candidate.eligible, k);
        const answer = await submitChoice(api, client.token, client.candidate.candidateId, codes);
        client.answers.push({ codes, answer });
        if (answer.kind !== 'recorded') refusals += 1;
        tick();
      }
    }),
  );
}

function closingRace(backend: Backend) {
  it('accepts no entry that read the closing instant or later, and stores every accepted one', async () => {
    const api = await startTestApi(backend, {
      at: new Date(CLOSES.getTime() - LEAD_MS),
      candidates: 600,
    });
    try {
      const choosers = await openChoosers(api, {
        count: CHOOSERS,
        specialtyCodes: ['MCO', 'NDRC'],
      });
      const { candidate, schoolToken } = await demoSchoolCandidate(api);
      const clients: Client[] = [
        ...choosers.map((c) => ({ candidate: c, token: c.token, answers: [] })),
        // Two clients for one candidate: entries also wait on its lock.
        { candidate, token: candidate.token, answers: [] },
        { candidate, token: schoolToken, answers: [] },
      ];
      await race(api, clients);

      const all = clients.flatMap((c) => c.answers.map((a) => a.answer));
      for (const answer of all)
        if (answer.kind !== 'recorded')
          expect(answer).toEqual({
            kind: 'refused',
            typename: 'ChoiceWindowClosed',
            code: 'CHOICE_WINDOW_CLOSED',
          });
      // The race crossed the instant: some entries before, some after.
      expect(all.some((a) => a.kind === 'recorded')).toBe(true);
      expect(all.some((a) => a.kind === 'refused')).toBe(true);

      for (const client of clients) {
        // Time only moves on: once refused, a client is never accepted again.
        const kinds = client.answers.map((a) => a.answer.kind).join(' ');
        expect(kinds).toMatch(/^(recorded )*(refused ?)+$/);
      }

      const candidates = new Map(clients.map((c) => [c.candidate.candidateRowId, c.candidate]));
      for (const [rowId] of candidates) {
        const accepted = clients
          .filter((c) => c.candidate.candidateRowId === rowId)
          .flatMap((c) => c.answers.map((a) => a.answer))
          .flatMap((a) => (a.kind === 'recorded' ? [a] : []));
        // What each accepted entry's transaction read, as it answered: before the close.
        for (const a of accepted)
          expect(new Date(a.enteredAt).getTime()).toBeLessThan(CLOSES.getTime());
        // Every accepted entry is audited with that instant, and nothing else is.
        const audited = await auditedChoices(api, rowId);
        const key = (x: { codes: readonly string[]; channel: string | null; at: string }) =>
          `${x.at} ${x.channel ?? ''} ${x.codes.join('+')}`;
        expect(audited.map((e) => key({ ...e, at: e.at.toISOString() })).sort()).toEqual(
          accepted.map((a) => key({ ...a, at: a.enteredAt })).sort(),
        );
        // The stored choice is the last audited, entered before the close.
        const stored = await storedChoice(api, rowId);
        const last = audited.at(-1);
        if (last === undefined) expect(stored).toBeNull();
        else {
          expect(stored).toMatchObject({
            codes: last.codes,
            channel: last.channel,
            enteredAt: last.at,
          });
          expect(stored?.enteredAt.getTime()).toBeLessThan(CLOSES.getTime());
        }
      }
    } finally {
      await api.close();
    }
  });
}

describe.skipIf(skipReason !== null)(
  `entries racing the window's closing instant, on an own PostgreSQL${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    useOwnPostgres();
    closingRace('postgres');
  },
);

describe("entries racing the window's closing instant, on PGlite", () => {
  closingRace('pglite');
});
