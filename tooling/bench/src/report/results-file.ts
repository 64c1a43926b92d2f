import { cpus, release, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import prettier from 'prettier';
import { type ScenarioResult, targetMet } from './scenario-result.ts';

/** The machine the figures were measured on: the ratios hold across machines, the figures do not. */
export interface MachineDescription {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly node: string;
  readonly postgres: string;
}

export interface ResultsDocument {
  readonly version: 1;
  readonly mode: 'full' | 'quick';
  /** The rows a `--only=` run was limited to; absent when every row ran. */
  readonly only?: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly totalSeconds: number;
  readonly machine: MachineDescription;
  readonly sizes: Readonly<Record<string, number | readonly number[]>>;
  readonly scenarios: readonly (ScenarioResult & { readonly met: boolean | null })[];
}

export function describeMachine(postgres: string): MachineDescription {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: release(),
    node: process.version,
    postgres,
  };
}

export function resultsDocument(input: {
  readonly mode: 'full' | 'quick';
  readonly only?: readonly string[] | null;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly machine: MachineDescription;
  readonly sizes: Readonly<Record<string, number | readonly number[]>>;
  readonly scenarios: readonly ScenarioResult[];
}): ResultsDocument {
  return {
    version: 1,
    mode: input.mode,
    ...(input.only ? { only: input.only } : {}),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    totalSeconds: (input.finishedAt.getTime() - input.startedAt.getTime()) / 1000,
    machine: input.machine,
    sizes: input.sizes,
    scenarios: input.scenarios.map((s) => ({ ...s, met: targetMet(s) })),
  };
}

/**
 * `<YYYY-MM-DD>.json` for a full run of every row (the day in UTC); a smoke
 * run's figures mean nothing, and a run of some rows is not the whole table,
 * so their files end in .tmp, which git ignores.
 */
export function resultsFileName(startedAt: Date, mode: 'full' | 'quick', partial = false): string {
  const day = startedAt.toISOString().slice(0, 10);
  if (partial) return `${day}-${mode}-partial.json.tmp`;
  return mode === 'full' ? `${day}.json` : `${day}-quick.json.tmp`;
}

/**
 * Writes the document under `folder` (NaN becomes null in JSON, which is
 * what it means: not measured), formatted as the repository's Prettier
 * would, so that a committed results file passes `prettier --check`.
 */
export async function writeResults(folder: string, document: ResultsDocument): Promise<string> {
  await mkdir(folder, { recursive: true });
  const startedAt = new Date(document.startedAt);
  const name = resultsFileName(startedAt, document.mode, document.only !== undefined);
  const config = (await prettier.resolveConfig(join(folder, 'results.json'))) ?? {};
  const text = await prettier.format(JSON.stringify(document), { ...config, parser: 'json' });
  if (name.endsWith('.tmp')) {
    await writeFile(join(folder, name), text);
    return join(folder, name);
  }
  // A full run's file is committed: a second run the same day gets its own
  // name instead of writing over the first's figures.
  for (const candidate of [name, laterRunFileName(startedAt)]) {
    try {
      await writeFile(join(folder, candidate), text, { flag: 'wx' });
      return join(folder, candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${name}: a run started at the same second already wrote its results.`);
}

/** A full run's file when the day's is already there: `<YYYY-MM-DD>-<HHMMSS>.json` (UTC). */
export function laterRunFileName(startedAt: Date): string {
  const iso = startedAt.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 19).replaceAll(':', '')}.json`;
}
