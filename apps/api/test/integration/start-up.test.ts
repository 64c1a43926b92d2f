import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const API_DIR = join(import.meta.dirname, '../..');

async function filesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

// What an API process holds from its start (docs/performance.md, the
// log-ins' memory): the compile cache written at start-up, PDF code only
// once a PDF is asked for.
describe('the API process at start-up', () => {
  it('node start.js writes the compile cache once serving, before it ever exits', async () => {
    const work = await mkdtemp(join(tmpdir(), 'rattrapage-start-'));
    const cache = join(work, 'cache');
    const child = spawn(process.execPath, ['start.js'], {
      cwd: API_DIR,
      env: {
        PATH: process.env['PATH'] ?? '',
        LOG_LEVEL: 'silent',
        METRICS_PORT: 'off',
        PORT: '0',
        RATTRAPAGE_DATA_DIR: join(work, 'data'),
        RATTRAPAGE_DEMO_CANDIDATES: '10',
        NODE_COMPILE_CACHE: cache,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      const serving = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/GraphQL : http:\/\/127\.0\.0\.1:\d+\/graphql/.test(stdout)) resolve();
        });
        child.once('exit', (code) => {
          reject(new Error(`exited (${String(code)}) before serving:\n${stdout}`));
        });
      });
      await serving;
      // The process is still running: what is there was flushed at start-up.
      expect(child.exitCode).toBeNull();
      expect(await filesUnder(cache)).toBeGreaterThan(0);
    } finally {
      child.kill('SIGKILL');
      await rm(work, { recursive: true, force: true });
    }
  });

  it('keeps the cache in the application’s own folder unless NODE_COMPILE_CACHE names another', () => {
    const folderWith = (env: Record<string, string>) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const m = await import('./compile-cache.js'); console.log(m.enableApiCompileCache());",
        ],
        { cwd: API_DIR, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' },
      ).trim();
    // Never the system's shared temporary folder (Node's default), where another account could write.
    // Node may keep each of its versions in a folder of its own within.
    const within = (folder: string, root: string) => `${folder}/`.startsWith(`${root}/`);
    expect(within(folderWith({}), join(API_DIR, 'node_modules', '.cache', 'compile'))).toBe(true);
    const chosen = join(tmpdir(), 'rattrapage-chosen-cache');
    try {
      expect(within(folderWith({ NODE_COMPILE_CACHE: chosen }), chosen)).toBe(true);
    } finally {
      rmSync(chosen, { recursive: true, force: true });
    }
  });

  it('loads pdfkit at the first PDF, not with the server', () => {
    const script = `
      const { createRequire } = await import('node:module');
      const { cache } = createRequire(import.meta.url);
      const loaded = () => Object.keys(cache).some((k) => k.includes('/pdfkit/'));
      await import('./src/server.ts');
      const atStart = loaded();
      const { accessiblePdf } = await import('./src/documents/accessible-pdf.ts');
      const pdf = await accessiblePdf({ title: 'essai', createdAt: new Date(0) });
      pdf.section();
      const bytes = await pdf.finish();
      console.log(JSON.stringify({ atStart, afterPdf: loaded(), pdf: bytes.subarray(0, 5).toString() }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: API_DIR,
      env: { PATH: process.env['PATH'] ?? '', NODE_DISABLE_COMPILE_CACHE: '1' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '')).toEqual({
      atStart: false,
      afterPdf: true,
      pdf: '%PDF-',
    });
  });
});
