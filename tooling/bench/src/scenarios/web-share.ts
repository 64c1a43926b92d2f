import type { LoadRequest, ServerLoad } from '../load/load-plan.ts';
import { type ServerProcess, buildWeb, startWeb } from '../processes/http-server-process.ts';
import {
  type Figure,
  MB,
  type ScenarioResult,
  loadFigure,
  ratioOf,
  totalCpuMs,
} from '../report/scenario-result.ts';
import { type BenchContext, type LoadShape, compareServers } from './bench-context.ts';
import { sampleFailures } from './candidate-reads.ts';
import { webRequest } from './documents.ts';

/** The web's session cookie (apps/web/src/lib/server/session.ts): it carries the API session token. */
const SESSION_COOKIE = 'rattrapage_session';
/** The bound: the web adds at most half the API's cost to a page. */
const WEB_SHARE_LIMIT = 0.5;

/**
 * The candidate's page as a browser asks for it: the session cookie the
 * web's log-in action sets holds the API token, so a cookie made from a
 * token opened by the bench is the web's own log-in, minus the password.
 */
function pageRequests(tokens: readonly string[]): LoadRequest[] {
  return tokens.map((token) => ({
    method: 'GET',
    headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' },
    body: '',
  }));
}

export interface WebShare {
  /** Web process CPU per page, ms. */
  readonly webMs: number;
  /** API and PostgreSQL CPU per page served through the web, ms (the page's two API requests). */
  readonly behindWebMs: number;
  /** API and PostgreSQL CPU per read of the same data, asked of the API alone, ms. */
  readonly apiAloneMs: number;
  /** What a page costs in all above the API read alone, as a share of it (0.5 = 50 %). */
  readonly added: number;
}

/**
 * What the web adds to a page: everything the page costs (the web process,
 * and the API and PostgreSQL behind it, whatever it asks of them) against the
 * API's read of the same data alone, by CPU per page.
 */
export function webShare(
  throughWeb: { readonly webCpuMs: number; readonly behindWebMs: number },
  apiAloneMs: number,
): WebShare {
  const total = throughWeb.webCpuMs + throughWeb.behindWebMs;
  return {
    webMs: throughWeb.webCpuMs,
    behindWebMs: throughWeb.behindWebMs,
    apiAloneMs,
    added: ratioOf(total, apiAloneMs) - 1,
  };
}

/** CPU seconds of a measured run per successful request, ms. */
function perOk(run: ServerLoad, seconds: number | null | undefined): number {
  return run.load.ok === 0 || seconds == null ? Number.NaN : (seconds * 1000) / run.load.ok;
}

const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

/**
 * Row 11 (issue #13 item 8): the candidate's page (/candidat) rendered by
 * the SvelteKit server, which asks the API for it (one query, the page's
 * frame included), against the API answering that query alone, in turns,
 * the same sessions on both sides.
 */
export async function webShareScenario(
  ctx: BenchContext,
  api: ServerProcess,
  tokens: readonly string[],
  data: string,
): Promise<ScenarioResult> {
  ctx.progress('web share: building the web (vite build, adapter-node)');
  await buildWeb(ctx.workDir);
  const web = await startWeb('web', api, '/candidat', ctx.workDir);
  try {
    const common = {
      connections: ctx.options.readConnections,
      timeoutSeconds: 10,
      slowMs: 2000,
    };
    const pages: LoadShape = {
      ...common,
      // The caption of the marks table: only a page that shows the candidate's results has it.
      okMarker: 'Vos notes du premier groupe',
      requests: pageRequests(tokens),
    };
    const reads: LoadShape = {
      ...common,
      okMarker: '"outcome":"',
      requests: tokens.map((token) => webRequest('CandidateSpace', {}, token)),
    };
    ctx.progress(
      `web share: /candidat through the web and the API's read alone in turn, ${common.connections} connections`,
    );
    const { a: throughWeb, b: alone } = await compareServers(
      ctx,
      { servers: [web], shape: pages, alsoWatched: [api] },
      { servers: [api], shape: reads },
    );
    const apiAlone = loadFigure('API read alone', alone);
    const share = webShare(
      {
        webCpuMs: perOk(throughWeb, throughWeb.cpuSeconds[0]),
        behindWebMs:
          perOk(throughWeb, throughWeb.cpuSeconds[1]) +
          perOk(throughWeb, throughWeb.databaseCpuSeconds),
      },
      totalCpuMs(apiAlone),
    );
    const subject: Figure = {
      ...loadFigure('web /candidat', throughWeb, 'pages/s'),
      cpuMsPerRequest: share.webMs,
      peakRssMb: (throughWeb.peakRss[0] ?? Number.NaN) / MB,
    };
    const failed = (subject.errors ?? 0) + (apiAlone.errors ?? 0);
    return {
      id: 'web-share',
      title: 'The web’s share of a candidate page',
      data,
      subject,
      peer: apiAlone,
      ratio: ratioOf(subject.value, apiAlone.value),
      target: `the web adds ≤ ${percent(WEB_SHARE_LIMIT)} to the API’s CPU per page`,
      checks: [
        {
          label: `a page costs ≤ ${1 + WEB_SHARE_LIMIT} × the API's read alone (CPU, every process)`,
          met: share.added <= WEB_SHARE_LIMIT,
        },
        { label: 'no failed request', met: failed === 0 },
      ],
      notes: [
        `The web adds ${percent(share.added)}: per page, web ${share.webMs.toFixed(2)} ms + API and PostgreSQL behind it ${share.behindWebMs.toFixed(2)} ms (every request the page makes of it), against ${share.apiAloneMs.toFixed(2)} ms for the page's query asked of the API alone (API ${(apiAlone.cpuMsPerRequest ?? Number.NaN).toFixed(2)} + PostgreSQL ${(apiAlone.databaseCpuMsPerRequest ?? Number.NaN).toFixed(2)} ms).`,
        `The web process alone is ${percent(ratioOf(share.webMs, share.apiAloneMs))} of the API's read; its peak RSS ${(subject.peakRssMb ?? Number.NaN).toFixed(0)} MB.`,
        'Both sides send the web’s own CandidateSpace document by its id; the page comes from the production build (adapter-node), logged in by its session cookie.',
        ...sampleFailures(throughWeb.load.sampleFailure, alone.load.sampleFailure),
      ],
      raw: { web: throughWeb, apiAlone: alone, share },
    };
  } finally {
    await web.process.stop();
  }
}
