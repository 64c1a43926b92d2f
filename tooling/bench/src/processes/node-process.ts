import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { onCleanup } from '../cleanup.ts';

export interface NodeProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has ended. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node <script> …args` with the Node running the bench, its output
 * appended to `logFile` (a child that logs must not be slowed down by, nor
 * fill, a pipe nobody reads). Stopped at cleanup if still running.
 */
export function startNode(
  script: string,
  args: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly logFile: string; readonly cwd?: string },
): NodeProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [script, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`Could not start ${script}.`);
  const pid = child.pid;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
    });
  });
  let running = true;
  void exited.then(() => (running = false));
  const stop = onCleanup(`process ${pid} (${script})`, async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  });
  return {
    pid,
    child,
    exited,
    stop: async (graceMs = 5_000) => {
      if (running && graceMs < 5_000) setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
      await stop();
    },
  };
}

/** Runs `node <script> …args` to its end; its standard output is returned, its errors go to `logFile`. */
export function runNode(
  script: string,
  args: readonly string[],
  options: {
    readonly env: NodeJS.ProcessEnv;
    readonly logFile: string;
    readonly cwd?: string;
    /** Called with each line of standard output as it arrives (to time a program's phases). */
    readonly onLine?: (line: string) => void;
    /** Node's own options, before the script. */
    readonly nodeOptions?: readonly string[];
  },
): { readonly pid: number; readonly output: Promise<string> } {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), script, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`Could not start ${script}.`);
  const forget = onCleanup(`process ${child.pid} (${script})`, () => {
    child.kill('SIGKILL');
  });
  const chunks: Buffer[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    if (options.onLine === undefined) return;
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) options.onLine(line);
  });
  const output = new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void forget();
      const text = Buffer.concat(chunks).toString('utf8');
      if (code === 0) resolve(text);
      else
        reject(
          new Error(
            `${script} ${args.join(' ')} ended with ${code ?? signal ?? '?'} (see ${options.logFile}): ${text.slice(-500)}`,
          ),
        );
    });
  });
  return { pid: child.pid, output };
}

/** The kinds of process the bench starts whose Node options its shell may set. */
export type StartedProcess = 'API' | 'WEB' | 'IMPORT';

/**
 * `NODE_OPTIONS` for one kind of process from `BENCH_<kind>_NODE_OPTIONS`,
 * and for it alone (`--cpu-prof --cpu-prof-dir=…` for its profiles): a
 * plain NODE_OPTIONS would reach the bench's own processes too.
 */
export function nodeOptionsOf(kind: StartedProcess): { NODE_OPTIONS?: string } {
  const options = process.env[`BENCH_${kind}_NODE_OPTIONS`];
  return options === undefined ? {} : { NODE_OPTIONS: options };
}
