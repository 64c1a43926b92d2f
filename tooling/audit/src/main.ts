/**
 * `pnpm audit`, judged: fails on a high or critical advisory, and on an
 * audit endpoint that cannot be asked, unless exceptions.json holds a
 * current, reasoned, dated exception for it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { judge, parseExceptions, readAuditAnswer } from './judge.ts';

const root = new URL('../../../', import.meta.url);
const run = spawnSync('pnpm', ['audit', '--json'], {
  cwd: root,
  encoding: 'utf8',
  timeout: 120_000,
});
const answer =
  run.error === undefined
    ? readAuditAnswer(run.stdout, run.stderr)
    : ({ kind: 'unreadable', detail: run.error.message } as const);
const exceptions = parseExceptions(
  JSON.parse(readFileSync(new URL('../exceptions.json', import.meta.url), 'utf8')),
);
const verdict = judge(answer, exceptions, new Date().toISOString().slice(0, 10));
for (const line of verdict.lines) console.log(`audit: ${line}`);
process.exit(verdict.ok ? 0 : 1);
