import { error } from '@sveltejs/kit';
import { PublicSessionOfYearQuery, PublicSessionQuery } from '#lib/documents/public.ts';
import { SITE_PROD_ID, buildIcsCalendar } from '#lib/ics.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import { YEAR_PARAMETER } from '#lib/server/session-year.ts';
import { sessionFeedEvents } from '#lib/session-feed.ts';
import type { RequestHandler } from './$types';

/**
 * A session's public calendar, to subscribe to: no login, nothing personal.
 * Without a year it is the current session's, so a subscription moves on to
 * the next session; `?annee=2023` holds that year's alone.
 */
export const GET = (async ({ locals, url }) => {
  const asked = url.searchParams.get(YEAR_PARAMETER);
  const examSession =
    asked === null || asked === ''
      ? (await apiRequest(locals.api, PublicSessionQuery, {}, null)).currentExamSession
      : /^\d{4}$/.test(asked)
        ? (await apiRequest(locals.api, PublicSessionOfYearQuery, { year: Number(asked) }, null))
            .examSession
        : null;
  if (examSession === null) {
    error(404, asked ? 'Cette session n’existe pas.' : 'Aucune session n’est encore définie.');
  }
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
