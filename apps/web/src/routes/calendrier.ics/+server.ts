import { error } from '@sveltejs/kit';
import { PublicSessionQuery } from '#lib/documents/public.ts';
import { SITE_PROD_ID, buildIcsCalendar } from '#lib/ics.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { sessionFeedEvents } from '#lib/session-feed.ts';
import type { RequestHandler } from './$types';

/** The session's public calendar, to subscribe to: no login, nothing personal. */
export const GET = (async ({ fetch }) => {
  const { currentExamSession: examSession } = await apiRequest(fetch, PublicSessionQuery, {}, null);
  if (examSession === null) error(404, 'Aucune session n’est encore définie.');
  const body = buildIcsCalendar({
    prodId: SITE_PROD_ID,
    name: `Épreuves de contrôle du BTS — session ${examSession.year}`,
    events: sessionFeedEvents(examSession, new Date()),
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="epreuves-de-controle-bts-${examSession.year}.ics"`,
      // Calendars poll the feed: a few minutes old is fine, and an amendment shows within them.
      'cache-control': 'public, max-age=300',
    },
  });
}) satisfies RequestHandler;
