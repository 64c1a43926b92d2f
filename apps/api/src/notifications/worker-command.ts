import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../clock.ts';
import { databaseFromEnv, describeDatabase } from '../db/database-from-env.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { readEnv } from '../env.ts';
import { enqueuePublicationNotices } from './enqueue-publication-notices.ts';
import { enqueueWindowReminders } from './enqueue-window-reminders.ts';
import { smtpTransport } from './mail-transport.ts';
import { newWorkerId, runWorkerOnce } from './worker.ts';

/**
 * pnpm --filter @rattrapage/api notify-worker [--once]
 * Every NOTIFY_POLL_SECONDS: enqueues the publication notices and window
 * reminders that are due, then sends what the outbox holds. Any number may
 * run against one PostgreSQL database; on PGlite, stop the API first (one
 * process per data folder). Stops cleanly on SIGINT / SIGTERM.
 */
const env = readEnv();
if (env.SMTP_URL === undefined) {
  console.error('notify-worker: SMTP_URL is not set; notifications are disabled.');
  process.exit(0);
}
const once = process.argv.includes('--once');
const domain = /@([^@\s>]+)>?$/.exec(env.SMTP_FROM)?.[1];
const transport = smtpTransport(env.SMTP_URL, env.SMTP_FROM);
const database = await databaseFromEnv();
const workerId = newWorkerId();
const stop = new AbortController();
process.once('SIGINT', () => {
  stop.abort();
});
process.once('SIGTERM', () => {
  stop.abort();
});

try {
  const pending = await pendingMigrations(database.db);
  if (pending.length > 0) {
    // Migrating is the API's (or `migrate`'s) job, not the worker's.
    throw new Error(`pending migrations (${pending.join(', ')}): run migrate first`);
  }
  console.error(`notify-worker ${workerId} on ${describeDatabase()}`);
  while (!stop.signal.aborted) {
    const at = systemClock.now();
    const notices = await enqueuePublicationNotices(database.db, at);
    const reminders = await enqueueWindowReminders(database.db, at);
    const run = await runWorkerOnce(database.db, transport, systemClock, {
      workerId,
      ...(domain === undefined ? {} : { messageIdDomain: domain }),
    });
    if (notices + reminders + run.claimed > 0)
      console.error(JSON.stringify({ at: at.toISOString(), notices, reminders, ...run }));
    if (once) break;
    // A full batch: there is more to send now.
    if (run.claimed === 0)
      await sleep(env.NOTIFY_POLL_SECONDS * 1000, undefined, { signal: stop.signal }).catch(
        () => undefined,
      );
  }
} finally {
  transport.close();
  await database.close();
}
