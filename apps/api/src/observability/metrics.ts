import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { poolStatsOf } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { countOutboxByState } from '../repositories/metrics.repository.ts';
import { attachLogInCounter } from './login-metrics.ts';

export interface ApiMetrics {
  /** Per app, not prom-client's global one: two servers in one process keep apart. */
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  readonly logIns: Counter<'outcome'>;
  readonly passwordChecksRefused: Counter;
  /** Reports the admission queue's occupancy at scrape time. */
  observeAdmission(admission: { readonly running: number; readonly waiting: number }): void;
  /** Documents executed through a compiled plan (graphql/compiled-execution.ts). */
  observeCompiledDocuments(compiled: () => number): void;
}

export function createMetrics(db: Kysely<Database>): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by entry point, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const logIns = new Counter({
    name: 'rattrapage_log_ins_total',
    help: 'Log-in attempts by outcome (success, invalid, locked).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of ['success', 'invalid', 'locked']) logIns.inc({ outcome }, 0);
  attachLogInCounter(db, logIns);

  new Gauge({
    name: 'rattrapage_db_pool_connections',
    help: 'Database connections: total, idle and waiting clients (PostgreSQL pool); total 1 on embedded PGlite.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStatsOf(db);
      // PGlite is one in-process connection, always there.
      if (stats === undefined) {
        this.set({ state: 'total' }, 1);
        return;
      }
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  new Gauge({
    name: 'rattrapage_outbox_notifications',
    help: 'Notifications in the outbox by state (pending, sent, dead), read at scrape time; password-reset mails are not counted.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const counts = await countOutboxByState(db);
        this.set({ state: 'pending' }, counts.pending);
        this.set({ state: 'sent' }, counts.sent);
        this.set({ state: 'dead' }, counts.dead);
      } catch {
        // Database unreachable or closed: no sample rather than a stale one;
        // /readyz reports the outage, the rest of the scrape still helps.
        this.reset();
      }
    },
  });

  const passwordChecksRefused = new Counter({
    name: 'rattrapage_password_checks_refused_total',
    help: 'Log-ins and password changes refused with 503 because the admission queue was full.',
    registers: [registry],
  });
  const observeCompiledDocuments: ApiMetrics['observeCompiledDocuments'] = (compiled) => {
    new Gauge({
      name: 'rattrapage_graphql_compiled_documents',
      help: 'GraphQL documents compiled into a plan since the process started.',
      registers: [registry],
      collect() {
        this.set(compiled());
      },
    });
  };
  const observeAdmission: ApiMetrics['observeAdmission'] = (admission) => {
    new Gauge({
      name: 'rattrapage_password_checks',
      help: 'Password checks running and waiting for a slot (admission queue).',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        this.set({ state: 'running' }, admission.running);
        this.set({ state: 'waiting' }, admission.waiting);
      },
    });
  };

  return {
    registry,
    httpRequests,
    httpDuration,
    logIns,
    passwordChecksRefused,
    observeAdmission,
    observeCompiledDocuments,
  };
}
