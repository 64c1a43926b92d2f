import { isRedirect } from '@sveltejs/kit';
import type { ResultOf, TadaDocumentNode } from 'gql.tada';
import { CandidateSpaceQuery } from '#lib/documents/candidate.ts';
import { LayoutQuery, PublicSessionQuery, SessionYearsQuery } from '#lib/documents/public.ts';
import { SchoolCandidateQuery } from '#lib/documents/school.ts';
import type { LayoutFields } from '#lib/graphql.ts';
import { sharedQuery } from '#lib/server/shared-query.ts';

type Frame = ResultOf<typeof LayoutFields>;
type Params = Readonly<Record<string, string>>;

/** A page's first query, when it carries the frame's fields (it spreads LayoutFields). */
interface FrameSource {
  readonly document: object;
  /** The query asks what only a session may (the API refuses it to anyone else). */
  readonly signedIn: boolean;
  ask(locals: App.Locals, params: Params): Promise<Frame>;
}

function frameSource<Variables extends Record<string, unknown>>(
  document: TadaDocumentNode<Frame, Variables>,
  variables: (params: Params) => Variables,
  { signedIn = false } = {},
): FrameSource {
  return {
    document,
    signedIn,
    ask: (locals, params) => sharedQuery(locals, document, variables(params)),
  };
}

const none = () => ({});
const LAYOUT_ONLY = frameSource(LayoutQuery, none);

/**
 * The pages whose first query spreads LayoutFields, by route, with the
 * variables the page asks it with: the layout takes its fields from that
 * query's answer, which the page shares, and the page then costs the API
 * one request fewer. Any other page's layout asks LayoutQuery. A page that
 * asks another year (`?annee=`) asks another query: the layout's is then
 * asked on its own, and still carries the frame.
 */
const PAGE_QUERIES: ReadonlyMap<string, FrameSource> = new Map([
  ['/', frameSource(PublicSessionQuery, none)],
  ['/admis', frameSource(PublicSessionQuery, none)],
  ['/admis/[specialite]', frameSource(SessionYearsQuery, none)],
  ['/candidat', frameSource(CandidateSpaceQuery, none)],
  ['/etablissement', frameSource(SessionYearsQuery, none)],
  [
    '/etablissement/candidats/[id]',
    frameSource(SchoolCandidateQuery, ({ id = '' }) => ({ id }), { signedIn: true }),
  ],
]);

/**
 * Without a session, a query only a session may ask is not asked: the API
 * would refuse it as an expired session, and the visitor would read « your
 * session has expired » instead of the page's own way to the log-in form.
 */
function frameSourceOf(routeId: string | null, token: string | null): FrameSource {
  const source = routeId === null ? undefined : PAGE_QUERIES.get(routeId);
  return source === undefined || (source.signedIn && token === null) ? LAYOUT_ONLY : source;
}

/** The query the layout of this route reads its fields from, with a session or without. */
export function frameQueryOf(routeId: string | null, token: string | null): object {
  return frameSourceOf(routeId, token).document;
}

/**
 * The frame's fields and nothing else: a page's answer carries far more
 * (a candidate's whole file), which must not be sent to the browser twice.
 */
export function frameOf({ viewer, clock }: Frame): Frame {
  return {
    viewer:
      viewer === null
        ? null
        : {
            identifier: viewer.identifier,
            role: viewer.role,
            mustChangePassword: viewer.mustChangePassword,
            candidate:
              viewer.candidate === null
                ? null
                : { firstName: viewer.candidate.firstName, lastName: viewer.candidate.lastName },
            school: viewer.school === null ? null : { name: viewer.school.name },
            academy: viewer.academy === null ? null : { name: viewer.academy.name },
          },
    clock: { now: clock.now, demo: clock.demo },
  };
}

/**
 * The layout's data. The route and its parameters are read untracked: a
 * client-side navigation (to another candidate too) does not load the
 * layout again (its viewer stays the one it had), as before the frame
 * could come with the page. When the page's query fails
 * (an error the page will show), the layout asks its own: a root layout
 * that fails has no frame to show the error page in, and SvelteKit would
 * fall back to its bare error page. A redirect (session expired, password
 * to change) holds for the layout as for the page.
 */
export async function loadFrame(event: {
  locals: App.Locals;
  route: { id: string | null };
  params: Params;
  untrack: <T>(fn: () => T) => T;
}): Promise<Frame> {
  const { source, params } = event.untrack(() => ({
    source: frameSourceOf(event.route.id, event.locals.token),
    params: event.params,
  }));
  try {
    return frameOf(await source.ask(event.locals, params));
  } catch (failure) {
    if (source === LAYOUT_ONLY || isRedirect(failure)) throw failure;
    return frameOf(await sharedQuery(event.locals, LayoutQuery));
  }
}
