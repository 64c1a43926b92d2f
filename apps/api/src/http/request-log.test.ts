import express from 'express';
import { request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonErrors } from './http-errors.ts';
import { REQUEST_ID_HEADER, httpLogging } from '../observability/http-logging.ts';
import { type LogLevel, createLogger } from '../observability/logger.ts';

/** An app behind the request log, its lines captured as JSON. */
async function appLoggingAt(level: LogLevel) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  const app = express();
  app.use(httpLogging(logger));
  app.get('/ok', (_req, res) => {
    res.send('ok');
  });
  app.get('/fails', () => {
    throw new Error('SELECT secret');
  });
  const mounted = express.Router();
  mounted.get('/inner', (_req, res) => {
    res.send('inner');
  });
  app.use('/sub', mounted);
  app.get('/hangs', (req) => {
    req.log.warn('a slow answer');
  });
  app.use(jsonErrors());
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => {
      resolve(s);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { lines, server, url: `http://127.0.0.1:${String(port)}` };
}

describe('the request log', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('writes one line per request at info, with the request id it echoes and the path without the query', async () => {
    const app = await appLoggingAt('info');
    server = app.server;
    const response = await fetch(`${app.url}/ok?secret=1`, {
      headers: { [REQUEST_ID_HEADER]: 'req-42' },
    });
    expect(await response.text()).toBe('ok');
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('req-42');
    // The line is written when the response is handed over, before the client reads it.
    expect(app.lines).toEqual([
      expect.objectContaining({
        level: 30,
        requestId: 'req-42',
        msg: 'request finished',
        req: { method: 'GET', path: '/ok' },
        res: { status: 200 },
        durationMs: expect.any(Number) as number,
      }),
    ]);
  });

  it('logs the path the client asked for, not the one a mounted router saw, and never a header', async () => {
    const app = await appLoggingAt('info');
    server = app.server;
    const response = await fetch(`${app.url}/sub/inner?token=abc`, {
      headers: { authorization: 'Bearer rs_secret-token', cookie: 'session=secret-cookie' },
    });
    expect(await response.text()).toBe('inner');
    expect(app.lines).toEqual([
      expect.objectContaining({
        msg: 'request finished',
        req: { method: 'GET', path: '/sub/inner' },
        res: { status: 200 },
      }),
    ]);
    const text = JSON.stringify(app.lines);
    for (const secret of ['rs_secret-token', 'secret-cookie', 'token=abc']) {
      expect(text).not.toContain(secret);
    }
  });

  it('at warn, writes nothing for a request that went well, and an error line for a 500', async () => {
    const app = await appLoggingAt('warn');
    server = app.server;
    await (await fetch(`${app.url}/ok`)).text();
    const failed = await fetch(`${app.url}/fails`, { headers: { [REQUEST_ID_HEADER]: 'req-500' } });
    expect(failed.status).toBe(500);
    await failed.text();
    const ofIt = app.lines.filter((l) => l['requestId'] === 'req-500');
    expect(ofIt.map((l) => [l['level'], l['msg']])).toEqual([
      [50, 'unhandled error'],
      [50, 'request failed'],
    ]);
    expect(app.lines.filter((l) => l['msg'] === 'request finished')).toEqual([]);
    expect(JSON.stringify(app.lines)).not.toContain('SELECT secret');
  });

  it('logs a request the client left before its answer as aborted, not as a 200, with what was logged on the way', async () => {
    const app = await appLoggingAt('info');
    server = app.server;
    const req = httpRequest(`${app.url}/hangs`, { headers: { [REQUEST_ID_HEADER]: 'left' } });
    req.on('error', () => undefined);
    req.end();
    // Left once the server is inside the route, then the line of its end.
    await vi.waitFor(() => {
      expect(app.lines.some((l) => l['msg'] === 'a slow answer')).toBe(true);
    });
    req.destroy();
    await vi.waitFor(() => {
      expect(app.lines.some((l) => l['msg'] === 'request aborted')).toBe(true);
    });
    expect(
      app.lines.filter((l) => l['requestId'] === 'left').map((l) => [l['level'], l['msg']]),
    ).toEqual([
      [40, 'a slow answer'],
      [40, 'request aborted'],
    ]);
  });
});
