// Builds the web client, then serves the API (embedded PGlite and demo data
// unless DATABASE_URL says otherwise) and the web together, and stops both
// on Ctrl-C. Ports: API_PORT (4000) and WEB_PORT (3000).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const apiPort = process.env.API_PORT ?? '4000';
const webPort = process.env.WEB_PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const apiUrl = `http://${host}:${apiPort}`;
const webOrigin = process.env.ORIGIN ?? `http://localhost:${webPort}`;

if (process.env.SKIP_WEB_BUILD !== '1') {
  // The origin is part of the build: it is the only one whose forms are trusted.
  const build = spawnSync('pnpm', ['--filter', '@rattrapage/web', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ORIGIN: webOrigin },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const children: ChildProcess[] = [];
let stopped = false;
function stop(code: number): void {
  stopped = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => {
  stop(0);
});
process.once('SIGTERM', () => {
  stop(0);
});

// Shared by the web and the API: the API believes the client address the
// web forwards only with it (log-in throttling per person, docs/operations.md).
const webSecret = process.env.RATTRAPAGE_WEB_SECRET ?? randomBytes(32).toString('base64url');

const api = spawn(process.execPath, ['apps/api/start.js'], {
  cwd: root,
  stdio: 'inherit',
  // Metrics on any free loopback port unless said: two demos (or e2e runs)
  // side by side must not fight over one.
  env: {
    ...process.env,
    PORT: apiPort,
    HOST: host,
    METRICS_PORT: process.env.METRICS_PORT ?? '0',
    RATTRAPAGE_WEB_SECRET: webSecret,
  },
});
children.push(api);
api.once('exit', (code) => {
  stop(code ?? 1);
});

async function waitReady(url: string, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    // A child that died (say, its port was taken) must not let us go on
    // talking to whatever else answers on that port.
    if (stopped) throw new Error(`stopped before ${url} was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become ready`);
}

await waitReady(`${apiUrl}/readyz`, 180);
const web = spawn(process.execPath, ['apps/web/build/index.js'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: webPort,
    HOST: host,
    API_URL: `${apiUrl}/graphql`,
    RATTRAPAGE_WEB_SECRET: webSecret,
  },
});
children.push(web);
web.once('exit', (code) => {
  stop(code ?? 1);
});
await waitReady(`http://${host}:${webPort}/`, 60);
console.log(
  `\n  Site web : ${webOrigin} — connectez-vous avec un compte de démonstration ci-dessus.\n`,
);
