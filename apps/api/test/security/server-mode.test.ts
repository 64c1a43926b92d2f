import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv, readServerEnv } from '../../src/env.ts';

const API_DIR = join(import.meta.dirname, '../..');
/** A PostgreSQL URL nobody answers on: the refusals come before any connection. */
const NOWHERE = 'postgres://postgres@127.0.0.1:1/rattrapage';

describe('the server’s mode and binding, from its environment', () => {
  it.each([
    ['no DATABASE_URL: demo on the embedded database', {}, 'demo', false],
    [
      'DATABASE_URL with production',
      { DATABASE_URL: NOWHERE, RATTRAPAGE_MODE: 'production' },
      'production',
      false,
    ],
    [
      'DATABASE_URL with demo, named',
      { DATABASE_URL: NOWHERE, RATTRAPAGE_MODE: 'demo' },
      'demo',
      true,
    ],
    [
      'demo on all interfaces, said so',
      { HOST: '0.0.0.0', RATTRAPAGE_DEMO_PUBLIC: 'on' },
      'demo',
      false,
    ],
    [
      'production on all interfaces',
      { HOST: '0.0.0.0', RATTRAPAGE_MODE: 'production' },
      'production',
      false,
    ],
  ] as const)('accepts %s', (_label, env, mode, loud) => {
    const read = readServerEnv(env);
    expect(read.RATTRAPAGE_MODE).toBe(mode);
    expect(read.DEMO_ON_DATABASE_URL).toBe(loud);
  });

  it('listens on the loopback and serves metrics on the loopback by default', () => {
    const read = readServerEnv({});
    expect([read.HOST, read.METRICS_HOST, read.METRICS_PORT]).toEqual([
      '127.0.0.1',
      '127.0.0.1',
      9464,
    ]);
  });

  it.each([
    [
      'DATABASE_URL without RATTRAPAGE_MODE',
      { DATABASE_URL: NOWHERE },
      /RATTRAPAGE_MODE: DATABASE_URL est définie sans RATTRAPAGE_MODE/,
    ],
    [
      'demo on all interfaces',
      { HOST: '0.0.0.0' },
      /HOST: le mode démonstration n’écoute que sur la boucle locale/,
    ],
    [
      'demo on a public address',
      { HOST: '192.0.2.10', RATTRAPAGE_MODE: 'demo' },
      /RATTRAPAGE_DEMO_PUBLIC=on/,
    ],
  ] as const)('refuses %s', (_label, env, message) => {
    expect(() => readServerEnv(env)).toThrow(message);
  });

  it('leaves the commands (migrate, import, issue-token) free of a mode', () => {
    expect(readEnv({ DATABASE_URL: NOWHERE }).DATABASE_URL).toBe(NOWHERE);
  });
});

function runMain(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: API_DIR,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.stdout.on('data', () => {
      if (until?.test(stdout) === true) child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the server started by node src/main.ts', () => {
  it('refuses to start in demo mode by default against a DATABASE_URL', async () => {
    const run = await runMain({ DATABASE_URL: NOWHERE });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL est définie sans RATTRAPAGE_MODE/);
    expect(run.stdout).not.toMatch(/Rattrapage API/);
  });

  it('refuses to start in demo mode on all interfaces unless told', async () => {
    const run = await runMain({
      HOST: '0.0.0.0',
      RATTRAPAGE_DATA_DIR: join(tmpdir(), 'never-made'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/RATTRAPAGE_DEMO_PUBLIC=on/);
  });

  it('says loudly, before anything, that demo mode was chosen against a DATABASE_URL', async () => {
    const run = await runMain({ DATABASE_URL: NOWHERE, RATTRAPAGE_MODE: 'demo' });
    expect(run.stderr).toMatch(/MODE DÉMONSTRATION SUR UNE BASE POSTGRESQL/);
    // Nobody answers on that URL: the server stops there.
    expect(run.code).toBe(1);
  });

  it('binds demo mode to the loopback by default, metrics too', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rattrapage-mode-'));
    try {
      const run = await runMain(
        { RATTRAPAGE_DATA_DIR: dataDir, RATTRAPAGE_DEMO_CANDIDATES: '10', PORT: '0' },
        /Mesures : .*\n/,
      );
      expect(run.stdout).toMatch(/GraphQL : http:\/\/127\.0\.0\.1:\d+\/graphql \(GraphiQL/);
      expect(run.stdout).toMatch(/Mesures : http:\/\/127\.0\.0\.1:\d+\/metrics/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
