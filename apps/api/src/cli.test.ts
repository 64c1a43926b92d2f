import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandProcess } from './cli-commands.ts';

const cli = fileURLToPath(new URL('cli.ts', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('the rattrapage command', () => {
  it('lists its commands, in French, when asked', () => {
    const result = run('help');
    expect(result.status).toBe(0);
    for (const name of [
      'session',
      'account',
      'import',
      'documents',
      'issue-token',
      'notify-worker',
    ])
      expect(result.stderr).toContain(name);
  });

  it('refuses an unknown command with exit code 2', () => {
    expect(run('inconnue').status).toBe(2);
  });

  it('passes the arguments to the command and returns its exit code', () => {
    // The session command refuses a bad usage with exit code 2 and its own message.
    const result = run('session', 'nimporte');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: session define');
  });

  it('shows the rules on the 2024 calendar at the instant given, without reading the clock', () => {
    const result = run('demo', '--at', '2024-06-29T12:00:00Z');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('MCO');
    expect(result.stdout).toContain('saisie des choix ouverte');
    expect(run('demo', '--at', 'pas une date').status).toBe(2);
  });

  it('starts the import with a small young generation, and the API with Node’s default', () => {
    const importing = COMMANDS['import'];
    const serving = COMMANDS['serve'];
    if (importing === undefined || serving === undefined) throw new Error('commands missing');
    const started = commandProcess(importing, ['marks', 'notes.csv'], { compileCache: '/cache' });
    expect(started.nodeOptions).toEqual(['--max-semi-space-size=2']);
    expect(started.file).toMatch(/import\/import-command\.ts$/);
    expect(started.args).toEqual(['marks', 'notes.csv']);
    expect(started.env).toEqual({ NODE_COMPILE_CACHE: '/cache' });
    expect(commandProcess(serving, []).nodeOptions).toEqual([]);
    // The import started through the CLI answers as the import does.
    const result = run('import');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: import <schools|candidates');
  });
});
