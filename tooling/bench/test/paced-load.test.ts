import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadRequest } from '../src/load/load-plan.ts';
import { type ScheduleClock, runPacedLoad, sendAtRate } from '../src/load/paced-load.ts';

/**
 * A clock that moves only when the schedule sleeps, landing `overshootMs`
 * after the instant asked (a sender whose timers fire late), and yields to
 * I/O on each sleep so that requests sent meanwhile can be answered.
 */
function fakeClock(overshootMs = 0): ScheduleClock & { readonly slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleepUntil: async (instant) => {
      slept.push(instant);
      now = Math.max(now, instant + overshootMs);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('requests at a fixed rate', () => {
  it('sends request k at k / rate seconds, one at a time, never a second’s worth at once', async () => {
    const clock = fakeClock();
    const sent: { index: number; at: number; lag: number }[] = [];
    const count = await sendAtRate(
      { rate: 200, durationMs: 1000 },
      (index, lag) => {
        sent.push({ index, at: clock.now(), lag });
      },
      clock,
    );
    expect(count).toBe(200);
    expect(sent.map((s) => s.at)).toEqual(Array.from({ length: 200 }, (_, k) => k * 5));
    expect(sent.map((s) => s.index)).toEqual(Array.from({ length: 200 }, (_, k) => k));
    expect(sent.every((s) => s.lag === 0)).toBe(true);
  });

  it('sends at once, with its lag, what a late sender missed, and nothing more', async () => {
    const clock = fakeClock(12);
    const sent: { at: number; lag: number }[] = [];
    const count = await sendAtRate(
      { rate: 200, durationMs: 100 },
      (_, lag) => sent.push({ at: clock.now(), lag }),
      clock,
    );
    expect(count).toBe(20);
    // Woken at 17 ms for the request due at 5: those due at 10 and 15 leave with it.
    expect(sent.slice(0, 5)).toEqual([
      { at: 0, lag: 0 },
      { at: 17, lag: 12 },
      { at: 17, lag: 7 },
      { at: 17, lag: 2 },
      { at: 32, lag: 12 },
    ]);
  });

  it('whatever the rate, the duration and the sender’s lateness: as many as the duration holds, none early, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 40 }),
        async (rate, durationMs, overshootMs) => {
          const clock = fakeClock(overshootMs);
          const sent: { index: number; at: number; lag: number }[] = [];
          const count = await sendAtRate(
            { rate, durationMs },
            (index, lag) => sent.push({ index, at: clock.now(), lag }),
            clock,
          );
          expect(count).toBe(Math.ceil((durationMs * rate) / 1000));
          expect(sent).toHaveLength(count);
          sent.forEach(({ index, at, lag }, k) => {
            expect(index).toBe(k);
            const due = (k * 1000) / rate;
            expect(at).toBeGreaterThanOrEqual(due);
            expect(lag).toBeCloseTo(at - due, 9);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a rate that is not positive', async () => {
    await expect(sendAtRate({ rate: 0, durationMs: 10 }, () => {}, fakeClock())).rejects.toThrow(
      RangeError,
    );
  });
});

describe('a load at a fixed rate, against a real server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (running?.listening === true) await new Promise((resolve) => running.close(resolve));
  });

  /** A server that answers each body as it names: the kinds of answer the overload meets. */
  async function answering(received: string[]): Promise<string> {
    const answerer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body}`);
        if (body === 'ok') res.writeHead(200).end('{"data":{"logIn":{"token":"t"}}}');
        else if (body === 'refused') res.writeHead(200).end('{"errors":[{"message":"non"}]}');
        else if (body === 'busy') res.writeHead(503, { 'retry-after': '1' }).end('{}');
        else if (body === 'busy-bare') res.writeHead(503).end('{}');
        // 'hang': never answered.
      });
    });
    server = answerer;
    await new Promise<void>((resolve) => answerer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(answerer.address() as AddressInfo).port}/graphql?x=1`;
  }

  const requests: LoadRequest[] = ['ok', 'refused', 'busy', 'busy-bare', 'hang'].map((body) => ({
    headers: {},
    body,
  }));

  it('sends every request of the schedule, in turn, and counts each kind of answer', async () => {
    const received: string[] = [];
    const target = await answering(received);
    const clock = fakeClock(3);
    const result = await runPacedLoad(
      {
        targets: [target],
        connections: 20,
        durationSeconds: 0.1,
        overallRate: 100,
        timeoutSeconds: 0.5,
        slowMs: 2000,
        okMarker: '"token"',
        requests,
      },
      clock,
    );
    // Ten requests (every 10 ms for 100 ms): each of the five bodies twice.
    expect(clock.slept).toHaveLength(9);
    expect(received.toSorted()).toEqual(
      ['ok', 'refused', 'busy', 'busy-bare', 'hang']
        .flatMap((body) => [body, body])
        .map((body) => `POST /graphql?x=1 application/json ${body}`)
        .toSorted(),
    );
    expect(result.completed).toBe(8);
    expect(result.ok).toBe(2);
    expect(result.okPerSecond).toBeCloseTo(20, 9);
    expect(result.statusCounts).toEqual({ '200': 4, '503': 4 });
    expect(result.failedBodies).toBe(2);
    expect(result.retryAfterMissing).toBe(2);
    expect(result.timeouts).toBe(2);
    expect(result.connectionErrors).toBe(0);
    expect(result.sendLagMs).toEqual({ p99: 3, max: 3 });
    expect(result.rejectLatencyMs.p99).toBeGreaterThan(0);
    expect(result.samples?.rejects).toHaveLength(4);
  });

  it('counts a server that is not there as connection errors, not answers', async () => {
    const target = await answering([]);
    const closed = server;
    server = undefined;
    await new Promise((resolve) => closed?.close(resolve));
    const result = await runPacedLoad(
      {
        targets: [target],
        connections: 2,
        durationSeconds: 0.05,
        overallRate: 100,
        timeoutSeconds: 1,
        slowMs: 2000,
        okMarker: '"token"',
        requests,
      },
      fakeClock(),
    );
    expect(result.completed).toBe(0);
    expect(result.connectionErrors).toBe(5);
    expect(result.timeouts).toBe(0);
    expect(result.sampleFailure).not.toBeNull();
  });
});
