import { type Server, createServer } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { CLOSE_GRACE_MS, answerClientErrors } from './client-errors.ts';

/** Sends raw bytes and reads everything until the server closes the connection. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(raw);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => {
      resolve(text);
    });
    socket.on('error', reject);
  });
}

/** The raw answer as a Response: status, headers, body. */
function parsed(raw: string): { status: number; headers: Headers; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('requests refused by Node’s HTTP parser', () => {
  let server: Server | undefined;
  let lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'info',
    destination: {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  afterEach(() => {
    server?.close();
    lines = [];
  });

  /** A server on a free port; short header timeouts unless the test needs Node's defaults. */
  async function listening(shortTimeouts = true): Promise<number> {
    // Timeouts checked every 50 ms, headers allowed 300 ms: the slow case in a test's time.
    const s = createServer(
      shortTimeouts ? { connectionsCheckingInterval: 50, headersTimeout: 300 } : {},
      (_req, res) => {
        res.end('ok');
      },
    );
    if (shortTimeouts) s.requestTimeout = 300;
    server = s;
    answerClientErrors(s, logger);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const address = s.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  it.each([
    [
      'headers over Node’s limit',
      `GET / HTTP/1.1\r\nhost: x\r\nx-long: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'REQUEST_HEADER_FIELDS_TOO_LARGE',
    ],
    [
      'an address over Node’s limit',
      `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`,
      431,
      'REQUEST_HEADER_FIELDS_TOO_LARGE',
    ],
    ['a request line that is not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 400, 'BAD_REQUEST'],
    [
      'a header without a colon',
      'GET / HTTP/1.1\r\nhost: x\r\nBad Header\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    ['headers that never end', 'GET / HTTP/1.1\r\nhost: x\r\n', 408, 'REQUEST_TIMEOUT'],
  ])(
    '%s: a JSON refusal in French with its code and the security headers',
    async (_name, raw, status, code) => {
      const port = await listening();
      const answer = parsed(await exchange(port, raw));
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(answer.body));
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('connection')).toBe('close');
      const body = JSON.parse(answer.body) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]?.extensions.code).toBe(code);
      expect(body.errors[0]?.message).toMatch(/requête/i);
      // One warning with Node's code, nothing of what was sent.
      expect(lines).toEqual([
        expect.objectContaining({
          level: 40,
          msg: 'request refused by the HTTP parser',
          parserCode: expect.stringMatching(/^(HPE_|ERR_)/) as string,
          res: { status },
        }),
      ]);
      expect(JSON.stringify(lines)).not.toMatch(/aaaa|NOT HTTP|Bad Header/);
    },
  );

  it('cuts the connection of a refused client that keeps it open', async () => {
    // Node's own timeouts (a minute) would cut it too, but only then.
    const port = await listening(false);
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.write('NOT HTTP AT ALL\r\n\r\n');
    await new Promise((resolve) => socket.once('end', resolve));
    const s = server;
    const open = () =>
      new Promise<number>((resolve, reject) => {
        s?.getConnections((error, count) => {
          if (error) reject(error);
          else resolve(count);
        });
      });
    expect(await open()).toBe(1);
    await vi.waitFor(
      async () => {
        expect(await open()).toBe(0);
      },
      { timeout: 10 * CLOSE_GRACE_MS },
    );
    socket.destroy();
  });

  it('answers a good request on the same server as usual', async () => {
    const port = await listening();
    const answer = parsed(
      await exchange(port, 'GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'),
    );
    expect([answer.status, answer.body]).toEqual([200, 'ok']);
    expect(lines).toEqual([]);
  });
});
