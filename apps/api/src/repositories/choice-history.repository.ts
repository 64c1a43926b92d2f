import type { Channel } from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { anyId } from './any-id.ts';
import { CHOICE_AUDIT_ACTIONS } from './choices.repository.ts';

/** One entry of a candidate's choice, as the audit log recorded it. */
export interface ChoiceHistoryEntry {
  readonly enteredAt: Date;
  readonly authorRole: Role;
  readonly channel: Channel;
  readonly testCodes: readonly [string, string];
  readonly lateReason: string | null;
}

interface RecordedChoice {
  readonly testCodes?: unknown;
  readonly lateReason?: unknown;
}

function recordedChoiceOf(value: unknown): RecordedChoice {
  // jsonb reads back as an object; a driver may hand it over as text.
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return typeof parsed === 'object' && parsed !== null ? parsed : {};
}

/**
 * Every entry of each candidate's choice, oldest first: the audit log is the
 * record (every write of a choice appends to it in the same transaction), so
 * the history cannot disagree with what happened.
 */
export async function loadChoiceHistories(
  db: Kysely<Database>,
  candidateIds: readonly string[],
): Promise<Map<string, ChoiceHistoryEntry[]>> {
  const result = new Map<string, ChoiceHistoryEntry[]>(candidateIds.map((id) => [id, []]));
  if (candidateIds.length === 0) return result;
  const rows = await db
    .selectFrom('audit_log')
    .select(['candidate_id', 'at', 'actor_role', 'channel', 'after'])
    .where('candidate_id', '=', anyId(candidateIds))
    .where('action', 'in', Object.values(CHOICE_AUDIT_ACTIONS))
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const entry = choiceHistoryEntryOf(r);
    if (entry !== null && r.candidate_id !== null) result.get(r.candidate_id)?.push(entry);
  }
  return result;
}

/** An audit row of a choice as a history entry; null for a row that does not record one. */
export function choiceHistoryEntryOf(r: {
  readonly at: Date;
  readonly actor_role: Role | null;
  readonly channel: Channel | null;
  readonly after: unknown;
}): ChoiceHistoryEntry | null {
  const after = recordedChoiceOf(r.after);
  const codes = after.testCodes;
  if (
    r.actor_role === null ||
    r.channel === null ||
    !Array.isArray(codes) ||
    codes.length !== 2 ||
    !codes.every((c) => typeof c === 'string')
  )
    return null;
  return {
    enteredAt: r.at,
    authorRole: r.actor_role,
    channel: r.channel,
    testCodes: [codes[0] as string, codes[1] as string],
    lateReason: typeof after.lateReason === 'string' ? after.lateReason : null,
  };
}
