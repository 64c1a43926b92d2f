import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { CandidateSpaceQuery } from '#lib/documents/candidate.ts';
import {
  AdmissionListQuery,
  LayoutQuery,
  PublicSessionQuery,
  SessionYearsQuery,
} from '#lib/documents/public.ts';
import {
  SchoolCandidateQuery,
  SchoolCandidatesQuery,
  SchoolSpecialtiesQuery,
} from '#lib/documents/school.ts';
import type { ApiPost } from '#lib/server/api-transport.ts';
import { candidate as candidateOf } from '#lib/server/candidate-space.fixture.ts';
import { trustedDocument } from '#lib/server/document-id.ts';
import { sharedQuery } from '#lib/server/shared-query.ts';
import { load as layoutLoad } from '../../routes/+layout.server.ts';
import { load as homePageLoad } from '../../routes/+page.server.ts';
import { load as admittedPageLoad } from '../../routes/admis/+page.server.ts';
import { load as admittedListPageLoad } from '../../routes/admis/[specialite]/+page.server.ts';
import { load as candidatePageLoad } from '../../routes/candidat/+page.server.ts';
import { load as schoolPageLoad } from '../../routes/etablissement/+page.server.ts';
import { load as schoolCandidatePageLoad } from '../../routes/etablissement/candidats/[id]/+page.server.ts';
import { frameOf, frameQueryOf } from './layout-data.ts';

const NOW = '2024-06-29T07:00:00.000Z';

const frameViewer = {
  identifier: '02419000001',
  role: 'CANDIDATE' as const,
  mustChangePassword: false,
  school: null,
  academy: null,
};

const candidate = candidateOf();

/**
 * The API as the web sees it: an answer per document id, or a GraphQL error
 * with that code, every request counted.
 */
function fakeApi(
  answers: ReadonlyMap<string, unknown>,
  failures: ReadonlyMap<string, string> = new Map(),
) {
  return vi.fn<ApiPost>((body) => {
    const { documentId } = JSON.parse(body) as { documentId: string };
    const code = failures.get(documentId);
    const answer =
      code === undefined
        ? { data: answers.get(documentId) }
        : { errors: [{ message: 'refusé', extensions: { code } }] };
    return Promise.resolve(JSON.stringify(answer));
  });
}

const sentIds = (api: ReturnType<typeof fakeApi>) =>
  api.mock.calls.map(([body]) => (JSON.parse(body) as { documentId: string }).documentId);

/** One request to the web: its layout and its page loaded side by side, as SvelteKit does. */
function requestEvent(
  route: string,
  api: ApiPost,
  token: string | null,
  params: Record<string, string> = {},
) {
  return {
    locals: { token, answers: new Map(), api },
    route: { id: route },
    untrack: vi.fn(<T>(fn: () => T) => fn()),
    url: new URL(`http://localhost${route}`),
    params,
    setHeaders: () => undefined,
  };
}

/** The layout and a page of one request, the page waiting on the layout as `parent()`. */
function loadWithParent(
  event: ReturnType<typeof requestEvent>,
  pageLoad: (event: never) => unknown,
) {
  const layout = layoutLoad(event as unknown as Parameters<typeof layoutLoad>[0]);
  const page = pageLoad({ ...event, parent: () => layout } as never);
  return { layout, page };
}

function loadPage(routeId: string, api: ApiPost, token: string | null) {
  const event = requestEvent(routeId, api, token);
  const layout = layoutLoad(event as unknown as Parameters<typeof layoutLoad>[0]);
  const page = candidatePageLoad(event as unknown as Parameters<typeof candidatePageLoad>[0]);
  return { layout, page, untrack: event.untrack };
}

