import { type ChildProcess, spawn } from 'node:child_process';
import { type Server, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { API_URL, WEB_ORIGIN, WEB_SECRET } from './servers.ts';
import { freePort } from '../../api/test/support/free-port.ts';
import { PASSWORD } from './support.ts';

/**
 * A reverse proxy as deployed in front of the web: it appends the address it
 * sees to X-Forwarded-For. Every test request comes from 127.0.0.1, so the
 * address the proxy "sees" is given by the test in `x-test-peer`.
 */
function reverseProxy(webPort: number): Server {
  return createServer((incoming, outgoing) => {
    const { 'x-test-peer': peer, ...headers } = incoming.headers;
    const previous = headers['x-forwarded-for'];
    headers['x-forwarded-for'] =
      typeof previous === 'string' ? `${previous}, ${String(peer)}` : String(peer);
    const upstream = request(
      { host: '127.0.0.1', port: webPort, path: incoming.url, method: incoming.method, headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
}

test.describe('behind a reverse proxy', () => {
  let web: ChildProcess;
  let proxy: Server;
  let proxyUrl = '';

  test.beforeAll(async () => {
    const webPort = await freePort();
    // The built web again, told to read the client's address from the proxy's header.
    web = spawn(process.execPath, ['build/index.js'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'ignore',
      env: {
        ...process.env,
        PORT: String(webPort),
        HOST: '127.0.0.1',
        API_URL,
        RATTRAPAGE_WEB_SECRET: WEB_SECRET,
        ADDRESS_HEADER: 'x-forwarded-for',
        XFF_DEPTH: '1',
      },
    });
    proxy = reverseProxy(webPort);
    const proxyPort = await freePort();
    await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${proxyPort}`;
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${webPort}/`).then(
            (r) => r.status,
            () => 0,
          ),
        {
          timeout: 30_000,
        },
      )
      .not.toBe(0);
  });

  test.afterAll(async () => {
    web.kill();
    await new Promise((resolve) => proxy.close(resolve));
  });

  /** A log-in form sent through the proxy by the person at `peer`. */
  async function logIn(peer: string, identifier: string, password: string, forged?: string) {
    const response = await fetch(`${proxyUrl}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        origin: WEB_ORIGIN,
        'x-test-peer': peer,
        ...(forged === undefined ? {} : { 'x-forwarded-for': forged }),
      },
      body: new URLSearchParams({ identifier, password }).toString(),
    });
    const text = await response.text();
    if (response.status === 303) return 'session';
    if (text.includes('Trop de tentatives de connexion')) return 'locked';
    if (text.includes('Identifiant ou mot de passe incorrect')) return 'refused';
    return `HTTP ${response.status}`;
  }

  test('throttles two people apart, and believes no address a client forges', async () => {
    const answers: string[] = [];
    // Unknown identifiers: only the address counts, up to its limit of 30.
    for (let i = 0; i < 30; i += 1)
      answers.push(await logIn('198.51.100.7', `inconnu.proxy.${i}`, 'faux'));
    expect(answers.slice(0, 29)).toEqual(Array.from({ length: 29 }, () => 'refused'));
    expect(answers[29]).toBe('locked');
    // The locked person cannot slip out by claiming another address…
    expect(await logIn('198.51.100.7', 'pilote.demo', PASSWORD, '198.51.100.8')).toBe('locked');
    // …while another person behind the same proxy logs in.
    expect(await logIn('198.51.100.8', 'pilote.demo', PASSWORD)).toBe('session');
  });
});
