import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express, { type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Server } from 'node:http';
import { type AdmissionLimits, PasswordAdmission } from './auth/password-admission.ts';
import { refuseSaturatedSecrets } from './http/refuse-saturated-secrets.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/schema.ts';
import type { ApiConfig, RequestContext } from './context.ts';
import { schema } from './graphql/schema/index.ts';
import { COMPILE_DOCUMENTS_AFTER, compiledExecution } from './graphql/compiled-execution.ts';
import {
  LIMITS,
  QUERY_TOO_COMPLEX,
  queryLimits,
  refuseOversizedDocuments,
} from './http/query-limits.ts';
import { apolloHandler } from './http/apollo-handler.ts';
import { readsOnly } from './graphql/reads-only.ts';
import { graphiqlPage, graphiqlStatic } from './http/graphiql.ts';
import { frenchMessage } from './http/french-messages.ts';
import { jsonErrors, notFound, onlyMethods, sendError } from './http/http-errors.ts';
import { pageCsp, securityHeaders } from './http/security-headers.ts';
import { DEFAULT_UPLOAD_LIMIT_BYTES, isMultipart, uploads } from './http/uploads.ts';
import { isDatabaseUnavailable } from './db/database-error.ts';
import {
  DATABASE_UNAVAILABLE,
  DATABASE_UNAVAILABLE_MESSAGE,
  databaseUnavailableStatus,
} from './graphql/graphql-errors.ts';
import { answerClientErrors } from './http/client-errors.ts';
import { inSequence } from './http/in-sequence.ts';
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
import { pathOf } from './observability/request-id.ts';
import { httpMetrics, metricsEndpoint } from './observability/http-metrics.ts';
import { type Logger, createLogger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { logLevelFromEnv } from './env.ts';

export interface ServerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** Real time for sessions and throttling (see RequestContext); the system clock unless a test says otherwise. */
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
  /** GraphiQL and introspection; on in demo mode, off in production unless said (RATTRAPAGE_GRAPHIQL). */
  readonly exploration?: boolean;
  /** The largest multipart body (the pilot's import upload), in bytes. */
  readonly uploadLimitBytes?: number;
  /** A document's plan is compiled on its n-th execution (graphql/compiled-execution.ts); 2 by default. */
  readonly compileDocumentsAfter?: number;
}

/** The largest JSON body, in bytes, for every GraphQL request without a file (100 kB). */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;

