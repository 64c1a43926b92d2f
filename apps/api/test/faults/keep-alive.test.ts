import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_TIMEOUT_MS } from '../../src/server.ts';
import { startTestApi, type TestApi } from '../support/api-harness.ts';

interface Answer {
  readonly status: number;
  readonly reusedSocket: boolean;
  readonly keepAlive: string | undefined;
}

function get(url: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.once('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          reusedSocket: req.reusedSocket,
          keepAlive: res.headers['keep-alive']?.toString(),
        });
      });
    });
    req.once('error', reject);
    req.end();
  });
}

// Node's default keeps an idle connection 5 s, and undici's client 4 s:
// under load a request sent on a connection the server was closing at that
// instant failed with ECONNRESET. The server now outlasts its clients.
describe('kept-alive connections', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { candidates: 0 });
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('stay open past the 5 s that used to close them, and say how long they last', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(`${api.url}/healthz`, agent);
      expect(first.status).toBe(200);
      expect(first.reusedSocket).toBe(false);
      expect(first.keepAlive).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);

      await sleep(5_500);
      const second = await get(`${api.url}/healthz`, agent);
      expect(second.status).toBe(200);
      // The same connection: the server did not close it while idle.
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});
