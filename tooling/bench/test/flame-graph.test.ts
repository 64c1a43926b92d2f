import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallTree,
  NotACpuProfile,
  callTree,
  idleSamples,
  profileWindow,
  readCpuProfile,
} from '../src/profile/cpu-profile.ts';
import { escapeXml, flameGraphSvg, flameLayout, subtitleOf } from '../src/profile/flame-graph.ts';
import { originOf } from '../src/profile/frame-origin.ts';
import { selfByLayer, summaryMarkdown, topSelf } from '../src/profile/profile-summary.ts';

interface Spec {
  readonly name: string;
  readonly url?: string;
  readonly hits?: number;
  readonly children?: readonly Spec[];
}

/** A `.cpuprofile` as V8 writes it, from a nested description: ids in depth-first order. */
function profileOf(root: Spec): unknown {
  const nodes: unknown[] = [];
  let next = 1;
  const add = (spec: Spec): number => {
    const id = next++;
    const node = {
      id,
      callFrame: {
        functionName: spec.name,
        scriptId: '0',
        url: spec.url ?? '',
        lineNumber: 9,
        columnNumber: 0,
      },
      hitCount: spec.hits ?? 0,
      children: [] as number[],
    };
    nodes.push(node);
    node.children = (spec.children ?? []).map(add);
    return id;
  };
  add(root);
  return { nodes, startTime: 1_000_000, endTime: 3_000_000, samples: [], timeDeltas: [] };
}

const API = 'file:///checkout/apps/api/src/server.ts';
const GRAPHQL =
  'file:///checkout/node_modules/.pnpm/graphql@16.11.0/node_modules/graphql/execution/execute.js';

const SAMPLE: Spec = {
  name: '(root)',
  children: [
    { name: '(idle)', hits: 100 },
    { name: '(program)', hits: 10 },
    {
      name: 'handle',
      url: API,
      children: [
        { name: 'execute', url: GRAPHQL, hits: 30 },
        // The same function twice under one caller, as V8 lists it after a deoptimisation.
        { name: 'execute', url: GRAPHQL, hits: 20, children: [{ name: 'stringify', hits: 5 }] },
        { name: 'tiny', url: API, hits: 1 },
      ],
      hits: 34,
    },
  ],
};

