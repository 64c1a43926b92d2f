import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { watchPeakRss } from '../measure/peak-rss.ts';
import { COMMANDS, COMPILE_CACHE_DIR, commandProcess } from '@rattrapage/api/cli';
import { type DatabaseLocation, apiDatabaseEnv } from '../processes/api-env.ts';
import { nodeOptionsOf, runNode } from '../processes/node-process.ts';
import { MB, type ScenarioResult, ratioOf } from '../report/scenario-result.ts';
import type { Population } from '../data/population.ts';
import type { BenchContext } from './bench-context.ts';

/** What the import rows share: a file written from chunks, and a timed run of the import command. */

export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), createWriteStream(path));
}

/** The first quarter of the candidates: a file a quarter of the size, whose import's peak memory the whole file's must stay within 20 % of. */
export function quarterOf(population: Population): Population {
  const { candidates } = population;
  return { ...population, candidates: candidates.slice(0, Math.ceil(candidates.length / 4)) };
}

/**
 * A phase of the import command, known by the first progress line that
 * ends it (import/progress.ts prints a plain line per step on a pipe).
 */
export type PhaseLines = readonly (readonly [label: string, ends: RegExp])[];

export interface ImportCommandRun {
  readonly seconds: number;
  /** Each phase's duration, as « label n s; … ; record and commit n s ». */
  readonly phases: string;
  /** The command's last line: its French summary. */
  readonly report: string;
  readonly peak: number;
}

function phaseTimes(
  phaseLines: PhaseLines,
  startedAt: number,
  seen: ReadonlyMap<string, number>,
  endedAt: number,
): string {
  let previous = startedAt;
  const parts: string[] = [];
  for (const [label] of phaseLines) {
    const at = seen.get(label);
    if (at === undefined) continue;
    parts.push(`${label} ${((at - previous) / 1000).toFixed(1)} s`);
    previous = at;
  }
  parts.push(`record and commit ${((endedAt - previous) / 1000).toFixed(1)} s`);
  return parts.join('; ');
}

/** One run of `pnpm rattrapage import <args>`, its process started as the CLI starts it: its time, phases and peak memory. */
export async function runImportCommand(
  ctx: BenchContext,
  location: DatabaseLocation,
  args: readonly string[],
  phaseLines: PhaseLines,
  logName: string,
): Promise<ImportCommandRun> {
  const startedAt = performance.now();
  const seen = new Map<string, number>();
  const command = COMMANDS['import'];
  if (command === undefined) throw new Error('The API has no import command.');
  // Started as `pnpm rattrapage import` starts it: the same Node options, the same compile cache.
  const started = commandProcess(command, args, { compileCache: COMPILE_CACHE_DIR });
  const run = runNode(started.file, started.args, {
    nodeOptions: started.nodeOptions,
    env: {
      ...process.env,
      ...started.env,
      ...apiDatabaseEnv(location),
      LOG_LEVEL: 'warn',
      ...nodeOptionsOf('IMPORT'),
    },
    logFile: join(ctx.workDir, logName),
    onLine: (line) => {
      const phase = phaseLines.find(([, pattern]) => pattern.test(line));
      if (phase !== undefined && !seen.has(phase[0])) seen.set(phase[0], performance.now());
    },
  });
  const memory = watchPeakRss(run.pid);
  const output = await run.output;
  const endedAt = performance.now();
  return {
    seconds: (endedAt - startedAt) / 1000,
    phases: phaseTimes(phaseLines, startedAt, seen, endedAt),
    report: output.trim().split('\n').at(-1) ?? '',
    peak: memory.stop(),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const seconds = (values: readonly number[]) =>
  `${values.map((value) => value.toFixed(1)).join(' and ')} s`;

/**
 * An import row's result: the whole file's runs against the COPYs of the
 * same rows (as many of each, taken in turns where there are two, so that
 * the machine's moods weigh on both), and a quarter's peak memory.
 */
export function importResult(measured: {
  readonly id: 'import-marks' | 'import-candidates';
  readonly title: string;
  readonly data: string;
  readonly rows: number;
  readonly stored: number;
  readonly copySeconds: readonly [number, ...number[]];
  readonly whole: readonly [ImportCommandRun, ...ImportCommandRun[]];
  readonly quarter: ImportCommandRun;
  /** What the command did, for the note: « start, read, check, … ». */
  readonly steps: string;
}): ScenarioResult {
  const { rows, stored, copySeconds, whole, quarter } = measured;
  const importSeconds = whole.map((run) => run.seconds);
  const peak = Math.max(...whole.map((run) => run.peak));
  const last = whole[whole.length - 1] ?? whole[0];
  const subject = {
    label: 'import',
    value: (rows * whole.length) / sum(importSeconds),
    unit: 'rows/s' as const,
    peakRssMb: peak / MB,
  };
  const peer = {
    label: 'COPY',
    value: (rows * copySeconds.length) / sum(copySeconds),
    unit: 'rows/s' as const,
  };
  const ratio = ratioOf(subject.value, peer.value);
  return {
    id: measured.id,
    title: measured.title,
    data: measured.data,
    subject,
    peer,
    ratio,
    target: '≥ 0.5× the COPY rate; peak RSS ≤ 300 MB, a quarter of the file within 20 %',
    checks: [
      { label: 'import rows/s ≥ 0.5 × COPY rows/s', met: ratio >= 0.5 },
      { label: 'import peak RSS ≤ 300 MB', met: peak / MB <= 300 },
      {
        label: 'peak RSS of the whole file within 20 % of a quarter of it',
        met: peak <= quarter.peak * 1.2,
      },
      { label: 'every row imported', met: stored === rows },
    ],
    notes: [
      `Import ${seconds(importSeconds)} (a new process each: ${measured.steps}), COPY ${seconds(copySeconds)}${whole.length > 1 ? ', in turns (COPY, import, COPY, import)' : ''}.`,
      ...whole.map(
        (run, i) =>
          `Import phases${whole.length > 1 ? ` (run ${String(i + 1)})` : ''}: ${run.phases}.`,
      ),
      `Peak RSS: ${(peak / MB).toFixed(0)} MB for the whole file, ${(quarter.peak / MB).toFixed(0)} MB for a quarter of it (${quarter.seconds.toFixed(1)} s).`,
      `The import said: ${last.report}`,
    ],
    raw: {
      importSeconds,
      copySeconds,
      rows,
      stored,
      importPeakRssBytes: whole.map((run) => run.peak),
      quarterPeakRssBytes: quarter.peak,
    },
  };
}
