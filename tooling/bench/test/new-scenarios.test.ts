import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../src/load/load-plan.ts';
import { benchOptions } from '../src/options.ts';
import { classifyAnswers } from '../src/report/answers.ts';
import { EQUAL_RATE_SHARE, costGrowth, equalRate } from '../src/report/cost-growth.ts';
import type { Figure } from '../src/report/scenario-result.ts';
import { SCENARIO_ORDER, measures } from '../src/scenario-ids.ts';
import { growthPageSize, sameReadersNote } from '../src/scenarios/cost-growth.ts';
import { webShare } from '../src/scenarios/web-share.ts';
import { webDocumentId } from '../src/scenarios/documents.ts';
import { loadResult } from './load-result.ts';

function load(overrides: Partial<LoadResult> = {}): LoadResult {
  return loadResult({ completed: 100, ok: 100, statusCounts: { '200': 100 }, ...overrides });
}

const cpu = (api: number, database?: number): Figure => ({
  label: 'API',
  value: 1000,
  unit: 'req/s',
  cpuMsPerRequest: api,
  ...(database === undefined ? {} : { databaseCpuMsPerRequest: database }),
});

describe('how cost grows with the session', () => {
  it('holds CPU per request (API and PostgreSQL) at the largest size against the smallest, whatever the order given', () => {
    const growth = costGrowth([
      { candidates: 250_000, figure: cpu(0.7, 0.3) },
      { candidates: 1_000_000, figure: cpu(0.75, 0.35) },
      { candidates: 25_000, figure: cpu(0.6, 0.4) },
    ]);
    expect(growth.smallest.candidates).toBe(25_000);
    expect(growth.largest.candidates).toBe(1_000_000);
    expect(growth.ratio).toBeCloseTo(1.1, 9);
    expect(growth.met).toBe(true);
  });

  it('sets the smallest size’s readers at the largest size against both sizes’ own reads, each part apart', () => {
    const growth = costGrowth([
      { candidates: 1_000_000, figure: cpu(0.5, 0.5) },
      { candidates: 25_000, figure: cpu(0.4, 0.2) },
    ]);
    const note = sameReadersNote(growth, cpu(0.42, 0.24), 5_000);
    // 0.66 ms against 0.6 at 25 000 and 1.0 at a million.
    expect(note).toContain('the 5 000 readers of 25 000 candidates');
    expect(note).toContain('API 0.42 + PostgreSQL 0.24 ms CPU per read');
    expect(note).toContain("1.10× the smallest size's own reads (API 1.05×, PostgreSQL 1.20×)");
    expect(note).toContain("0.66× the largest's");
  });

  it('is not met past 20 %, nor when a CPU was not measured', () => {
    const over = costGrowth([
      { candidates: 1_000, figure: cpu(1, 0) },
      { candidates: 10_000, figure: cpu(1.21, 0) },
    ]);
    expect(over.met).toBe(false);
    const unmeasured = costGrowth([
      { candidates: 1_000, figure: { label: 'API', value: 0, unit: 'req/s' } },
      { candidates: 10_000, figure: cpu(1) },
    ]);
    expect(unmeasured.ratio).toBeNaN();
    expect(unmeasured.met).toBe(false);
  });

  it('pages by the issue’s 500 unless the smallest session cannot fill two such pages', () => {
    expect(growthPageSize(500, 25_000)).toBe(500);
    // 1 000 candidates, a fifth of them of the paging académie: two full pages of 100.
    expect(growthPageSize(500, 1_000)).toBe(100);
    expect(growthPageSize(500, 20)).toBe(10);
  });

  it('compares the sizes at one offered rate that the slowest size keeps up with', () => {
    expect(equalRate([2_962, 2_457, 2_608])).toBeCloseTo(2_457 * EQUAL_RATE_SHARE, 9);
    expect(EQUAL_RATE_SHARE).toBeLessThan(1);
    expect(equalRate([74.5, 64.5])).toBeLessThan(64.5);
  });

  it('has no rate to offer when a size answered nothing', () => {
    expect(() => equalRate([2_962, 0])).toThrow(/answered nothing/);
    expect(() => equalRate([])).toThrow(RangeError);
    expect(() => equalRate([Number.NaN, 100])).toThrow(RangeError);
  });

  it('needs two sizes', () => {
    expect(() => costGrowth([{ candidates: 1_000, figure: cpu(1) }])).toThrow(RangeError);
  });

  it('takes its sizes from the mode, or from --growth-sizes, smallest first', () => {
    expect(benchOptions([]).growthSizes).toEqual([25_000, 250_000, 1_000_000]);
    expect(benchOptions(['--quick']).growthSizes).toEqual([1_000, 3_000, 10_000]);
    expect(benchOptions(['--quick', '--growth-sizes=5000,2_000']).growthSizes).toEqual([
      2_000, 5_000,
    ]);
    expect(() => benchOptions(['--growth-sizes=5000'])).toThrow(/two sizes/);
    expect(() => benchOptions(['--growth-sizes=5000,abc'])).toThrow(/whole numbers/);
  });
});

