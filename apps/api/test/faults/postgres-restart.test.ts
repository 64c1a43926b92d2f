import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { type Chooser, openChoosers } from './choice-clients.ts';
import { type LoadProgress, expectLoadHonoured, runChoiceLoad, until } from './choice-load.ts';
import { ownPostgresSkipReason, useOwnPostgres } from './own-postgres.ts';

/**
 * PostgreSQL failing under a load of choice entries while the API keeps
 * running: stopped and started again (cleanly, then as a crash), and its
 * connections cut one by one. What every client was told must be what the
 * database holds, and the API must come back by itself.
 */

const skipReason = ownPostgresSkipReason();
// Batch A's window (MCO, NDRC) is open from 28 June 08:00Z to 1 July 08:00Z.
const WINDOW_OPEN = new Date('2024-06-29T12:00:00.000Z');
const CHOOSERS = 40;
const CHOICES_EACH = 5;
/** Failures the clients must have met before the fault ends. */
const FELT_FAILURES = 20;
const FAULT_BOUND_MS = 10_000;

const startedOnce = (progress: () => LoadProgress) =>
  until(() => progress().recorded >= (CHOOSERS * CHOICES_EACH) / 3, FAULT_BOUND_MS);

describe.skipIf(skipReason !== null)(
  `choices entered while PostgreSQL fails${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const own = useOwnPostgres();

    /** Production mode: clients read what a real client would in a failure. */
    async function withChoosers(run: (api: TestApi, choosers: Chooser[]) => Promise<void>) {
      const api = await startTestApi('postgres', {
        at: WINDOW_OPEN,
        candidates: 600,
        mode: 'production',
      });
      try {
        await run(
          api,
          await openChoosers(api, { count: CHOOSERS, specialtyCodes: ['MCO', 'NDRC'] }),
        );
      } finally {
        // Bounded: an API whose pool is stuck would never close, and hide the failure.
        await Promise.race([api.close(), sleep(FAULT_BOUND_MS, undefined, { ref: false })]);
      }
    }

    it.each(['fast', 'immediate'] as const)(
      'loses no acknowledged choice and reconnects by itself (stop -m %s, then start)',
      (mode) =>
        withChoosers(async (api, choosers) => {
          let felt = 0;
          const result = await runChoiceLoad(api, choosers, CHOICES_EACH, async (progress) => {
            await startedOnce(progress);
            const before = progress().failed;
            await own().stop(mode);
            await until(() => progress().failed >= before + FELT_FAILURES, FAULT_BOUND_MS);
            felt = progress().failed - before;
            await own().start();
          });
          await expectLoadHonoured(api, result, CHOICES_EACH);
          expect(felt).toBeGreaterThanOrEqual(FELT_FAILURES);
        }),
      120_000,
    );

    it(
      'loses no acknowledged choice and keeps its pool when connections are cut one by one',
      () =>
        withChoosers(async (api, choosers) => {
          const admin = new pg.Client({ connectionString: own().url });
          await admin.connect();
          const database = new URL(api.database.url ?? '').pathname.slice(1);
          let cut = 0;
          try {
            const result = await runChoiceLoad(api, choosers, CHOICES_EACH, async (progress) => {
              await startedOnce(progress);
              // As an administrator or a failover would: any of the API's
              // connections, whatever it is doing (opening, in a transaction, idle).
              const end = Date.now() + FAULT_BOUND_MS;
              while (cut < 100 && Date.now() < end) {
                const killed = await admin.query(
                  'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
                  [database],
                );
                cut += killed.rowCount ?? 0;
                await sleep(1 + Math.random() * 20);
              }
            });
            await expectLoadHonoured(api, result, CHOICES_EACH);
            expect(cut).toBeGreaterThanOrEqual(100);
          } finally {
            await admin.end();
          }
        }),
      120_000,
    );
  },
);
