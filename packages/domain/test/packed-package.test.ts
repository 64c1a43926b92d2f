// What a developer outside this repository installs: the tarball `pnpm pack`
// makes, installed with npm into an empty project, run with plain Node. Node
// never strips types under node_modules, so this fails if the package still
// pointed at its TypeScript sources, or shipped without its build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** The body of the fenced block between two README markers. */
function block(start: string, end: string): string {
  const section = README.slice(README.indexOf(start) + start.length, README.indexOf(end));
  const match = /```[a-z]*\r?\n([\s\S]*?)\r?\n```/.exec(section);
  if (match?.[1] === undefined) throw new Error(`no fenced block between ${start} and ${end}`);
  return match[1];
}

// Outside the workspace: no pnpm-workspace.yaml above, no workspace link.
const work = mkdtempSync(join(tmpdir(), 'rattrapage-domain-pack-'));
let tarball: string;
let project: string;

beforeAll(() => {
  run('pnpm', ['pack', '--pack-destination', work], PACKAGE_DIR);
  const file = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (file === undefined) throw new Error('pnpm pack wrote no tarball');
  tarball = join(work, file);
  project = join(work, 'consumer');
  run('mkdir', [project], work);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  writeFileSync(
    join(project, 'example.ts'),
    block('<!-- example:start -->', '<!-- example:end -->'),
  );
  // npm reads its certificate authorities from its own config, not from
  // NODE_EXTRA_CA_CERTS: behind an inspecting proxy, hand it the same file.
  const caFile = process.env.NODE_EXTRA_CA_CERTS;
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      ...(caFile === undefined || caFile === '' ? [] : [`--cafile=${caFile}`]),
      tarball,
    ],
    project,
  );
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the build and the README, not the sources, tests, fixtures or demo', () => {
    const files = run('tar', ['-tzf', tarball], work).trim().split('\n');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/README.md');
    expect(
      files.filter((f) => !/^package\/(dist\/.*\.(js|d\.ts)|README\.md|package\.json)$/.test(f)),
    ).toEqual([]);
    expect(files.some((f) => /\.test\.|fixtures|demo-command/.test(f))).toBe(false);
  });

  it('exports JavaScript and declarations from dist, nothing that needs type stripping', () => {
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules/@rattrapage/domain/package.json'), 'utf8'),
    ) as { exports: unknown };
    expect(manifest.exports).toEqual({
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    });
  });

  it("runs the README's example with plain Node and prints what the README says", () => {
    const printed = run(process.execPath, ['example.ts'], project);
    expect(printed.trimEnd()).toBe(block('<!-- output:start -->', '<!-- output:end -->'));
  }, 60_000);

  it("type-checks the README's example against the shipped declarations", () => {
    // No @types/node there: console comes from the DOM library.
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          allowImportingTsExtensions: true,
        },
        files: ['example.ts'],
      }),
    );
    const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    // A whole tsc process over the shipped declarations: seconds alone, tens
    // of seconds on two cores shared with the rest of the suite.
  }, 120_000);
});
