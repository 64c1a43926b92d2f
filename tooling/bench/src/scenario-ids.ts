/** The rows, in its order (the run measures them in another, cheaper one). */
export const SCENARIO_TITLES = {
  'candidate-reads': 'Candidate reads own results',
  'candidate-reads-floor': 'Candidate reads, against the floor',
  'log-in-storm': 'Log-in storm',
  overload: 'Overload: 3× log-in rate',
  'academy-paging': 'Académie pages its candidates',
  'import-marks': 'Import first-group marks (CSV)',
  'import-candidates': 'Import candidates (CSV)',
  deliberate: 'Deliberate a whole session',
  'two-processes': 'Two API processes, one database',
  embedded: 'Embedded (PGlite) candidate reads',
  'cost-growth-reads': 'Cost growth: candidate reads',
  'cost-growth-paging': 'Cost growth: académie paging',
  'publication-instant': 'Publication instant, all at once',
  'web-share': 'The web’s share of a candidate page',
} as const;
export type ScenarioId = keyof typeof SCENARIO_TITLES;
export const SCENARIO_ORDER = Object.keys(SCENARIO_TITLES) as ScenarioId[];

export function isScenarioId(text: string): text is ScenarioId {
  return Object.hasOwn(SCENARIO_TITLES, text);
}

/**
 * Whether a run limited to `only` measures `id`. The marks import loads the
 * marks every later row reads, so it always runs; the overload and the
 * publication instant offer the log-in storm's sustainable rate, so they
 * bring the storm along; the cost growth's two rows are seeded together.
 */
export function measures(only: readonly ScenarioId[] | null, id: ScenarioId): boolean {
  if (only === null || only.includes(id) || id === 'import-marks') return true;
  if (id === 'log-in-storm')
    return only.includes('overload') || only.includes('publication-instant');
  if (id === 'cost-growth-reads') return only.includes('cost-growth-paging');
  if (id === 'cost-growth-paging') return only.includes('cost-growth-reads');
  return false;
}
