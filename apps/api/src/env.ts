import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_SESSION_HOURS, DEFAULT_SESSION_IDLE_MINUTES } from './auth/session-lifetime.ts';
import { LOG_LEVELS, type LogLevel } from './observability/logger.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Every environment variable the API reads, validated once. With no
 * DATABASE_URL the API runs on embedded Postgres (PGlite) under DATA_DIR, so
 * a new user needs nothing installed.
 */
const schema = z.object({
  // Empty means unset, so a caller can switch a set DATABASE_URL off.
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** Connections per API process to PostgreSQL (× processes ≤ the server's or pooler's limit). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Parameterised reads as named prepared statements (db/prepared-statements.ts):
   * `off` behind a pooler that cannot carry them (PgBouncer before 1.21, or
   * with max_prepared_statements = 0).
   */
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  RATTRAPAGE_DATA_DIR: z.string().min(1).default(`${REPO_ROOT}.data/pglite`),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /**
   * demo: seeded data, a settable clock, demo notices. production: none of
   * those. Unset: demo on the embedded database; with DATABASE_URL, unset is
   * refused (see withMode).
   */
  RATTRAPAGE_MODE: z.enum(['demo', 'production']).optional(),
  /** on: demo mode may listen on an interface other than the loopback. */
  RATTRAPAGE_DEMO_PUBLIC: z.enum(['on', 'off']).default('off'),
  /** on: GraphiQL and introspection (for partner académies' developers); unset: on in demo mode only. */
  RATTRAPAGE_GRAPHIQL: z.enum(['on', 'off']).optional(),
  /** The largest multipart upload (the pilot's importFile), in MB. */
  RATTRAPAGE_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(21),
  /** Port of the /metrics listener; 0: any free port; off: no metrics listener. */
  METRICS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)])
    .default(9464),
  /** Interface of the /metrics listener: the loopback unless said otherwise. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Where the demo clock starts (demo mode only). */
  RATTRAPAGE_DEMO_CLOCK: z.iso.datetime({ offset: true }).default('2024-06-28T08:00:00.000Z'),
  RATTRAPAGE_DEMO_CANDIDATES: z.coerce.number().int().min(10).max(500_000).default(3000),
  /** on: the demo also holds the previous session, 2023 (fictitious, over), to show years apart. */
  RATTRAPAGE_DEMO_PREVIOUS_SESSION: z.enum(['on', 'off']).default('on'),
  RATTRAPAGE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(DEFAULT_SESSION_HOURS),
  /** A session unused for this long ends (absolute expiry: RATTRAPAGE_SESSION_HOURS). */
  RATTRAPAGE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_SESSION_IDLE_MINUTES),
  /** Password checks (argon2id) at once; by default the number of cores, at least 2. */
  RATTRAPAGE_PASSWORD_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** Password checks allowed to wait; beyond, a fast 503 with Retry-After. */
  RATTRAPAGE_PASSWORD_QUEUE: z.coerce.number().int().min(0).max(100_000).default(64),
  /** The longest a password check waits for a slot before a 503. */
  RATTRAPAGE_PASSWORD_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** enforce: candidates' and schools' sessions run only the web's documents (docs/security.md). */
  RATTRAPAGE_TRUSTED_DOCUMENTS: z.enum(['enforce', 'off']).default('enforce'),
  /**
   * Shared with the web server (the same variable there): the API believes
   * the client address the web forwards only with it. At least 32 characters.
   */
  RATTRAPAGE_WEB_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32).optional(),
  ),
  /** Comma-separated proxies whose X-Forwarded-For is believed (Express `trust proxy`); none by default. */
  RATTRAPAGE_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  /** The web site's origin, for links in e-mails (password reset). */
  WEB_ORIGIN: z.url().default('http://localhost:3000'),
  /** smtp://user:pass@host:port or smtps://…; unset: the notification worker does not run. */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** The From of every notification; its domain also names the Message-IDs. */
  SMTP_FROM: z
    .string()
    .regex(/@[^@\s>]+>?$/)
    .default('BTS Rattrapage – académie de Reims <ne-pas-repondre@rattrapage.ac-reims.invalid>'),
  NOTIFY_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** pino level; the tests run with `silent` (vitest.config.ts). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Shutdown: how long /readyz says 503 before the port closes (the load balancer's check interval). */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(0),
  /** Shutdown: the longest requests in flight may take to finish. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(10),
});

export type Env = z.infer<typeof schema>;

/** The environment of the API server itself, its mode decided. */
export type ServerEnv = Omit<Env, 'RATTRAPAGE_MODE'> & {
  readonly RATTRAPAGE_MODE: 'demo' | 'production';
  /** True when demo mode was asked for by name against a PostgreSQL database. */
  readonly DEMO_ON_DATABASE_URL: boolean;
};

/** The loopback interface only: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Demo mode lets anyone move the clock past every embargo (setDemoClock):
 * it must never be what a real database gets by default, nor what a
 * network can reach unless someone said so.
 */
function modeProblems(raw: Env): string[] {
  const problems: string[] = [];
  if (raw.RATTRAPAGE_MODE === undefined && raw.DATABASE_URL !== undefined)
    problems.push(
      '  RATTRAPAGE_MODE: DATABASE_URL est définie sans RATTRAPAGE_MODE ; choisissez production (ou demo, délibérément : données fictives et horloge réglable par tous).',
    );
  const mode = raw.RATTRAPAGE_MODE ?? 'demo';
  if (mode === 'demo' && !isLoopback(raw.HOST) && raw.RATTRAPAGE_DEMO_PUBLIC !== 'on')
    problems.push(
      `  HOST: le mode démonstration n’écoute que sur la boucle locale (127.0.0.1), pas ${raw.HOST} ; RATTRAPAGE_DEMO_PUBLIC=on pour l’exposer délibérément.`,
    );
  return problems;
}

/** LOG_LEVEL alone, for a server started without readEnv (tests). */
export function logLevelFromEnv(source: NodeJS.ProcessEnv = process.env): LogLevel {
  return schema.shape.LOG_LEVEL.parse(source['LOG_LEVEL']);
}

/** RATTRAPAGE_PASSWORD_CONCURRENCY alone, as readEnv checks it, for tools that size a pool as the API does (the bench). */
export function passwordConcurrencyFromEnv(
  source: NodeJS.ProcessEnv = process.env,
): number | undefined {
  return schema.shape.RATTRAPAGE_PASSWORD_CONCURRENCY.parse(
    source['RATTRAPAGE_PASSWORD_CONCURRENCY'],
  );
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

/** readEnv, and the server's mode checked: the commands (migrate, import…) have no mode. */
export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const env = readEnv(source);
  const problems = modeProblems(env);
  if (problems.length > 0) throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  const mode = env.RATTRAPAGE_MODE ?? 'demo';
  return {
    ...env,
    RATTRAPAGE_MODE: mode,
    DEMO_ON_DATABASE_URL: mode === 'demo' && env.DATABASE_URL !== undefined,
  };
}
