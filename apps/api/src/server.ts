import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Kysely } from 'kysely';
import type { Server } from 'node:http';
import { type AdmissionLimits, PasswordAdmission } from './auth/password-admission.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/schema.ts';
import type { ApiConfig, GraphQLContext } from './graphql/context.ts';
import { schema } from './graphql/schema/index.ts';
import { QUERY_TOO_COMPLEX, queryLimits } from './http/query-limits.ts';
import { graphiqlPage, graphiqlStatic } from './http/graphiql.ts';
import { isDatabaseUnavailable } from './db/database-error.ts';
import {
  DATABASE_UNAVAILABLE,
  DATABASE_UNAVAILABLE_MESSAGE,
  databaseUnavailableStatus,
} from './graphql/graphql-errors.ts';
import { requestContext } from './http/request-context.ts';
import { refuseUnstorableText } from './http/storable-text.ts';
import {
  TrustedDocuments,
  enforceTrustedDocuments,
  resolveDocumentIds,
} from './http/trusted-documents.ts';
import { pingDatabase } from './repositories/health.repository.ts';
import { documentsRouter } from './http/documents.ts';
import { type ShutdownOptions, trackDrain } from './observability/graceful-shutdown.ts';
import { attachRequestLogger, graphqlErrorLogging } from './observability/graphql-error-logging.ts';
import { httpLogging } from './observability/http-logging.ts';
import { httpMetrics, metricsEndpoint } from './observability/http-metrics.ts';
import { type Logger, createLogger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { logLevelFromEnv } from './env.ts';

export interface ServerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** Real time for sessions and throttling (see GraphQLContext); the system clock unless a test says otherwise. */
  readonly sessionClock?: Clock;
  readonly config: ApiConfig;
  /** Checks that migrations are applied, for /readyz. */
  readonly isMigrated: () => Promise<boolean>;
  /** Where logs go; JSON on stdout at LOG_LEVEL by default. */
  readonly logger?: Logger;
  /** Graceful shutdown timings (see observability/graceful-shutdown.ts). */
  readonly shutdown?: ShutdownOptions;
  /** Closes the database pool once the last request has finished (close()). */
  readonly closeDatabase?: () => Promise<void>;
  /** Password checks at once, waiting, and the longest wait (auth/password-admission.ts). */
  readonly passwordAdmission?: AdmissionLimits;
  /** The documents sent by id; the web's committed manifest by default. */
  readonly trustedDocuments?: TrustedDocuments;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** True from the first moment of close(): /readyz answers 503. */
  readonly draining: boolean;
  /** Requests being served right now. */
  readonly inFlight: number;
  /** Drains (readiness off, no new connections, in-flight requests finish), then closes the pool. */
  close(): Promise<void>;
}

function originalCode(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('originalError' in error)) return undefined;
  const original = error.originalError;
  if (typeof original !== 'object' || original === null || !('extensions' in original))
    return undefined;
  const extensions = original.extensions;
  return typeof extensions === 'object' && extensions !== null && 'code' in extensions
    ? extensions.code
    : undefined;
}

export async function createApp(options: ServerOptions, isDraining: () => boolean = () => false) {
  const production = options.config.mode === 'production';
  const logger = options.logger ?? createLogger({ level: logLevelFromEnv() });
  const metrics = createMetrics(options.db);
  const trusted = options.trustedDocuments ?? TrustedDocuments.load();
  const passwordAdmission = new PasswordAdmission(options.passwordAdmission, () => {
    metrics.passwordChecksRefused.inc();
  });
  metrics.observeAdmission(passwordAdmission);
  const contextOptions = { ...options, passwordAdmission };
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: !production,
    validationRules: queryLimits,
    csrfPrevention: true,
    plugins: [
      // On by default, it wraps every field resolver to compute cache hints
      // nobody reads (no CDN caches personal results): measured cost, no use.
      ApolloServerPluginCacheControlDisabled(),
      graphqlErrorLogging({ production, fallback: logger }),
      enforceTrustedDocuments(trusted),
      databaseUnavailableStatus(),
    ],
    formatError: (formatted, error) => {
      // Apollo rewraps validation errors as GRAPHQL_VALIDATION_FAILED: keep
      // the query-limits code, which tells programs why they were refused.
      // (Checked by shape: graphql's dual CJS/ESM builds defeat instanceof.)
      if (originalCode(error) === QUERY_TOO_COMPLEX) {
        return { message: formatted.message, extensions: { code: QUERY_TOO_COMPLEX } };
      }
      // The database out of reach is not the request's fault: a typed code
      // clients can act on (check, then retry), in every mode.
      if (isDatabaseUnavailable(error)) {
        return {
          message: DATABASE_UNAVAILABLE_MESSAGE,
          extensions: { code: DATABASE_UNAVAILABLE },
        };
      }
      const code = formatted.extensions?.code;
      // Unexpected failures never show SQL, stacks or internal names in production.
      if (production && (code === 'INTERNAL_SERVER_ERROR' || code === undefined)) {
        return {
          message: 'Erreur interne du serveur.',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      }
      return formatted;
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For from configured proxies only: believed from anyone, it
  // would let a client pick the address its attempts are counted against.
  const proxies = options.config.trustedProxies ?? [];
  app.set('trust proxy', proxies.length === 0 ? false : [...proxies]);
  app.use(httpLogging(logger), httpMetrics(metrics));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metricsEndpoint(metrics));
  app.get('/readyz', async (_req, res) => {
    // Not ready as soon as shutdown starts, so the load balancer stops
    // sending requests before the port closes.
    if (isDraining()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await pingDatabase(options.db);
      const migrated = await options.isMigrated();
      res.status(migrated ? 200 : 503).json({ status: migrated ? 'ready' : 'migrations pending' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  app.use('/graphiql-static/', graphiqlStatic());
  app.use('/documents', documentsRouter(contextOptions));
  app.get('/graphql', (req, res, next) => {
    // A browser asking for a page gets GraphiQL; GraphQL-over-GET goes on to Apollo.
    if (
      req.accepts(['text/html', 'application/json']) === 'text/html' &&
      req.query.query === undefined
    ) {
      res.type('html').send(graphiqlPage('/graphql', '/graphiql-static/'));
      return;
    }
    next();
  });

  app.use(
    '/graphql',
    // importFile carries a CSV file of up to 20 MB (graphql/schema/import.ts).
    express.json({ limit: '25mb' }),
    refuseUnstorableText(),
    resolveDocumentIds(trusted),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const context = await requestContext(contextOptions, req);
        attachRequestLogger(context, req.log);
        return context;
      },
    }),
  );
  return { app, apollo, logger };
}

export async function startServer(
  options: ServerOptions & { readonly port: number; readonly host: string },
): Promise<RunningServer> {
  let isDraining = () => false;
  const { app, apollo } = await createApp(options, () => isDraining());
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, options.host, (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const drain = trackDrain(server, options.shutdown);
  isDraining = () => drain.draining;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${options.host}:${port}`,
    port,
    get draining() {
      return drain.draining;
    },
    get inFlight() {
      return drain.inFlight;
    },
    close() {
      closed ??= (async () => {
        await drain.drain();
        await apollo.stop();
        await options.closeDatabase?.();
      })();
      return closed;
    },
  };
}