describe('the frame of a page (header, demo notice)', () => {
  const space = trustedDocument(CandidateSpaceQuery).id;
  const layoutOnly = trustedDocument(LayoutQuery).id;

  it('comes with the candidate’s page query: one request to the API for the page', async () => {
    const api = fakeApi(
      new Map([
        [
          space,
          {
            clock: { now: NOW, demo: false },
            viewer: { ...frameViewer, candidate },
          },
        ],
      ]),
    );
    const { layout, page } = loadPage('/candidat', api, 'rs_token');
    const [frame, data] = await Promise.all([layout, page]);
    expect(sentIds(api)).toEqual([space]);
    // Only the frame's fields: the candidate's file is the page's data, not sent twice.
    expect(frame).toEqual({
      viewer: {
        ...frameViewer,
        candidate: { firstName: 'Océane', lastName: 'André' },
      },
      clock: { now: NOW, demo: false },
    });
    expect(data.candidate.number).toBe('02419000001');
  });

  it('still shows who is logged in when the page refuses them (a school on the candidate’s page)', async () => {
    const school = { ...frameViewer, role: 'SCHOOL', school: { name: 'Lycée Roosevelt' } };
    const api = fakeApi(
      new Map([
        [space, { clock: { now: NOW, demo: true }, viewer: { ...school, candidate: null } }],
      ]),
    );
    const { layout, page } = loadPage('/candidat', api, 'rs_token');
    const refusal = await page.catch((e: unknown) => e);
    expect(isHttpError(refusal) && refusal.status).toBe(403);
    expect(await layout).toEqual({
      viewer: { ...school, candidate: null },
      clock: { now: NOW, demo: true },
    });
    expect(sentIds(api)).toEqual([space]);
  });

  it('is asked on its own for a page whose query does not carry it', async () => {
    expect(frameQueryOf('/mentions-legales', 'rs_token')).toBe(LayoutQuery);
    expect(frameQueryOf('/etablissement/candidats/[id]', 'rs_token')).toBe(SchoolCandidateQuery);
    expect(frameQueryOf('/etablissement/candidats/[id]', null)).toBe(LayoutQuery);
    expect(frameQueryOf(null, 'rs_token')).toBe(LayoutQuery);
    expect(frameQueryOf('/candidat', 'rs_token')).toBe(CandidateSpaceQuery);
    const api = fakeApi(
      new Map([[layoutOnly, { clock: { now: NOW, demo: false }, viewer: null }]]),
    );
    const frame = await layoutLoad(
      requestEvent('/mentions-legales', api, null) as unknown as Parameters<typeof layoutLoad>[0],
    );
    expect(frame).toEqual({ viewer: null, clock: { now: NOW, demo: false } });
    expect(sentIds(api)).toEqual([layoutOnly]);
  });

  it('reads the route untracked: navigating in the browser does not load the frame again', async () => {
    const api = fakeApi(
      new Map([
        [space, { clock: { now: NOW, demo: false }, viewer: { ...frameViewer, candidate } }],
      ]),
    );
    const { layout, page, untrack } = loadPage('/candidat', api, 'rs_token');
    await Promise.all([layout, page]);
    expect(untrack).toHaveBeenCalledOnce();
  });

  it('keeps no field a page query adds to the viewer', () => {
    const frame = frameOf({
      viewer: {
        ...frameViewer,
        candidate,
        school: { name: 'Lycée', id: 'x' } as { name: string },
        academy: { name: 'Reims', code: 'REIMS' } as { name: string },
      },
      clock: { now: NOW, demo: false, zone: 'Europe/Paris' } as { now: string; demo: boolean },
    });
    // Strict: a field more anywhere fails.
    expect(frame).toStrictEqual({
      viewer: {
        ...frameViewer,
        candidate: { firstName: 'Océane', lastName: 'André' },
        school: { name: 'Lycée' },
        academy: { name: 'Reims' },
      },
      clock: { now: NOW, demo: false },
    });
  });

  const idOf = (document: Parameters<typeof trustedDocument>[0]) => trustedDocument(document).id;
  const years = { currentExamSession: { year: 2024 }, examSessions: [{ year: 2024 }] };
  const anonymousFrame = { clock: { now: NOW, demo: false }, viewer: null };
  const schoolFrame = {
    clock: { now: NOW, demo: false },
    viewer: {
      ...frameViewer,
      role: 'SCHOOL',
      candidate: null,
      school: { name: 'Lycée Roosevelt' },
    },
  };
  type AnyLoad = (event: never) => unknown;
  const SCHOOL_CANDIDATE_ID = 'Q2FuZGlkYXRlOjE=';
  const schoolCandidate = {
    id: SCHOOL_CANDIDATE_ID,
    number: '02419000002',
    firstName: 'Jules',
    lastName: 'Bernard',
    individual: false,
    originAcademy: { name: 'Reims' },
    school: { name: 'Lycée Roosevelt' },
    specialty: { code: 'MCO', name: 'Management commercial opérationnel' },
    resultWithheld: false,
    firstGroup: { outcome: 'CONTROL_ALLOWED', publishedAt: NOW },
    control: null,
  };

  it.each<{
    route: string;
    pageLoad: AnyLoad;
    params?: Record<string, string>;
    frame: unknown;
    answers: [string, unknown][];
  }>([
    {
      route: '/',
      pageLoad: homePageLoad,
      frame: anonymousFrame,
      answers: [[idOf(PublicSessionQuery), { ...anonymousFrame, ...years }]],
    },
    {
      route: '/admis',
      pageLoad: admittedPageLoad,
      frame: anonymousFrame,
      answers: [[idOf(PublicSessionQuery), { ...anonymousFrame, ...years }]],
    },
    {
      route: '/admis/[specialite]',
      pageLoad: admittedListPageLoad,
      params: { specialite: 'MCO' },
      frame: anonymousFrame,
      answers: [
        [idOf(SessionYearsQuery), { ...anonymousFrame, ...years }],
        [idOf(AdmissionListQuery), { admissionList: { year: 2024, names: [] } }],
      ],
    },
    {
      route: '/etablissement',
      pageLoad: schoolPageLoad,
      frame: schoolFrame,
      answers: [
        [idOf(SessionYearsQuery), { ...schoolFrame, ...years }],
        [
          idOf(SchoolCandidatesQuery),
          {
            candidates: {
              totalCount: 0,
              pageInfo: { hasNextPage: false, endCursor: null },
              edges: [],
            },
          },
        ],
        [idOf(SchoolSpecialtiesQuery), { examSession: { specialties: [] } }],
      ],
    },
    {
      route: '/etablissement/candidats/[id]',
      pageLoad: schoolCandidatePageLoad,
      params: { id: SCHOOL_CANDIDATE_ID },
      frame: schoolFrame,
      answers: [[idOf(SchoolCandidateQuery), { ...schoolFrame, candidate: schoolCandidate }]],
    },
  ])(
    'comes with the first query of $route, asked once for the layout and the page',
    async ({ route, pageLoad, params = {}, frame, answers }) => {
      const api = fakeApi(new Map(answers));
      const event = requestEvent(route, api, 'rs_token', params);
      const { layout, page } = loadWithParent(event, pageLoad);
      expect(await layout).toEqual(frame);
      await expect(page).resolves.toBeTypeOf('object');
      // Each document once, the frame's among them, never the layout's own.
      const sent = sentIds(api);
      expect([...sent].sort()).toEqual(answers.map(([id]) => id).sort());
      expect(sent).not.toContain(layoutOnly);
    },
  );

  it('is asked on its own when the page’s query fails, so that the error page keeps its frame', async () => {
    const api = fakeApi(
      new Map([[layoutOnly, anonymousFrame]]),
      new Map([[idOf(PublicSessionQuery), 'INTERNAL_SERVER_ERROR']]),
    );
    const event = requestEvent('/', api, null);
    const layout = layoutLoad(event as unknown as Parameters<typeof layoutLoad>[0]);
    const page = homePageLoad(event as unknown as Parameters<typeof homePageLoad>[0]);
    const failure = await Promise.resolve(page).catch((e: unknown) => e);
    expect(isHttpError(failure) && failure.status).toBe(502);
    expect(await layout).toEqual(anonymousFrame);
    expect(sentIds(api)).toEqual([idOf(PublicSessionQuery), layoutOnly]);
  });

  it('asks the school’s candidate with the page’s own variables, and another candidate apart', async () => {
    const api = fakeApi(
      new Map([[idOf(SchoolCandidateQuery), { ...schoolFrame, candidate: schoolCandidate }]]),
    );
    const event = requestEvent('/etablissement/candidats/[id]', api, 'rs_token', {
      id: SCHOOL_CANDIDATE_ID,
    });
    const { layout, page } = loadWithParent(event, schoolCandidatePageLoad);
    await Promise.all([layout, page]);
    const variablesSent = () =>
      api.mock.calls.map(([body]) => (JSON.parse(body) as { variables: unknown }).variables);
    expect(variablesSent()).toEqual([{ id: SCHOOL_CANDIDATE_ID }]);
    // The same document with another candidate is another question.
    await sharedQuery(event.locals, SchoolCandidateQuery, { id: 'Q2FuZGlkYXRlOjI=' });
    expect(variablesSent()).toEqual([{ id: SCHOOL_CANDIDATE_ID }, { id: 'Q2FuZGlkYXRlOjI=' }]);
  });

  it('shows a malformed candidate address as not found, and the layout asks its own frame', async () => {
    const api = fakeApi(
      new Map([[layoutOnly, schoolFrame]]),
      new Map([[idOf(SchoolCandidateQuery), 'BAD_USER_INPUT']]),
    );
    const event = requestEvent('/etablissement/candidats/[id]', api, 'rs_token', {
      id: '<script>',
    });
    const { layout, page } = loadWithParent(event, schoolCandidatePageLoad);
    const failure = await Promise.resolve(page).catch((e: unknown) => e);
    expect(isHttpError(failure) && failure.status).toBe(404);
    expect(await layout).toEqual(schoolFrame);
    expect(sentIds(api)).toEqual([idOf(SchoolCandidateQuery), layoutOnly]);
  });

  it('sends a visitor without a session to the log-in form, not to « session expired »', async () => {
    const api = fakeApi(
      new Map([[layoutOnly, anonymousFrame]]),
      // What the API answers a query only a session may ask, when asked without one.
      new Map([[idOf(SchoolCandidateQuery), 'UNAUTHENTICATED']]),
    );
    const event = requestEvent('/etablissement/candidats/[id]', api, null, {
      id: SCHOOL_CANDIDATE_ID,
    });
    const { layout, page } = loadWithParent(event, schoolCandidatePageLoad);
    expect(await layout).toEqual(anonymousFrame);
    const failure = await Promise.resolve(page).catch((e: unknown) => e);
    expect(isRedirect(failure) && failure.location).toBe('/connexion');
    expect(sentIds(api)).toEqual([layoutOnly]);
  });

  it('follows the page’s redirect when the session has expired, without asking again', async () => {
    const api = fakeApi(new Map(), new Map([[space, 'UNAUTHENTICATED']]));
    const { layout, page } = loadPage('/candidat', api, 'rs_expired');
    for (const load of [layout, page]) {
      const failure = await Promise.resolve(load).catch((e: unknown) => e);
      expect(isRedirect(failure) && failure.location).toBe('/connexion?expire=1');
    }
    expect(sentIds(api)).toEqual([space]);
  });
});
