import { execFile, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../support/free-port.ts';

/**
 * A PostgreSQL server of the fault tests' own, in a temporary folder, on a
 * free port of 127.0.0.1: they stop, kill and restart it, which they must
 * never do to the machine's shared server on 5432. PostgreSQL refuses to
 * run as root, so under root every command runs as the `postgres` OS user.
 */
export interface OwnPostgres {
  /** The `postgres` database as superuser (trust authentication). */
  readonly url: string;
  readonly port: number;
  /** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash (recovery on start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  close(): Promise<void>;
}

const BIN = '/usr/lib/postgresql/15/bin';
const OS_USER = 'postgres';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;
const COMMAND_TIMEOUT_MS = 120_000;

const runningAsRoot = process.getuid?.() === 0;

function osUser(): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Why these tests cannot run here, or null when they can. In CI a missing
 * PostgreSQL is an error, not a skip: a green run must mean they ran.
 */
export function ownPostgresSkipReason(): string | null {
  const missing = TOOLS.filter((tool) => !existsSync(join(BIN, tool)));
  let reason: string | null = null;
  if (missing.length > 0)
    reason = `PostgreSQL 15 binaries missing in ${BIN}: ${missing.join(', ')}`;
  else if (runningAsRoot && osUser() === null)
    reason = `running as root and no "${OS_USER}" OS user to run PostgreSQL as`;
  else if (runningAsRoot && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser'))
    reason = 'running as root and runuser is missing';
  if (reason === null) return null;
  if ((process.env['CI'] ?? '') !== '') throw new Error(`Fault tests cannot run in CI: ${reason}.`);
  console.warn(`Fault tests on an own PostgreSQL skipped: ${reason}.`);
  return reason;
}

function run(tool: string, args: readonly string[]): Promise<string> {
  const [file, argv] = runningAsRoot
    ? ['runuser', ['-u', OS_USER, '--', join(BIN, tool), ...args]]
    : [join(BIN, tool), [...args]];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${tool} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** initdb into a fresh temporary folder and start the server; close() it in afterAll. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const reason = ownPostgresSkipReason();
  if (reason !== null) throw new Error(reason);
  const root = await mkdtemp(join(tmpdir(), 'rattrapage-pg-'));
  const data = join(root, 'data');
  const socketDir = join(root, 'sock');
  const log = join(root, 'postgres.log');
  // Also on a crash of the test process: never leave a server or a folder behind.
  const stopOnExit = () => {
    const argv = ['stop', '-D', data, '-m', 'immediate', '-w'];
    if (runningAsRoot) spawnSync('runuser', ['-u', OS_USER, '--', join(BIN, 'pg_ctl'), ...argv]);
    else spawnSync(join(BIN, 'pg_ctl'), argv);
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);

  let port = 0;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
  const start = async () => {
    await pgCtl(
      '-l',
      log,
      '-o',
      [
        `-p ${port}`,
        `-k ${socketDir}`,
        '-c listen_addresses=127.0.0.1',
        // Throw-away data: durability against an OS crash buys nothing here,
        // and a PostgreSQL crash (stop -m immediate) still recovers from WAL.
        '-c fsync=off',
        '-c max_connections=40',
        '-c shared_buffers=32MB',
      ].join(' '),
      'start',
    );
  };
  const stop = async (mode: 'fast' | 'immediate') => {
    await pgCtl('-m', mode, 'stop');
  };
  const close = async () => {
    process.removeListener('exit', stopOnExit);
    try {
      if (existsSync(join(data, 'postmaster.pid'))) await stop('immediate');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  try {
    await mkdir(socketDir);
    const user = runningAsRoot ? osUser() : null;
    if (user !== null) {
      await chown(root, user.uid, user.gid);
      await chown(socketDir, user.uid, user.gid);
    }
    await run('initdb', [
      '-D',
      data,
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    // Another process may take the free port before PostgreSQL binds it: try again.
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt === 3) {
          const tail = await readFile(log, 'utf8').catch(() => '');
          throw new Error(`${String(error)}\n${tail.slice(-2000)}`, { cause: error });
        }
      }
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    close,
  };
}

/**
 * For the describe block it is called in: an own PostgreSQL, named by
 * DATABASE_URL meanwhile so that the test harness (startTestApi, backend
 * 'postgres') makes its throw-away databases there. Call it before the
 * block's other hooks: it is then stopped after they have closed their APIs.
 */
export function useOwnPostgres(): () => OwnPostgres {
  let own: OwnPostgres | undefined;
  const previousUrl = process.env['DATABASE_URL'];
  beforeAll(async () => {
    own = await startOwnPostgres();
    process.env['DATABASE_URL'] = own.url;
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = previousUrl;
    await own?.close();
  });
  return () => {
    if (own === undefined) throw new Error('the own PostgreSQL is not started yet');
    return own;
  };
}
