import { type Figure, type ScenarioResult, targetMet } from './scenario-result.ts';

/** A number for people: three significant figures at most, thousands spaced. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits }).replace(/,/g, ' ');
}

function figureText(f: Figure): string {
  return `${formatNumber(f.value)} ${f.unit}`;
}

function figureDetail(f: Figure): string {
  const parts: string[] = [];
  if (f.p50Ms !== undefined) parts.push(`p50 ${formatNumber(f.p50Ms)} ms`);
  if (f.p99Ms !== undefined) parts.push(`p99 ${formatNumber(f.p99Ms)} ms`);
  if (f.errors !== undefined) parts.push(`${f.errors} errors`);
  if (f.peakRssMb !== undefined) parts.push(`peak RSS ${formatNumber(f.peakRssMb)} MB`);
  if (f.cpuMsPerRequest !== undefined)
    parts.push(`CPU ${formatNumber(f.cpuMsPerRequest)} ms/request`);
  if (f.databaseCpuMsPerRequest !== undefined)
    parts.push(`PostgreSQL CPU ${formatNumber(f.databaseCpuMsPerRequest)} ms/request`);
  if (f.machineBusyPercent !== undefined)
    parts.push(`machine ${formatNumber(f.machineBusyPercent)} % busy`);
  return `${f.label}: ${parts.join(', ') || figureText(f)}`;
}

function metText(result: ScenarioResult): string {
  const met = targetMet(result);
  return met === null ? 'report' : met ? 'MET' : 'NOT MET';
}

/** The table of the run: one row per scenario, then each one's details (latency, errors, memory, checks). */
export function renderTable(results: readonly ScenarioResult[]): string {
  const header = ['scenario', 'figure', 'peer figure', 'ratio', 'target', 'met?'];
  const rows = results.map((r) => [
    r.title,
    `${r.subject.label} ${figureText(r.subject)}`,
    `${r.peer.label} ${figureText(r.peer)}`,
    `${formatNumber(r.ratio)}×`,
    r.target,
    metText(r),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line), ''];
  for (const r of results) {
    out.push(`${r.title} (${r.data})`);
    out.push(`  ${figureDetail(r.subject)}`);
    out.push(`  ${figureDetail(r.peer)}`);
    for (const c of r.checks) out.push(`  [${c.met ? 'x' : ' '}] ${c.label}`);
    for (const n of r.notes) out.push(`  · ${n}`);
  }
  return out.join('\n');
}
