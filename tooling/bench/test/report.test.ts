import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../src/load/load-plan.ts';
import { percentile, sortedCopy } from '../src/measure/percentiles.ts';
import { benchOptions } from '../src/options.ts';
import { renderTable } from '../src/report/print-table.ts';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resultsDocument, resultsFileName, writeResults } from '../src/report/results-file.ts';
import {
  MB,
  type ScenarioResult,
  failedRequests,
  loadFigure,
  cpuNote,
  ratioOf,
  targetMet,
  totalCpuMs,
} from '../src/report/scenario-result.ts';
import { SCENARIO_ORDER } from '../src/scenario-ids.ts';
import { mergeSlices } from '../src/scenarios/bench-context.ts';
import { loadResult } from './load-result.ts';

function load(overrides: Partial<LoadResult> = {}): LoadResult {
  return loadResult({
    durationSeconds: 10,
    completed: 1000,
    ok: 990,
    okPerSecond: 99,
    latencyMs: { p50: 5, p99: 40, max: 90 },
    statusCounts: { '200': 995, '503': 5 },
    failedBodies: 5,
    connectionErrors: 1,
    timeouts: 2,
    ...overrides,
  });
}

function scenario(id: string, checks: ScenarioResult['checks']): ScenarioResult {
  return {
    id,
    title: `Title of ${id}`,
    data: 'data',
    subject: {
      label: 'API',
      value: 300,
      unit: 'req/s',
      p50Ms: 3,
      p99Ms: 30,
      errors: 0,
      peakRssMb: 120,
    },
    peer: { label: 'Peer', value: 200, unit: 'req/s' },
    ratio: ratioOf(300, 200),
    target: '≥ 1.5×',
    checks,
    notes: ['a note'],
  };
}

