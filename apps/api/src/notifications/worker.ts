import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import {
  type OutboxRecord,
  claimDueNotifications,
  markNotificationFailed,
  markNotificationSent,
} from '../repositories/outbox.repository.ts';
import type { DeliveryCounter } from '../observability/notification-metrics.ts';
import { type MailTransport, PermanentDeliveryError, SEND_TIMEOUT_MS } from './mail-transport.ts';
import { DEFAULT_MESSAGE_ID_DOMAIN, messageIdOf } from './message-id.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from './retry-policy.ts';

export interface WorkerOptions {
  /** Names the lease holder in `locked_by`; unique per worker process. */
  readonly workerId?: string;
  readonly batchSize?: number;
  /** How long a claim keeps a row this worker's (a crashed worker's rows come back after it). */
  readonly leaseMs?: number;
  readonly retryPolicy?: RetryPolicy;
  readonly messageIdDomain?: string;
  /** Where problems are told (the mark step failing); console.error by default. */
  readonly log?: (message: string) => void;
  /** Counts each row's outcome, when the process exposes metrics. */
  readonly deliveries?: DeliveryCounter;
}

export interface WorkerRun {
  readonly claimed: number;
  readonly sent: number;
  readonly retried: number;
  readonly deadLettered: number;
  /** Sent, but the mark step failed: sent again, same Message-ID, after the lease. */
  readonly unmarked: number;
  /** Left for later: the lease ran too short to send them safely. */
  readonly released: number;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

/**
 * One pass of the notification worker. Delivery is at least once:
 *  1. claim due rows in a short transaction (FOR UPDATE SKIP LOCKED, lease
 *     in locked_until/locked_by, attempt counted), so that workers running
 *     at once never take the same row;
 *  2. send each one outside any transaction (a slow mail server holds no
 *     lock), with a Message-ID derived from the row id;
 *  3. mark it sent; once marked, no claim ever takes it again.
 * A crash between 2 and 3 leaves the row leased; after the lease it is sent
 * again under the same Message-ID, so the receiver can drop the duplicate.
 * A failure is retried with back-off, then dead-lettered (dead_at,
 * last_error). On PGlite (one connection, one process) SKIP LOCKED is
 * accepted but there is never a second worker to skip.
 */
export async function runWorkerOnce(
  db: Kysely<Database>,
  transport: MailTransport,
  clock: Clock,
  options: WorkerOptions = {},
): Promise<WorkerRun> {
  const workerId = options.workerId ?? newWorkerId();
  const leaseMs = Math.max(options.leaseMs ?? DEFAULT_LEASE_MS, 2 * SEND_TIMEOUT_MS);
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const domain = options.messageIdDomain ?? DEFAULT_MESSAGE_ID_DOMAIN;
  const log =
    options.log ??
    ((message: string) => {
      console.error(message);
    });

  const claimedAt = clock.now();
  const lockedUntil = new Date(claimedAt.getTime() + leaseMs);
  const claimed = await db.transaction().execute((trx) =>
    claimDueNotifications(trx, {
      workerId,
      at: claimedAt,
      lockedUntil,
      limit: options.batchSize ?? 50,
    }),
  );

  const run = {
    claimed: claimed.length,
    sent: 0,
    retried: 0,
    deadLettered: 0,
    unmarked: 0,
    released: 0,
  };
  for (const row of claimed) {
    // Past this point another worker may claim the row while we are still
    // sending it: leave it to them rather than risk a send after their mark.
    if (clock.now().getTime() > lockedUntil.getTime() - SEND_TIMEOUT_MS) {
      run.released++;
      options.deliveries?.inc({ outcome: 'released' });
      continue;
    }
    const outcome = await deliver(db, transport, clock, row, { workerId, policy, domain, log });
    run[outcome]++;
    options.deliveries?.inc({ outcome });
  }
  return run;
}

async function deliver(
  db: Kysely<Database>,
  transport: MailTransport,
  clock: Clock,
  row: OutboxRecord,
  ctx: {
    readonly workerId: string;
    readonly policy: RetryPolicy;
    readonly domain: string;
    readonly log: (message: string) => void;
  },
): Promise<'sent' | 'retried' | 'deadLettered' | 'unmarked'> {
  try {
    await transport.send({
      messageId: messageIdOf(row.id, ctx.domain),
      to: row.recipient,
      subject: row.subject,
      text: row.body,
    });
  } catch (error) {
    const at = clock.now();
    const delay =
      error instanceof PermanentDeliveryError ? null : retryDelayMs(row.attempts, ctx.policy);
    try {
      await markNotificationFailed(db, {
        id: row.id,
        workerId: ctx.workerId,
        at,
        error: describe(error),
        retryAt: delay === null ? null : new Date(at.getTime() + delay),
      });
    } catch (markError) {
      // The attempt is counted already; the lease brings the row back.
      ctx.log(`notification ${row.id}: failure not recorded: ${describe(markError)}`);
      return 'unmarked';
    }
    return delay === null ? 'deadLettered' : 'retried';
  }
  try {
    await markNotificationSent(db, row.id, clock.now());
    return 'sent';
  } catch (error) {
    // Sent but not recorded: the lease brings it back (at least once).
    ctx.log(`notification ${row.id} sent but not marked: ${describe(error)}`);
    return 'unmarked';
  }
}
