import { hashPassword } from '../../src/auth/password.ts';
import { DEMO_PASSWORD, type TestApi } from '../support/api-harness.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

// 2024 batch A (MCO, NDRC): published 28 June 10:00 Paris, window closes 1 July 10:00 Paris.
export const A_PUBLISHED = new Date('2024-06-28T08:00:00.000Z');
export const A_CLOSES = new Date('2024-07-01T08:00:00.000Z');
export const B_PUBLISHED = new Date('2024-07-01T17:00:00.000Z');
export const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
export const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

export const globalId = candidateGlobalId;

export interface Fixture {
  /** Académie 12 batch-A candidates allowed to the control, with a choice (E1, E3) and convocations. */
  readonly chosen: readonly { id: string; lastName: string; number: string }[];
  /** An académie 12 batch-A candidate whose computed outcome is FAILED. */
  readonly failed: { id: string; lastName: string };
}

/** Adds an account (the demo has one per role); returns its identifier. */
export async function addAccount(
  api: TestApi,
  identifier: string,
  values: { role: 'CANDIDATE' | 'ACADEMY'; candidate_id?: string; academy_code?: string },
): Promise<string> {
  await api.database.db
    .insertInto('accounts')
    .values({ identifier, password_hash: await hashPassword(DEMO_PASSWORD), ...values })
    .execute();
  return identifier;
}

/**
 * Choices entered directly (the choice flow has its own tests), convocations
 * scheduled through the API once the window has closed, and two 20/20 control
 * marks recorded through the API.
 */
export async function prepareControl(api: TestApi, count: number): Promise<Fixture> {
  const db = api.database.db;
  const candidates = await db
    .selectFrom('candidates')
    .select(['id', 'last_name', 'number', 'individual', 'first_group_outcome'])
    .where('origin_academy_code', '=', '12')
    .where('specialty_code', 'in', ['MCO', 'NDRC'])
    .orderBy('number')
    .execute();
  const allowed = candidates.filter((c) => c.first_group_outcome === 'CONTROL_ALLOWED');
  const failed = candidates.find((c) => c.first_group_outcome === 'FAILED');
  if (allowed.length < count || failed === undefined)
    throw new Error('demo data: not enough académie 12 candidates');
  const pilot = await db
    .selectFrom('accounts')
    .select('id')
    .where('identifier', '=', 'pilote.demo')
    .executeTakeFirstOrThrow();
  const chosen = allowed.slice(0, count);
  await db
    .insertInto('control_choices')
    .values(
      chosen.map((c) => ({
        candidate_id: c.id,
        individual: c.individual,
        test_code_1: 'E1',
        test_code_2: 'E3',
        channel: 'CANDIDATE_SPACE' as const,
        entered_at: A_PUBLISHED,
        entered_by_account_id: pilot.id,
      })),
    )
    .execute();
  api.clock.set(A_CLOSES);
  const pilotToken = await api.logIn('pilote.demo');
  const planned = await api.gql<{ scheduleConvocations: { issued: number } }>(
    'mutation { scheduleConvocations(year: 2024, academyCode: "12") { ... on ConvocationPlan { issued } } }',
    {},
    pilotToken,
  );
  if (planned.data?.scheduleConvocations.issued !== count * 2)
    throw new Error(`scheduling failed: ${JSON.stringify(planned)}`);
  for (const c of chosen)
    for (const testCode of ['E1', 'E3']) {
      const r = await api.gql(
        'mutation($id: ID!, $t: String!) { recordControlMark(candidateId: $id, testCode: $t, hundredths: 2000) { __typename } }',
        { id: globalId(c.id), t: testCode },
        pilotToken,
      );
      if (r.errors !== undefined) throw new Error(JSON.stringify(r.errors));
    }
  return {
    chosen: chosen.map((c) => ({ id: c.id, lastName: c.last_name, number: c.number })),
    failed: { id: failed.id, lastName: failed.last_name },
  };
}

/** A CSV as the exam office opens it: header and rows, the BOM and CRLF left out. */
export function csvTable(csv: string): string[][] {
  return csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/)
    .map((line) => line.split(';'));
}