function find(tree: CallTree, name: string): CallTree | undefined {
  if (tree.frame.functionName === name) return tree;
  for (const child of tree.children) {
    const found = find(child, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('the call tree of a CPU profile', () => {
  const profile = readCpuProfile(profileOf(SAMPLE));

  it('counts each frame itself and with its callees, idle left out, one caller’s twins merged', () => {
    const tree = callTree(profile);
    expect(tree.total).toBe(100);
    expect(tree.children.map((c) => c.frame.functionName)).toEqual(['handle', '(program)']);
    const handle = find(tree, 'handle');
    expect(handle).toMatchObject({ self: 34, total: 90 });
    expect(handle?.children.map((c) => [c.frame.functionName, c.self, c.total])).toEqual([
      ['execute', 50, 55],
      ['tiny', 1, 1],
    ]);
    expect(idleSamples(profile)).toBe(100);
  });

  it('counts again, for a span of its time, the samples taken in it', () => {
    const spec: Spec = { name: '(root)', children: [{ name: 'start' }, { name: 'serve' }] };
    // Samples every millisecond: start, start, serve, serve, serve (ids 2 and 3).
    const timed = readCpuProfile({
      ...(profileOf(spec) as object),
      samples: [2, 2, 3, 3, 3],
      timeDeltas: [1000, 1000, 1000, 1000, 1000],
    });
    const span = profileWindow(timed, 0.0025, 0.0045);
    expect(callTree(span).children.map((c) => [c.frame.functionName, c.total])).toEqual([
      ['serve', 2],
    ]);
    expect(callTree(profileWindow(timed, 0)).total).toBe(5);
    expect(span.endTime - span.startTime).toBe(2000);
    // A span of a span is the span of the whole it stands for.
    const inner = profileWindow(profileWindow(timed, 0.0015), 0.001, 0.003);
    expect(inner.samples).toEqual([3, 3]);
    expect(inner.startTime).toBe(timed.startTime + 2500);
    expect(() =>
      readCpuProfile({ ...(profileOf(spec) as object), samples: [2], timeDeltas: [] }),
    ).toThrow(NotACpuProfile);
  });

  it('keeps idle when asked', () => {
    expect(callTree(profile, { keepIdle: true }).total).toBe(200);
  });

  it.each([
    ['no nodes', { nodes: [] }],
    ['a node without a call frame', { nodes: [{ id: 1 }] }],
    ['children that are not ids', { nodes: [{ id: 1, callFrame: {}, children: ['2'] }] }],
    ['a missing child', { nodes: [{ id: 1, callFrame: {}, children: [2] }] }],
    ['a loop', { nodes: [{ id: 1, callFrame: {}, children: [1] }] }],
    ['not an object', 'profile'],
  ])('refuses %s with a clear error', (_, json) => {
    expect(() => callTree(readCpuProfile(json))).toThrow(NotACpuProfile);
  });
});

describe('where a frame comes from', () => {
  it.each([
    [{ url: '', lineNumber: -1 }, 'engine', 'V8 and native', ''],
    [
      { url: 'node:internal/http/server', lineNumber: 4 },
      'node',
      'Node.js',
      'node:internal/http/server:5',
    ],
    [{ url: GRAPHQL, lineNumber: 9 }, 'dependency', 'graphql', 'graphql/execution/execute.js:10'],
    [
      {
        url: 'file:///x/node_modules/.pnpm/@apollo+server@5.0.0/node_modules/@apollo/server/dist/esm/runHttpQuery.js',
        lineNumber: 0,
      },
      'dependency',
      '@apollo/server',
      '@apollo/server/dist/esm/runHttpQuery.js:1',
    ],
    [{ url: API, lineNumber: 41 }, 'ours', 'apps/api', 'apps/api/src/server.ts:42'],
    [
      { url: 'file:///w/packages/domain/src/rules.ts', lineNumber: 0 },
      'ours',
      'packages/domain',
      'packages/domain/src/rules.ts:1',
    ],
    [
      { url: 'file:///somewhere/else/script.js', lineNumber: 2 },
      'dependency',
      'other scripts',
      'script.js:3',
    ],
  ])('%j is %s, layer %s, at %s', (frame, kind, layer, location) => {
    expect(originOf({ functionName: 'f', ...frame })).toEqual({ kind, layer, location });
  });
});

describe('the summary', () => {
  const tree = callTree(readCpuProfile(profileOf(SAMPLE)));

  it('adds each layer’s own samples, every busy sample once', () => {
    const layers = selfByLayer(tree);
    expect(layers).toEqual([
      { name: 'graphql', samples: 50 },
      { name: 'apps/api', samples: 35 },
      { name: 'V8 and native', samples: 15 },
    ]);
    expect(layers.reduce((sum, layer) => sum + layer.samples, 0)).toBe(tree.total);
  });

  it('ranks the functions by their own samples', () => {
    expect(topSelf(tree, 2)).toEqual([
      { name: 'execute (graphql/execution/execute.js:10)', samples: 50 },
      { name: 'handle (apps/api/src/server.ts:10)', samples: 34 },
    ]);
    expect(summaryMarkdown(tree)).toContain('| graphql | 50.0 % |');
  });

  it('sums the layers under a thousandth of the samples', () => {
    const spec: Spec = {
      name: '(root)',
      children: [
        { name: 'big', url: API, hits: 2000 },
        { name: 'a', url: 'file:///x/node_modules/a/i.js', hits: 1 },
        { name: 'b', url: 'file:///x/node_modules/b/i.js', hits: 1 },
      ],
    };
    const summary = summaryMarkdown(callTree(readCpuProfile(profileOf(spec))));
    expect(summary).toContain('| apps/api | 99.9 % |');
    expect(summary).toContain('| 2 other layers | 0.1 % |');
    expect(summary).not.toContain('| a |');
  });
});

const arbitraryTree: fc.Arbitrary<Spec> = fc.letrec<{ node: Spec }>((tie) => ({
  node: fc.record({
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    hits: fc.nat(50),
    children: fc.oneof(
      { depthSize: 'small' },
      fc.constant([]),
      fc.array(tie('node'), { maxLength: 4 }),
    ),
  }),
})).node;

describe('the flame graph’s layout', () => {
  it('draws each callee within its caller, side by side, as wide as its share', () => {
    fc.assert(
      fc.property(arbitraryTree, fc.constantFrom(0, 0.01, 0.2), (spec, minWidth) => {
        const tree = callTree(readCpuProfile(profileOf({ ...spec, name: '(root)' })));
        const boxes = flameLayout(tree, minWidth);
        const epsilon = 1e-9;
        for (const box of boxes) {
          expect(box.width).toBeGreaterThanOrEqual(minWidth);
          expect(box.width).toBeCloseTo(box.tree.total / tree.total, 12);
          if (box.depth === 0) continue;
          const parent = boxes.find(
            (p) => p.depth === box.depth - 1 && p.tree.children.includes(box.tree),
          );
          expect(parent).toBeDefined();
          if (parent === undefined) continue;
          expect(box.x).toBeGreaterThanOrEqual(parent.x - epsilon);
          expect(box.x + box.width).toBeLessThanOrEqual(parent.x + parent.width + epsilon);
          for (const sibling of boxes) {
            if (sibling === box || sibling.depth !== box.depth) continue;
            const overlap =
              Math.min(box.x + box.width, sibling.x + sibling.width) - Math.max(box.x, sibling.x);
            expect(overlap).toBeLessThanOrEqual(epsilon);
          }
        }
      }),
    );
  });

  it('leaves out frames thinner than the least width, with what they called', () => {
    const tree = callTree(readCpuProfile(profileOf(SAMPLE)));
    const names = (minWidth: number) =>
      flameLayout(tree, minWidth).map((box) => box.tree.frame.functionName);
    expect(names(0)).toContain('tiny');
    expect(names(0.02)).not.toContain('tiny');
    expect(names(0.06)).not.toContain('stringify');
    expect(names(0.06)).toContain('execute');
  });
});

describe('the flame graph’s SVG', () => {
  it('draws frames at their share of the width, the root the whole of it', () => {
    const tree = callTree(readCpuProfile(profileOf(SAMPLE)));
    const svg = flameGraphSvg(tree, { title: 'reads', subtitle: 's', width: 1000, minWidth: 0 });
    const widthOf = (name: string) => {
      const group = svg.split('\n').find((line) => line.includes(`<title>${name} (`));
      return Number(/width="([\d.]+)"/.exec(group ?? '')?.[1]);
    };
    expect(widthOf('(root)')).toBeCloseTo(999.5, 2);
    expect(widthOf('handle')).toBeCloseTo(899.5, 2);
    expect(widthOf('execute')).toBeCloseTo(549.5, 2);
    expect(svg).toContain(
      '<title>execute (graphql — graphql/execution/execute.js:10): 55.0 % in all, 50.0 % itself, 55 samples</title>',
    );
  });

  it('escapes every name it draws, whatever the code was called', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }).filter((n) => n !== '(idle)'),
        fc.string(),
        (name, title) => {
          const spec: Spec = { name: '(root)', children: [{ name, url: API, hits: 1 }] };
          const svg = flameGraphSvg(callTree(readCpuProfile(profileOf(spec))), {
            title,
            subtitle: '',
            minWidth: 0,
          });
          // Only the graph's own elements open a tag: no name can open one, nor end a text early.
          const tags = svg.match(/<\/?([a-z]+)/g) ?? [];
          expect(new Set(tags.map((tag) => tag.replace(/[</]/g, '')))).toEqual(
            new Set(['svg', 'rect', 'text', 'g', 'title']),
          );
          expect(svg).toMatch(/^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u);
          expect(svg).toContain(escapeXml(name));
        },
      ),
    );
  });

  it('escapes what XML reserves and replaces what it cannot hold', () => {
    expect(escapeXml('a<b>&"\'\u0001\ud800')).toBe('a&lt;b&gt;&amp;&quot;&apos;\ufffd\ufffd');
    expect(escapeXml('tab\tline\n😀')).toBe('tab\tline\n😀');
  });

  it('says what was sampled under the title', () => {
    const profile = readCpuProfile(profileOf(SAMPLE));
    expect(subtitleOf(profile, callTree(profile).total, 0.001)).toBe(
      '100 busy samples (50 % of 2.0 s sampled); frames under 0.1 % of them not drawn',
    );
  });
});

