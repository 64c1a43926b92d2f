import { flushCompileCache } from 'node:module';
import { formatParisDateTime } from '@rattrapage/domain';
import { passwordPool } from './auth/password-admission.ts';
import { hashPassword } from './auth/password.ts';
import { type Clock, demoClock, systemClock } from './clock.ts';
import { createDatabase } from './db/database.ts';
import { migrateToLatest, pendingMigrations } from './db/migrate.ts';
import { PREVIOUS_DEMO_YEAR, seedPreviousDemoSession } from './demo/demo-previous-session.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { readServerEnv } from './env.ts';
import { createLogger } from './observability/logger.ts';
import { startServer } from './server.ts';
import { deliberateFirstGroup } from './services/deliberate.ts';

/**
 * Starts the API: opens the database (embedded PGlite unless DATABASE_URL
 * is set), applies migrations, in demo mode loads the demo data, and serves.
 */
async function main(): Promise<void> {
  const env = readServerEnv();
  const passwords = passwordPool(
    env.RATTRAPAGE_PASSWORD_CONCURRENCY,
    process.env['UV_THREADPOOL_SIZE'],
  );
  const passwordConcurrency = passwords.concurrency;
  // libuv reads it when its pool first starts, which nothing before this line does.
  process.env['UV_THREADPOOL_SIZE'] = passwords.threads;
  const logger = createLogger({ level: env.LOG_LEVEL });
  if (env.DEMO_ON_DATABASE_URL) {
    // Said before anything is written: demo data and a clock anyone may move, on a real server.
    console.error(
      [
        '',
        '!!! MODE DÉMONSTRATION SUR UNE BASE POSTGRESQL (DATABASE_URL) !!!',
        '!!! Données fictives chargées, horloge réglable par tous (setDemoClock) : aucun embargo ne tient. !!!',
        '!!! Jamais sur une base réelle : RATTRAPAGE_MODE=production. !!!',
        '',
      ].join('\n'),
    );
    logger.warn({ mode: 'demo', database: 'DATABASE_URL' }, 'demo mode on a PostgreSQL database');
  }
  const database = await createDatabase({
    url: env.DATABASE_URL,
    dataDir: env.RATTRAPAGE_DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS === 'on',
  });
  await migrateToLatest(database.db);

  let clock: Clock = systemClock;
  let accounts: readonly {
    identifier: string;
    role: string;
    password: string;
    description: string;
  }[] = [];
  if (env.RATTRAPAGE_MODE === 'demo') {
    console.log('Préparation des données de démonstration…');
    const seeded = await seedDemo(database.db, {
      candidates: env.RATTRAPAGE_DEMO_CANDIDATES,
      hashPassword,
    });
    await deliberateFirstGroup(database.db, 2024);
    if (env.RATTRAPAGE_DEMO_PREVIOUS_SESSION === 'on') {
      await seedPreviousDemoSession(database.db);
      await deliberateFirstGroup(database.db, PREVIOUS_DEMO_YEAR);
    }
    accounts = seeded.accounts;
    clock = demoClock(new Date(env.RATTRAPAGE_DEMO_CLOCK));
  }

  const exploration =
    env.RATTRAPAGE_GRAPHIQL === undefined
      ? env.RATTRAPAGE_MODE === 'demo'
      : env.RATTRAPAGE_GRAPHIQL === 'on';
  const server = await startServer({
    db: database.db,
    clock,
    config: {
      mode: env.RATTRAPAGE_MODE,
      sessionHours: env.RATTRAPAGE_SESSION_HOURS,
      sessionIdleMinutes: env.RATTRAPAGE_SESSION_IDLE_MINUTES,
      webOrigin: env.WEB_ORIGIN,
      enforceTrustedDocuments: env.RATTRAPAGE_TRUSTED_DOCUMENTS === 'enforce',
      trustedProxies: env.RATTRAPAGE_TRUSTED_PROXIES,
      ...(env.RATTRAPAGE_WEB_SECRET === undefined ? {} : { webSecret: env.RATTRAPAGE_WEB_SECRET }),
    },
    exploration,
    uploadLimitBytes: env.RATTRAPAGE_UPLOAD_MAX_MB * 1024 * 1024,
    ...(env.METRICS_PORT === 'off'
      ? {}
      : { metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST } }),
    passwordAdmission: {
      concurrency: passwordConcurrency,
      queue: env.RATTRAPAGE_PASSWORD_QUEUE,
      maxWaitMs: env.RATTRAPAGE_PASSWORD_WAIT_MS,
    },
    isMigrated: async () => (await pendingMigrations(database.db)).length === 0,
    port: env.PORT,
    host: env.HOST,
    logger,
    shutdown: {
      readinessGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
      drainTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    },
    closeDatabase: () => database.close(),
  });
  // Node writes its compile cache (start.js) when the process exits; a server
  // runs for weeks, so what start-up compiled is written now, for the next start.
  flushCompileCache();

  const lines = [
    '',
    `Rattrapage API — ${env.RATTRAPAGE_MODE === 'demo' ? 'DÉMONSTRATION (données fictives)' : 'production'}`,
    `  GraphQL : ${server.url}/graphql${exploration ? ' (GraphiQL dans un navigateur)' : ''}`,
    `  Mesures : ${server.metricsUrl === undefined ? 'aucune (METRICS_PORT=off)' : `${server.metricsUrl}/metrics`}`,
    `  Base    : ${database.backend === 'pglite' ? `PGlite (embarquée) dans ${env.RATTRAPAGE_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (clock.demo) {
    lines.push(
      `  Horloge : simulée, ${formatParisDateTime(clock.now())} (heure de Paris) ; mutation setDemoClock pour la déplacer`,
    );
    lines.push('  Comptes de démonstration :');
    for (const a of accounts)
      lines.push(`    ${a.role.padEnd(9)} ${a.identifier} / ${a.password} — ${a.description}`);
  }
  console.log(lines.join('\n'));

  // close() makes /readyz 503 first, then stops accepting, lets requests
  // in flight finish (SHUTDOWN_TIMEOUT_SECONDS at most), then closes the pool.
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down: draining requests');
    await server.close();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
