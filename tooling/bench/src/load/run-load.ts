import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runNode } from '../processes/node-process.ts';
import type { LoadPlan, LoadResult } from './load-plan.ts';

const WORKER = new URL('./load-worker.ts', import.meta.url).pathname;

let plans = 0;

/** Runs one load plan in its own process (see load-worker.ts) and returns what it measured. */
export async function runLoad(plan: LoadPlan, workDir: string): Promise<LoadResult> {
  const file = join(workDir, `load-plan-${++plans}.json`);
  await writeFile(file, JSON.stringify(plan));
  const { output } = runNode(WORKER, [file], {
    env: process.env,
    logFile: join(workDir, 'load-worker.log'),
  });
  const text = await output;
  const line = text.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as LoadResult;
}
