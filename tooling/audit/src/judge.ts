/** One advisory as pnpm audit reports it, reduced to what a decision needs. */
export interface Advisory {
  readonly id: string;
  readonly module: string;
  readonly severity: 'info' | 'low' | 'moderate' | 'high' | 'critical';
  readonly title: string;
  readonly url: string;
}

/** A decision to live with an advisory, or with an audit endpoint that cannot be reached, for a while. */
export interface AuditException {
  readonly advisory?: string;
  readonly endpointUnavailable?: true;
  readonly reason: string;
  /** YYYY-MM-DD */
  readonly decided: string;
  /** YYYY-MM-DD: from this day on, the exception no longer counts. */
  readonly reviewBy: string;
}

export type AuditAnswer =
  | { readonly kind: 'advisories'; readonly advisories: readonly Advisory[] }
  /** The registry could not be asked (refused, unreachable): excusable, in writing. */
  | { readonly kind: 'unavailable'; readonly detail: string }
  /** pnpm answered something else: never excusable. */
  | { readonly kind: 'unreadable'; readonly detail: string };

export interface Verdict {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

const BLOCKING = new Set<Advisory['severity']>(['high', 'critical']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value));
}

/** Reads the exceptions file; throws on anything a reviewer could not rely on. */
export function parseExceptions(json: unknown): AuditException[] {
  const list: unknown =
    typeof json === 'object' && json !== null
      ? (json as { exceptions?: unknown }).exceptions
      : null;
  if (!Array.isArray(list)) throw new Error('exceptions.json: "exceptions" must be a list.');
  return list.map((entry: unknown, index) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = `exceptions.json, exception ${index + 1}`;
    const advisory = e['advisory'];
    const unavailable = e['endpointUnavailable'];
    if ((typeof advisory === 'string') === (unavailable === true))
      throw new Error(`${where}: name either one advisory or endpointUnavailable: true.`);
    if (typeof e['reason'] !== 'string' || e['reason'].trim().length < 20)
      throw new Error(`${where}: give the reason (a sentence at least).`);
    if (!isDay(e['decided']) || !isDay(e['reviewBy']))
      throw new Error(`${where}: decided and reviewBy are days, YYYY-MM-DD.`);
    if (e['reviewBy'] <= e['decided']) throw new Error(`${where}: reviewBy comes after decided.`);
    return {
      ...(typeof advisory === 'string' ? { advisory } : { endpointUnavailable: true as const }),
      reason: e['reason'],
      decided: e['decided'],
      reviewBy: e['reviewBy'],
    };
  });
}

/**
 * Passes when no high or critical advisory stands without a current
 * exception, and when an unreachable audit endpoint is itself a current,
 * written exception. An expired exception counts as none: it fails the run
 * until someone looks again.
 */
export function judge(
  answer: AuditAnswer,
  exceptions: readonly AuditException[],
  today: string,
): Verdict {
  const current = exceptions.filter((e) => e.reviewBy > today);
  const lines: string[] = [];
  for (const e of exceptions) {
    if (e.reviewBy <= today)
      lines.push(
        `Exception expired on ${e.reviewBy} (${e.advisory ?? 'audit endpoint unavailable'}): review it.`,
      );
  }
  if (answer.kind === 'unreadable') {
    lines.push(`pnpm audit answered something unexpected: ${answer.detail}`);
    return { ok: false, lines };
  }
  if (answer.kind === 'unavailable') {
    const excused = current.find((e) => e.endpointUnavailable === true);
    if (excused === undefined) {
      lines.push(`The audit endpoint could not be asked: ${answer.detail}`);
      return { ok: false, lines };
    }
    lines.push(
      `Audit endpoint unavailable (${answer.detail}); excused until ${excused.reviewBy}: ${excused.reason}`,
    );
    return { ok: true, lines };
  }
  let ok = true;
  for (const advisory of answer.advisories) {
    if (!BLOCKING.has(advisory.severity)) continue;
    const excused = current.find((e) => e.advisory === advisory.id);
    if (excused === undefined) {
      ok = false;
      lines.push(
        `${advisory.severity.toUpperCase()} ${advisory.module}: ${advisory.title} (${advisory.url})`,
      );
    } else {
      lines.push(`Excused until ${excused.reviewBy}: ${advisory.module} ${advisory.id}.`);
    }
  }
  const others = answer.advisories.filter((a) => !BLOCKING.has(a.severity)).length;
  lines.push(
    `${answer.advisories.length} advisories, ${answer.advisories.length - others} high or critical.`,
  );
  return { ok, lines };
}

/** pnpm audit --json's advisories (npm's v1 audit format), or null if the text is not that. */
export function readAuditJson(text: string): Advisory[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('advisories' in parsed)) return null;
  const advisories = parsed.advisories;
  if (typeof advisories !== 'object' || advisories === null) return null;
  return Object.values(advisories as Record<string, Record<string, unknown>>).map((a) => ({
    id: asText(a['github_advisory_id']) ?? asText(a['id']) ?? '?',
    module: asText(a['module_name']) ?? '?',
    severity:
      (['info', 'low', 'moderate', 'high', 'critical'] as const).find((s) => s === a['severity']) ??
      'critical',
    title: asText(a['title']) ?? '',
    url: asText(a['url']) ?? '',
  }));
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

const REGISTRY_UNREACHABLE =
  /ERR_PNPM_AUDIT_BAD_RESPONSE|ERR_PNPM_AUDIT_ENDPOINT|ETIMEDOUT|ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN/;

/** What pnpm audit's output says, whatever it printed. */
export function readAuditAnswer(stdout: string, stderr: string): AuditAnswer {
  const advisories = readAuditJson(stdout);
  if (advisories !== null) return { kind: 'advisories', advisories };
  const lines = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim());
  const reason = lines.find((l) => REGISTRY_UNREACHABLE.test(l));
  if (reason === undefined)
    return { kind: 'unreadable', detail: lines.find((l) => l !== '') ?? 'no output' };
  const status = lines.find((l) => /responded with \d{3}/.test(l)) ?? '';
  return { kind: 'unavailable', detail: `${reason} ${status}`.trim() };
}
