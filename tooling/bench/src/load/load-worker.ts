// The load generator's own process: node load-worker.ts <plan.json>.
// Drives the targets for the plan's duration and prints one line of JSON
// (a LoadResult) on standard output: autocannon as fast as answered, or
// paced-load.ts at a fixed rate.
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { type LoadPlan, type LoadResult, share } from './load-plan.ts';
import { emptyTally, loadResultOf, recordAnswer } from './load-tally.ts';
import { runPacedLoad } from './paced-load.ts';

async function runAsAnswered(plan: LoadPlan): Promise<LoadResult> {
  const tally = emptyTally();
  let next = 0;
  const request = (path: string): autocannon.Request => ({
    method: 'POST',
    path,
    setupRequest: (req, context) => {
      const chosen = plan.requests[next++ % plan.requests.length];
      if (chosen === undefined) throw new Error('A load plan needs at least one request.');
      (context as { sentAt?: number }).sentAt = performance.now();
      if (chosen.method === 'GET') return { ...req, method: 'GET', headers: { ...chosen.headers } };
      return {
        ...req,
        headers: { 'content-type': 'application/json', ...chosen.headers },
        body: chosen.body,
      };
    },
    onResponse: (status, body, context, headers) => {
      const sentAt = (context as { sentAt?: number }).sentAt;
      const elapsedMs = sentAt === undefined ? 0 : performance.now() - sentAt;
      recordAnswer(tally, plan, { status, body, headers, elapsedMs });
    },
  });

  const startedAt = performance.now();
  const results = await Promise.all(
    plan.targets.map((url, i) =>
      autocannon({
        url,
        connections: share(plan.connections, plan.targets.length, i),
        duration: plan.durationSeconds,
        timeout: plan.timeoutSeconds,
        requests: [request(new URL(url).pathname)],
      }),
    ),
  );
  return loadResultOf(tally, (performance.now() - startedAt) / 1000, {
    connectionErrors: results.reduce((n, r) => n + r.errors - r.timeouts, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
  });
}

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: load-worker.ts <plan.json>');
  process.exit(2);
}
const plan = JSON.parse(await readFile(file, 'utf8')) as LoadPlan;
const { overallRate } = plan;
const result =
  overallRate === undefined
    ? await runAsAnswered(plan)
    : await runPacedLoad({ ...plan, overallRate });
process.stdout.write(`${JSON.stringify(result)}\n`);