export interface MetricsListener {
  /** Where /metrics is served: its own port, never the public one. */
  readonly port: number;
  readonly host: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** True from the first moment of close(): /readyz answers 503. */
  readonly draining: boolean;
  /** Requests being served right now. */
  readonly inFlight: number;
  /** The metrics listener's base URL (GET /metrics), when one was asked for. */
  readonly metricsUrl: string | undefined;
  /** The password checks' admission queue (its state is also in /metrics). */
  readonly passwordAdmission: PasswordAdmission;
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
  const exploration = options.exploration ?? !production;
  const logger = options.logger ?? createLogger({ level: logLevelFromEnv() });
  const metrics = createMetrics(options.db);
  const trusted = options.trustedDocuments ?? TrustedDocuments.load();
  const passwordAdmission = new PasswordAdmission(options.passwordAdmission, () => {
    metrics.passwordChecksRefused.inc();
  });
  metrics.observeAdmission(passwordAdmission);
  const contextOptions = { ...options, passwordAdmission };
  const execution = compiledExecution(schema, {
    compileAfter: options.compileDocumentsAfter ?? COMPILE_DOCUMENTS_AFTER,
  });
  metrics.observeCompiledDocuments(() => execution.compiled());
  const apollo = new ApolloServer<RequestContext>({
    gateway: execution.gateway,
    introspection: exploration,
    // Stacks go to the log (in demo mode), never to a response, in any mode.
    includeStacktraceInErrorResponses: false,
    validationRules: queryLimits,
    parseOptions: { maxLexicalTokens: LIMITS.maxTokens },
    csrfPrevention: true,
    plugins: [
      // On by default, it wraps every field resolver to compute cache hints
      // nobody reads (no CDN caches personal results): measured cost, no use.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's own landing page (Sandbox, from a CDN, or a production
      // page in English) never: GraphiQL is ours, and only when asked for.
      ApolloServerPluginLandingPageDisabled(),
      graphqlErrorLogging({ production, fallback: logger }),
      enforceTrustedDocuments(trusted),
      databaseUnavailableStatus(),
      readsOnly(),
    ],
    formatError: (formatted, error) => {
      // Apollo rewraps validation errors as GRAPHQL_VALIDATION_FAILED: keep
      // the query-limits code, which tells programs why they were refused.
      // (Checked by shape: graphql's dual CJS/ESM builds defeat instanceof.)
      if (originalCode(error) === QUERY_TOO_COMPLEX) {
        return { message: formatted.message, extensions: { code: QUERY_TOO_COMPLEX } };
      }
      // graphql-js's token bound, reached only when the HTTP check was skipped.
      if (/^Syntax Error: Document contains more th[ae]/.test(formatted.message)) {
        return {
          message: frenchMessage(undefined, formatted.message),
          extensions: { code: QUERY_TOO_COMPLEX },
        };
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
      // Unexpected failures never show SQL, stacks or internal names, in any mode.
      if (code === 'INTERNAL_SERVER_ERROR' || typeof code !== 'string') {
        return {
          message: 'Erreur interne du serveur.',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      }
      return { ...formatted, message: frenchMessage(code, formatted.message) };
    },
  });
  await apollo.start();

  const json: RequestHandler = express.json({ limit: JSON_BODY_LIMIT_BYTES });
  const upload = inSequence(
    uploads(contextOptions, options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES),
  );
  const body: RequestHandler = (req, res, next) => {
    if (req.is('application/json') === 'application/json') json(req, res, next);
    else if (isMultipart(req)) upload(req, res, next);
    else
      sendError(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Type de contenu non pris en charge : envoyez application/json (ou multipart/form-data pour un fichier).',
      );
  };
  const graphql: RequestHandler[] = [
    refuseUnstorableText(),
    resolveDocumentIds(trusted),
    refuseOversizedDocuments(trusted),
    refuseSaturatedSecrets(passwordAdmission),
    apolloHandler(apollo, async ({ req }) => {
      const context = await requestContext(contextOptions, req);
      attachRequestLogger(context, req.log);
      return context;
    }),
  ];
  const graphqlPost = inSequence([body, ...graphql]);

  const app = express();
  app.disable('x-powered-by');
  // Express's own pages and error details depend on NODE_ENV (development
  // when unset); nothing of ours does: every error is answered below.
  app.set('env', 'production');
  // X-Forwarded-For from configured proxies only: believed from anyone, it
  // would let a client pick the address its attempts are counted against.
  const proxies = options.config.trustedProxies ?? [];
  app.set('trust proxy', proxies.length === 0 ? false : [...proxies]);
  app.use(httpLogging(logger), httpMetrics(metrics), securityHeaders());
  // GraphQL over POST is nearly every request the API serves: it goes
  // straight to its handlers instead of past every route's matcher and
  // through the route's own dispatch (12 µs of CPU per request measured,
  // docs/performance.md). Other spellings Express would match
  // (`/GraphQL`, `/graphql/`) take the route below, to the same handlers.
  app.use((req, res, next) => {
    if (req.method === 'POST' && pathOf(req.url) === '/graphql') graphqlPost(req, res, next);
    else next();
  });

  app.all('/healthz', onlyMethods(['GET', 'HEAD']), (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.all('/readyz', onlyMethods(['GET', 'HEAD']), async (_req, res) => {
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

  app.use('/documents', documentsRouter(contextOptions));
  app.all('/graphql', onlyMethods(['GET', 'POST']));
  if (exploration) {
    const page = graphiqlPage('/graphql', '/graphiql-static/');
    const csp = pageCsp(page);
    app.use('/graphiql-static/', graphiqlStatic());
    app.get('/graphql', (req, res, next) => {
      // A browser asking for a page gets GraphiQL; GraphQL-over-GET goes on to Apollo.
      if (
        req.accepts(['text/html', 'application/json']) === 'text/html' &&
        req.query.query === undefined
      ) {
        res.set('content-security-policy', csp).type('html').send(page);
        return;
      }
      next();
    });
  }

  app.post('/graphql', graphqlPost);
  app.get(
    '/graphql',
    (req, _res, next) => {
      // Apollo reads a body on every request; a GET has none.
      req.body ??= {};
      next();
    },
    ...graphql,
  );
  app.use(notFound());
  app.use(jsonErrors());
  return { app, apollo, logger, metrics, passwordAdmission };
}

/** The metrics listener's app: GET /metrics and JSON refusals, nothing else. */
function metricsApp(metrics: ReturnType<typeof createMetrics>) {
  const app = express();
  app.disable('x-powered-by');
  app.set('env', 'production');
  app.use(securityHeaders());
  app.all('/metrics', onlyMethods(['GET', 'HEAD']), metricsEndpoint(metrics));
  app.use(notFound());
  app.use(jsonErrors());
  return app;
}

/**
 * How long an idle kept-alive connection stays open. Node's default (5 s)
 * is barely above the idle time of common clients (undici: 4 s), so a
 * client sending on a connection the server is closing at that instant
 * gets ECONNRESET; seen under load. It must outlast the idle time of every
 * client and proxy in front (60 s for most load balancers).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Above the keep-alive time, so a slow next request is not cut as « headers too slow ». */
const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;

function listen(
  app: ReturnType<typeof express>,
  port: number,
  host: string,
  logger: Logger,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
    s.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    s.headersTimeout = HEADERS_TIMEOUT_MS;
    answerClientErrors(s, logger);
  });
}

function portOf(server: Server, asked: number): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : asked;
}

/** An IPv6 literal goes in brackets in a URL. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startServer(
  options: ServerOptions & {
    readonly port: number;
    readonly host: string;
    /** Where to serve /metrics; none when absent. */
    readonly metrics?: MetricsListener;
  },
): Promise<RunningServer> {
  let isDraining = () => false;
  const { app, apollo, logger, metrics, passwordAdmission } = await createApp(options, () =>
    isDraining(),
  );
  const metricsServer =
    options.metrics === undefined
      ? undefined
      : await listen(metricsApp(metrics), options.metrics.port, options.metrics.host, logger);
  let server: Server;
  try {
    server = await listen(app, options.port, options.host, logger);
  } catch (error) {
    metricsServer?.close();
    throw error;
  }
  const port = portOf(server, options.port);
  const drain = trackDrain(server, options.shutdown);
  isDraining = () => drain.draining;
  let closed: Promise<void> | undefined;
  return {
    url: urlOf(options.host, port),
    port,
    passwordAdmission,
    metricsUrl:
      metricsServer === undefined || options.metrics === undefined
        ? undefined
        : urlOf(options.metrics.host, portOf(metricsServer, options.metrics.port)),
    get draining() {
      return drain.draining;
    },
    get inFlight() {
      return drain.inFlight;
    },
    close() {
      closed ??= (async () => {
        await drain.drain();
        // Scraped until the very end of the drain, then closed with the rest.
        if (metricsServer !== undefined) {
          metricsServer.closeAllConnections();
          await new Promise((resolve) => metricsServer.close(resolve));
        }
        await apollo.stop();
        await options.closeDatabase?.();
      })();
      return closed;
    },
  };
}