describe('pnpm flame', () => {
  const run = promisify(execFile);
  const script = new URL('../src/flame.ts', import.meta.url).pathname;

  it('writes the graph and prints the summary; refuses what is not a profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flame-'));
    try {
      const input = join(dir, 'api.cpuprofile');
      const out = join(dir, 'api.svg');
      await writeFile(input, JSON.stringify(profileOf(SAMPLE)));
      const { stdout } = await run(process.execPath, [
        script,
        input,
        `--out=${out}`,
        '--title=API',
      ]);
      expect(stdout).toContain('| graphql | 50.0 % |');
      expect(await readFile(out, 'utf8')).toContain(
        '<text x="10" y="18" font-size="15" font-weight="bold">API</text>',
      );

      // As `pnpm --filter` runs it: in the package's folder, the paths the caller's (INIT_CWD).
      await run(process.execPath, [script, 'api.cpuprofile', '--out=relative.svg'], {
        cwd: tmpdir(),
        env: { ...process.env, INIT_CWD: dir },
      });
      expect(await readFile(join(dir, 'relative.svg'), 'utf8')).toContain('<svg');

      await writeFile(input, '{"nodes": []}');
      await expect(run(process.execPath, [script, input, `--out=${out}`])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('Not a V8 CPU profile') as unknown,
      });
      await expect(run(process.execPath, [script, input])).rejects.toMatchObject({ code: 2 });
      await expect(
        run(process.execPath, [script, input, `--out=${out}`, '--outt=x']),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('usage: flame') as unknown,
      });
      await expect(
        run(process.execPath, [script, join(dir, 'none.cpuprofile'), `--out=${out}`]),
      ).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^Error: ENOENT[^\n]*none\.cpuprofile'\n$/) as unknown,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