describe('ratios and targets', () => {
  it('divides the subject by the peer, and says NaN rather than Infinity when the peer is nothing', () => {
    expect(ratioOf(300, 200)).toBe(1.5);
    expect(ratioOf(3, 0)).toBeNaN();
    expect(ratioOf(Number.NaN, 2)).toBeNaN();
  });

  it('is met when every check is, not met when one is not, and has nothing to meet without checks', () => {
    expect(targetMet({ checks: [{ label: 'a', met: true }] })).toBe(true);
    expect(
      targetMet({
        checks: [
          { label: 'a', met: true },
          { label: 'b', met: false },
        ],
      }),
    ).toBe(false);
    expect(targetMet({ checks: [] })).toBeNull();
  });

  it('counts as failed every request that did not succeed, except the statuses accepted', () => {
    expect(failedRequests(load())).toBe(1 + 2 + 5 + 5);
    expect(failedRequests(load(), [503])).toBe(1 + 2 + 5);
  });

  it('makes a figure of a load: successes per second (scaled for rows), worst memory, CPU per success', () => {
    const f = loadFigure(
      'API',
      {
        load: load(),
        peakRss: [100 * MB, 80 * MB],
        cpuSeconds: [0.99, 0.99],
        databaseCpuSeconds: 0.495,
        autovacuumCpuSeconds: 0.2,
        machineBusy: 0.97,
      },
      'rows/s',
      500,
    );
    expect(f.value).toBe(99 * 500);
    expect(f.peakRssMb).toBe(100);
    expect(f.p99Ms).toBe(40);
    expect(f.cpuMsPerRequest).toBeCloseTo(2, 9);
    expect(f.databaseCpuMsPerRequest).toBeCloseTo(0.5, 9);
    expect(f.machineBusyPercent).toBeCloseTo(97, 9);
  });

  it('leaves out what was not measured: no memory, no database CPU on PGlite, no CPU per request without a success', () => {
    const f = loadFigure('PGlite', {
      load: load({ ok: 0, okPerSecond: 0 }),
      peakRss: [],
      cpuSeconds: [1],
      databaseCpuSeconds: null,
      autovacuumCpuSeconds: null,
      machineBusy: 0.5,
    });
    expect(f.peakRssMb).toBeUndefined();
    expect(f.databaseCpuMsPerRequest).toBeUndefined();
    expect(f.cpuMsPerRequest).toBeNaN();
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = sortedCopy([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('the results file and the table', () => {
  const scenarios = [
    scenario('candidate-reads', [{ label: 'fast', met: true }]),
    scenario('overload', [
      { label: 'fast', met: true },
      { label: 'kind', met: false },
    ]),
    scenario('embedded', []),
  ];

  it('holds the run, the machine, and each scenario with its figures, ratio, checks and verdict', () => {
    const document = resultsDocument({
      mode: 'full',
      startedAt: new Date('2026-11-29T10:00:00Z'),
      finishedAt: new Date('2026-11-29T10:12:30Z'),
      machine: { cpus: 2, cpuModel: 'x', memoryGb: 24, kernel: 'k', node: 'v24', postgres: '15' },
      sizes: { candidates: 250_000 },
      scenarios: [...scenarios, { ...scenario('deliberate', []), ratio: Number.NaN }],
    });
    const json = JSON.parse(JSON.stringify(document)) as {
      totalSeconds: number;
      scenarios: {
        id: string;
        met: boolean | null;
        ratio: number | null;
        subject: { value: number };
      }[];
    };
    expect(json.totalSeconds).toBe(750);
    expect(Object.keys(document).sort()).toEqual(
      [
        'finishedAt',
        'machine',
        'mode',
        'scenarios',
        'sizes',
        'startedAt',
        'totalSeconds',
        'version',
      ].sort(),
    );
    expect(json.scenarios.map((s) => [s.id, s.met])).toEqual([
      ['candidate-reads', true],
      ['overload', false],
      ['embedded', null],
      ['deliberate', null],
    ]);
    expect(json.scenarios[0]?.ratio).toBe(1.5);
    // Not measured is written as null, never as a number.
    expect(json.scenarios[3]?.ratio).toBeNull();
  });

  it('names a full run by its UTC day, and a quick one so that git ignores it', () => {
    const at = new Date('2026-11-29T23:30:00-05:00');
    expect(resultsFileName(at, 'full')).toBe('2026-11-30.json');
    expect(resultsFileName(at, 'quick')).toBe('2026-11-30-quick.json.tmp');
  });

  it('never writes over a full run of the same day: the later one is named by its time', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-results-'));
    try {
      const run = (startedAt: string, mode: 'full' | 'quick') =>
        resultsDocument({
          mode,
          startedAt: new Date(startedAt),
          finishedAt: new Date(startedAt),
          machine: {
            cpus: 2,
            cpuModel: 'x',
            memoryGb: 24,
            kernel: 'k',
            node: 'v24',
            postgres: '15',
          },
          sizes: { candidates: 250_000 },
          scenarios,
        });
      const first = await writeResults(folder, run('2026-12-05T03:10:00Z', 'full'));
      const before = await readFile(first, 'utf8');
      const second = await writeResults(folder, run('2026-12-05T11:34:32Z', 'full'));
      expect([first, second].map((f) => f.slice(folder.length + 1))).toEqual([
        '2026-12-05.json',
        '2026-12-05-113432.json',
      ]);
      expect(await readFile(first, 'utf8')).toBe(before);
      expect(await readFile(second, 'utf8')).toContain('2026-12-05T11:34:32');
      // Quick runs are scratch, ignored by git: the day's one is replaced.
      await writeResults(folder, run('2026-12-05T12:00:00Z', 'quick'));
      await writeResults(folder, run('2026-12-05T13:00:00Z', 'quick'));
      expect((await readdir(folder)).sort()).toEqual([
        '2026-12-05-113432.json',
        '2026-12-05-quick.json.tmp',
        '2026-12-05.json',
      ]);
      await expect(writeResults(folder, run('2026-12-05T11:34:32Z', 'full'))).rejects.toThrow(
        /same second/,
      );
    } finally {
      await rm(folder, { recursive: true });
    }
  });

  it('names a run of some rows so that git ignores it, full or quick', () => {
    const at = new Date('2026-11-29T23:30:00-05:00');
    expect(resultsFileName(at, 'full', true)).toBe('2026-11-30-full-partial.json.tmp');
    expect(resultsFileName(at, 'quick', true)).toBe('2026-11-30-quick-partial.json.tmp');
  });

  it('prints one row per scenario with figure, peer, ratio, target and verdict', () => {
    const table = renderTable(scenarios);
    const rows = table.split('\n');
    expect(rows[0]).toMatch(
      /^scenario\s+\| figure\s+\| peer figure\s+\| ratio\s+\| target\s+\| met\?$/,
    );
    expect(rows[2]).toContain('Title of candidate-reads');
    expect(rows[2]).toContain('API 300 req/s');
    expect(rows[2]).toContain('1.5×');
    expect(rows[2]).toMatch(/MET$/);
    expect(rows[3]).toMatch(/NOT MET$/);
    expect(rows[4]).toMatch(/report$/);
    expect(table).toContain('[ ] kind');
    expect(table).toContain('peak RSS 120 MB');
  });
});

describe('the run', () => {
  it('covers the eight rows of issue #6, the floor, the candidates import, and the four rows of issue #13', () => {
    expect(SCENARIO_ORDER).toHaveLength(14);
    expect(new Set(SCENARIO_ORDER).size).toBe(14);
    expect(SCENARIO_ORDER[1]).toBe('candidate-reads-floor');
    // Row 5's second file, beside the marks.
    expect(SCENARIO_ORDER.indexOf('import-candidates')).toBe(
      SCENARIO_ORDER.indexOf('import-marks') + 1,
    );
  });

  it('has a quick mode, smaller and shorter than the full one', () => {
    const full = benchOptions([]);
    const quick = benchOptions(['--', '--quick']);
    expect(full.population).toEqual({
      candidates: 250_000,
      ofOrigin: 50_000,
      schoolsPerAcademy: 20,
    });
    expect(full.overloadSeconds).toBe(60);
    expect(quick.mode).toBe('quick');
    expect(quick.population.candidates).toBeLessThan(full.population.candidates);
    expect(quick.measureSeconds).toBeLessThan(full.measureSeconds);
  });
});

describe('CPU per request', () => {
  it('adds the database to the server, and compares what CPU alone would allow', () => {
    const api = {
      label: 'API',
      value: 1,
      unit: 'req/s' as const,
      cpuMsPerRequest: 2,
      databaseCpuMsPerRequest: 1,
    };
    const peer = {
      label: 'Peer',
      value: 1,
      unit: 'req/s' as const,
      cpuMsPerRequest: 1.5,
      databaseCpuMsPerRequest: 1.5,
    };
    expect(totalCpuMs(api)).toBe(3);
    expect(totalCpuMs({ ...api, databaseCpuMsPerRequest: undefined })).toBe(2);
    expect(totalCpuMs({ label: 'x', value: 1, unit: 's' })).toBeNaN();
    expect(cpuNote(api, peer)).toBe(
      'CPU per request: API 2.00 ms + PostgreSQL 1.00 ms; Peer 1.50 ms + PostgreSQL 1.50 ms; by CPU alone, 1.00×.',
    );
  });
});

describe('mergeSlices', () => {
  const slice = (database: number | null, autovacuum: number | null, rss: number) => ({
    load: load(),
    peakRss: [rss * MB],
    cpuSeconds: [1],
    databaseCpuSeconds: database,
    autovacuumCpuSeconds: autovacuum,
    machineBusy: 0.5,
  });

  it('adds CPU, keeps the worst memory, and keeps autovacuum apart from the requests’ database CPU', () => {
    const merged = mergeSlices([slice(0.5, 2, 100), slice(0.25, 0, 140)]);
    expect(merged.cpuSeconds).toEqual([2]);
    expect(merged.peakRss).toEqual([140 * MB]);
    expect(merged.databaseCpuSeconds).toBeCloseTo(0.75, 9);
    expect(merged.autovacuumCpuSeconds).toBeCloseTo(2, 9);
  });

  it('reports no database CPU when a slice had none measured (PGlite)', () => {
    const merged = mergeSlices([slice(0.5, 2, 100), slice(null, null, 100)]);
    expect(merged.databaseCpuSeconds).toBeNull();
    expect(merged.autovacuumCpuSeconds).toBeNull();
  });
});
