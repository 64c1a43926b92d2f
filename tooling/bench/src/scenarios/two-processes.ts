import type { ServerProcess } from '../processes/http-server-process.ts';
import { type ScenarioResult, cpuNote, loadFigure, ratioOf } from '../report/scenario-result.ts';
import { type BenchContext, compareServers } from './bench-context.ts';
import { candidateReadShape, sampleFailures } from './candidate-reads.ts';

/**
 * Row 7: the candidate reads of row 1, served by two API processes on the
 * same database (the connections split between them, as a load balancer
 * would), against the first of them alone with the same load, in turn.
 */
export async function twoProcesses(
  ctx: BenchContext,
  first: ServerProcess,
  second: ServerProcess,
  tokens: readonly string[],
  data: string,
): Promise<ScenarioResult> {
  const shape = candidateReadShape(ctx, tokens, 'api');
  ctx.progress(
    `two processes: one and two API processes in turn, ${shape.connections} connections in all`,
  );
  const { a: two, b: one } = await compareServers(
    ctx,
    { servers: [first, second], shape },
    { servers: [first], shape },
  );
  const subject = loadFigure('2 processes', two);
  const peer = loadFigure('1 process', one);
  const ratio = ratioOf(subject.value, peer.value);
  return {
    id: 'two-processes',
    title: 'Two API processes, one database',
    data,
    subject,
    peer,
    ratio,
    target: '≥ 1.6× one process',
    checks: [
      { label: 'two processes ≥ 1.6 × one process', met: ratio >= 1.6 },
      { label: 'no failed request', met: (subject.errors ?? 0) === 0 },
    ],
    notes: [
      cpuNote(subject, peer),
      `Peak RSS of each process with two: ${two.peakRss.map((b) => Math.round(b / 1024 / 1024)).join(' MB, ')} MB.`,
      ...sampleFailures(one.load.sampleFailure, two.load.sampleFailure),
    ],
    raw: { one, two },
  };
}
