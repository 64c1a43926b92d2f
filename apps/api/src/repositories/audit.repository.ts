import type { Kysely } from 'kysely';
import type { Role } from '../access/viewer.ts';
import type { Channel, Database } from '../db/schema.ts';

export interface AuditEntry {
  readonly at: Date;
  readonly actorAccountId: string | null;
  readonly actorRole: Role | null;
  readonly action: string;
  readonly channel?: Channel | null;
  readonly candidateId?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Appends to the audit log; call it inside the transaction of the change it records. */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_account_id: entry.actorAccountId,
      actor_role: entry.actorRole,
      action: entry.action,
      channel: entry.channel ?? null,
      candidate_id: entry.candidateId ?? null,
      before:
        entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditRecord {
  readonly id: number;
  readonly at: Date;
  readonly actorAccountId: string | null;
  readonly actorRole: string | null;
  readonly action: string;
  readonly channel: string | null;
  readonly candidateId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export async function listAuditForCandidate(
  db: Kysely<Database>,
  candidateId: string,
): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorAccountId: r.actor_account_id,
    actorRole: r.actor_role,
    action: r.action,
    channel: r.channel,
    candidateId: r.candidate_id,
    before: r.before,
    after: r.after,
  }));
}
