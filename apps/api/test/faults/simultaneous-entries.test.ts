import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/db/database.ts';
import { startTestApi } from '../support/api-harness.ts';
import {
  type Answer,
  auditedChoices,
  demoSchoolCandidate,
  nthChoice,
  storedChoice,
  submitChoice,
} from './choice-clients.ts';
import { ownPostgresSkipReason, useOwnPostgres } from './own-postgres.ts';

/**
 * A school candidate and their school entering different choices at the
 * same instant, round after round, with an invalid entry racing them: the
 * row lock must decide them one after the other, each success audited, the
 * stored choice the last audited, and the refusal changing nothing.
 */

const skipReason = ownPostgresSkipReason();
const WINDOW_OPEN = new Date('2024-06-29T12:00:00.000Z');
const ROUNDS = 50;
const SCHOOL = 'etablissement.demo';

function races(backend: Backend) {
  it(`decides ${ROUNDS} rounds of simultaneous entries one after the other, each audited`, async () => {
    const api = await startTestApi(backend, { at: WINDOW_OPEN });
    try {
      const { candidate, schoolToken } = await demoSchoolCandidate(api);
      let successes = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const auditedBefore = (await auditedChoices(api, candidate.candidateRowId)).length;
        const candidateCodes = nthChoice(candidate.eligible, round);
        const schoolCodes = nthChoice(candidate.eligible, round + 1);
        // One test instead of two: refused as InvalidControlChoice.
        const invalid = [candidate.eligible[round % candidate.eligible.length] ?? ''];
        const [fromCandidate, fromSchool, refused] = await Promise.all([
          submitChoice(api, candidate.token, candidate.candidateId, candidateCodes),
          submitChoice(api, schoolToken, candidate.candidateId, schoolCodes),
          submitChoice(
            api,
            round % 2 === 0 ? schoolToken : candidate.token,
            candidate.candidateId,
            invalid,
          ),
        ]);
        expect(fromCandidate).toMatchObject({
          kind: 'recorded',
          codes: candidateCodes,
          channel: 'CANDIDATE_SPACE',
          enteredBy: 'candidat.demo',
        } satisfies Partial<Answer>);
        expect(fromSchool).toMatchObject({
          kind: 'recorded',
          codes: schoolCodes,
          channel: 'SCHOOL',
          enteredBy: SCHOOL,
        } satisfies Partial<Answer>);
        expect(refused).toEqual({
          kind: 'refused',
          typename: 'InvalidControlChoice',
          code: 'INVALID_CONTROL_CHOICE',
        });
        successes += 2;

        // Both successes audited, the refusal not; the stored choice is the last audited.
        const audited = await auditedChoices(api, candidate.candidateRowId);
        expect(audited).toHaveLength(auditedBefore + 2);
        const round2 = audited
          .slice(auditedBefore)
          .map((a) => ({ codes: a.codes, channel: a.channel }));
        expect(round2).toEqual(
          expect.arrayContaining([
            { codes: candidateCodes, channel: 'CANDIDATE_SPACE' },
            { codes: schoolCodes, channel: 'SCHOOL' },
          ]),
        );
        const last = audited.at(-1);
        const stored = await storedChoice(api, candidate.candidateRowId);
        expect(stored).toMatchObject({
          codes: last?.codes,
          channel: last?.channel,
          enteredBy: last?.channel === 'SCHOOL' ? SCHOOL : 'candidat.demo',
        });
      }

      // Over all rounds: one audit entry per success, each decided on the one before it.
      const audited = await auditedChoices(api, candidate.candidateRowId);
      expect(audited).toHaveLength(successes);
      audited.forEach((entry, i) => {
        const previous = audited[i - 1];
        expect({ codes: entry.beforeCodes, channel: entry.beforeChannel }).toEqual(
          previous === undefined
            ? { codes: null, channel: null }
            : { codes: previous.codes, channel: previous.channel },
        );
      });
    } finally {
      await api.close();
    }
  });
}

describe.skipIf(skipReason !== null)(
  `a candidate and their school entering at the same instant, on an own PostgreSQL${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    useOwnPostgres();
    races('postgres');
  },
);

describe('a candidate and their school entering at the same instant, on PGlite', () => {
  races('pglite');
});
