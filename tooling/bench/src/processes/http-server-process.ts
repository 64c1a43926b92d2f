import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  API_SOURCE,
  BENCH_WEB_SECRET,
  type DatabaseLocation,
  REPO_ROOT,
  apiPasswordThreads,
  apiServerEnv,
} from './api-env.ts';
import { type NodeProcess, nodeOptionsOf, runNode, startNode } from './node-process.ts';

/** A server under test: where its load goes and its process. */
export interface ServerProcess {
  readonly name: string;
  /** The GraphQL endpoint, or for the web server the page measured. */
  readonly url: string;
  readonly process: NodeProcess;
  /** The PostgreSQL database it serves; null on PGlite (inside the process). */
  readonly database: string | null;
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Polls `url` until it answers 200, the process dies, or `timeoutMs` passes. */
async function waitUntilReady(url: string, child: NodeProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const state: { ended: number | string | null } = { ended: null };
  void child.exited.then((code) => (state.ended = code));
  while (Date.now() < deadline) {
    if (state.ended !== null)
      throw new Error(`${url}: the server ended (${state.ended}) before it was ready.`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url}: not ready after ${timeoutMs / 1000} s.`);
}

/** Starts the API as it is started in production (`node apps/api/start.js`) on a database, in production mode, and waits for /readyz. */
export async function startApi(
  name: string,
  location: DatabaseLocation,
  workDir: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = startNode(join(API_SOURCE, '..', 'start.js'), [], {
    env: apiServerEnv(location, port),
    logFile: join(workDir, `${name}.log`),
  });
  await waitUntilReady(`http://127.0.0.1:${port}/readyz`, child, 60_000);
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    process: child,
    database: location.kind === 'postgres' ? databaseNameOf(location.url) : null,
  };
}

/**
 * Starts a peer or a limit (a script of `src/peer/`) on a PostgreSQL database,
 * in a process of its own, and waits until its GET /ready answers.
 */
async function startPeer(
  name: string,
  script: string,
  databaseUrl: string,
  workDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = startNode(new URL(`../peer/${script}`, import.meta.url).pathname, [], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      ...env,
    },
    logFile: join(workDir, `${name}.log`),
  });
  await waitUntilReady(`http://127.0.0.1:${port}/ready`, child, 120_000);
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    process: child,
    database: databaseNameOf(databaseUrl),
  };
}

/** The PostGraphile peer (postgraphile-server.ts). */
export function startPostGraphile(
  name: string,
  databaseUrl: string,
  workDir: string,
): Promise<ServerProcess> {
  return startPeer(name, 'postgraphile-server.ts', databaseUrl, workDir);
}

/**
 * The floor (floor-server.ts): the same questions answered with nothing but
 * node:http and pg, its log-ins' checks on a thread pool of the API's size.
 * `url` is its reads' endpoint; its log-ins' is floorLogInUrl(floor).
 */
export function startFloor(
  name: string,
  databaseUrl: string,
  workDir: string,
): Promise<ServerProcess> {
  return startPeer(name, 'floor-server.ts', databaseUrl, workDir, {
    UV_THREADPOOL_SIZE: apiPasswordThreads(),
  });
}

/** Where the floor answers log-ins. */
export function floorLogInUrl(floor: ServerProcess): string {
  return new URL('/log-in', floor.url).href;
}

const WEB = join(REPO_ROOT, 'apps', 'web');

/**
 * Builds the web client as `pnpm build` does (vite build, adapter-node
 * output in apps/web/build), so that the pages measured are the code's as
 * it stands, not an older build left behind.
 */
export async function buildWeb(workDir: string): Promise<void> {
  await runNode(join(WEB, 'node_modules', 'vite', 'bin', 'vite.js'), ['build'], {
    cwd: WEB,
    env: { ...process.env, NODE_ENV: 'production' },
    logFile: join(workDir, 'web-build.log'),
  }).output;
}

/**
 * Starts the built web server (adapter-node) in front of an API, as
 * tooling/demo/start.ts does, and waits for its home page; `page` is the
 * path the load will ask for. Plain HTTP on the loopback, so its session
 * cookie is not marked Secure.
 */
export async function startWeb(
  name: string,
  api: ServerProcess,
  page: string,
  workDir: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = startNode(join(WEB, 'build', 'index.js'), [], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_URL: api.url,
      RATTRAPAGE_WEB_SECRET: BENCH_WEB_SECRET,
      COOKIE_SECURE: 'false',
      NODE_ENV: 'production',
      ...nodeOptionsOf('WEB'),
    },
    logFile: join(workDir, `${name}.log`),
  });
  await waitUntilReady(`http://127.0.0.1:${port}/`, child, 60_000);
  return { name, url: `http://127.0.0.1:${port}${page}`, process: child, database: null };
}
