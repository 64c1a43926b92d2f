import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionDefinition, defineSession } from '../../src/services/define-session.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

// The demo's 2024 session runs from its first publication (28 June 2024 10:00 Paris) to its
// second-group results (10 July 2024 16:30); the fictitious 2025 one from 27 June 2025 10:00.
const START_2024 = new Date('2024-06-28T08:00:00.000Z');
const END_2024 = new Date('2024-07-10T14:30:00.000Z');
const START_2025 = new Date('2025-06-27T08:00:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const CURRENT = `{ currentExamSession { year secondGroupResultsAt } examSessions { year } }`;

describe.each(backendsUnderTest())('the current session, on %s', (backend) => {
  let api: TestApi;
  const current = async () =>
    (
      await api.gql<{
        currentExamSession: { year: number } | null;
        examSessions: { year: number }[];
      }>(CURRENT, {}, null)
    ).data;

  beforeAll(async () => {
    api = await startTestApi(backend, { at: START_2024 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('is the only session defined, whenever asked', async () => {
    for (const at of [ms(START_2024, -86_400_000), START_2024, ms(END_2024, 86_400_000)]) {
      api.clock.set(at);
      expect((await current())?.currentExamSession?.year).toBe(2024);
    }
  });

  it('with 2025 defined beside it: the one whose calendar contains now, else the latest', async () => {
    const definition = JSON.parse(
      await readFile(
        new URL('../../../../docs/examples/session-2025-fictive.json', import.meta.url),
        'utf8',
      ),
    ) as SessionDefinition;
    expect(
      await defineSession(api.database.db, definition, { at: START_2024, who: 'test' }),
    ).toMatchObject({ kind: 'defined', year: 2025 });
    for (const [at, year] of [
      [START_2024, 2024],
      [END_2024, 2024],
      [ms(END_2024, 1), 2025],
      [ms(START_2025, -1), 2025],
      [START_2025, 2025],
    ] as const) {
      api.clock.set(at);
      const read = await current();
      expect(read?.currentExamSession?.year, at.toISOString()).toBe(year);
      expect(read?.examSessions.map((s) => s.year).sort()).toEqual([2024, 2025]);
    }
  });
});