describe('a run of some rows (--only=)', () => {
  it('measures every row unless told', () => {
    expect(benchOptions([]).only).toBeNull();
    expect(SCENARIO_ORDER.every((id) => measures(null, id))).toBe(true);
  });

  it('names rows by their ids, and refuses an unknown one or none', () => {
    expect(benchOptions(['--quick', '--only=import-marks, web-share']).only).toEqual([
      'import-marks',
      'web-share',
    ]);
    expect(() => benchOptions(['--only=import-marks,reads'])).toThrow(/unknown row reads/);
    expect(() => benchOptions(['--only='])).toThrow(/none named/);
  });

  it('brings along what the named rows need, and nothing else', () => {
    const measured = (only: Parameters<typeof measures>[0]) =>
      SCENARIO_ORDER.filter((id) => measures(only, id));
    expect(measured(['web-share'])).toEqual(['import-marks', 'web-share']);
    expect(measured(['overload'])).toEqual(['log-in-storm', 'overload', 'import-marks']);
    expect(measured(['publication-instant'])).toEqual([
      'log-in-storm',
      'import-marks',
      'publication-instant',
    ]);
    expect(measured(['cost-growth-paging'])).toEqual([
      'import-marks',
      'cost-growth-reads',
      'cost-growth-paging',
    ]);
  });
});

describe('the publication instant’s answers', () => {
  it('counts a 503 with Retry-After as a refusal and nothing else', () => {
    expect(
      classifyAnswers(load({ completed: 130, statusCounts: { '200': 100, '503': 30 } })),
    ).toEqual({ ok: 100, refused: 30, errors: 0 });
  });

  it('counts as errors a 503 without Retry-After, a 429, another status, a GraphQL error, a timeout', () => {
    const answers = classifyAnswers(
      load({
        ok: 90,
        statusCounts: { '200': 95, '503': 30, '429': 2, '500': 1 },
        retryAfterMissing: 4,
        failedBodies: 5,
        timeouts: 1,
        connectionErrors: 1,
      }),
    );
    expect(answers).toEqual({ ok: 90, refused: 26, errors: 4 + 2 + 1 + 5 + 1 + 1 });
  });

  it('runs 2 minutes in full and 20 s in quick mode', () => {
    expect(benchOptions([]).mixSeconds).toBe(120);
    expect(benchOptions(['--quick']).mixSeconds).toBe(20);
  });

  it('sends the web’s own documents, found by their operation name', () => {
    expect(webDocumentId('CandidateSpace')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(webDocumentId('ChooseControlTests')).not.toBe(webDocumentId('CandidateSpace'));
    expect(() => webDocumentId('NoSuchOperation')).toThrow(/No web document/);
  });
});

describe('the web’s share of a page', () => {
  it('adds what the page costs in all (web, and API and PostgreSQL behind it) above the API’s read alone', () => {
    const share = webShare({ webCpuMs: 1.5, behindWebMs: 1.5 }, 2);
    expect(share.added).toBeCloseTo(0.5, 9);
    expect(share.webMs).toBe(1.5);
    expect(webShare({ webCpuMs: 1, behindWebMs: 1 }, 0).added).toBeNaN();
  });
});

describe('the rows of issue #13', () => {
  it('are in the run, after the eight rows of issue #6, the floor and the candidates import', () => {
    expect(SCENARIO_ORDER.slice(10)).toEqual([
      'cost-growth-reads',
      'cost-growth-paging',
      'publication-instant',
      'web-share',
    ]);
  });
});
