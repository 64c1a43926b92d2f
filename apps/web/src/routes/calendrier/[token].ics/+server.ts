import { error } from '@sveltejs/kit';
import { CandidateCalendarQuery } from '#lib/documents/public.ts';
import { SITE_PROD_ID, buildIcsCalendar } from '#lib/ics.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { candidateFeedEvents } from '#lib/session-feed.ts';
import type { RequestHandler } from './$types';

/**
 * A candidate's calendar, for a calendar application that cannot log in:
 * the secret in the address opens it. An unknown, revoked or malformed
 * secret gets one and the same 404, whichever it is.
 */
export const GET = (async ({ locals, params }) => {
  const { candidateCalendar: calendar } = await apiRequest(
    locals.api,
    CandidateCalendarQuery,
    { token: params.token },
    null,
  );
  if (calendar === null) error(404, 'Page introuvable.');
  const body = buildIcsCalendar({
    prodId: SITE_PROD_ID,
    name: `Mes épreuves de contrôle — BTS ${calendar.specialtyCode} ${calendar.year}`,
    events: candidateFeedEvents(calendar, new Date()),
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="mes-epreuves-de-controle-${calendar.year}.ics"`,
      // Personal: no shared cache keeps it, no search engine lists it, no link leaks it onwards.
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex, nofollow',
      'referrer-policy': 'no-referrer',
    },
  });
}) satisfies RequestHandler;
