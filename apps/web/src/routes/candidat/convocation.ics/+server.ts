import { error } from '@sveltejs/kit';
import { formatParisTime } from '@rattrapage/domain';
import { SITE_PROD_ID, buildIcsCalendar, convocationUid } from '#lib/ics.ts';
import { loadCandidateConvocations } from '#lib/server/candidate-query.ts';
import type { RequestHandler } from './$types';

/** The candidate's convocations as an iCalendar file: one event per oral, from the start of the preparation. */
export const GET = (async ({ locals }) => {
  const { now, candidate } = await loadCandidateConvocations(locals);
  const convocations = candidate.control?.convocations ?? [];
  if (convocations.length === 0) error(404, 'Votre convocation n’est pas encore disponible.');
  const body = buildIcsCalendar({
    prodId: SITE_PROD_ID,
    name: 'Épreuves de contrôle du BTS',
    events: convocations.map((c) => ({
      uid: convocationUid(candidate.number, c.test.code),
      stamp: new Date(now),
      start: new Date(c.preparationStartsAt),
      end: new Date(c.endsAt),
      summary: `Épreuve de contrôle du BTS : ${c.test.code} — ${c.test.name}`,
      description:
        `BTS ${candidate.specialty.name} — ${candidate.firstName} ${candidate.lastName}, candidat n° ${candidate.number}.\n` +
        `La préparation commence à ${formatParisTime(new Date(c.preparationStartsAt))} ; ` +
        `l’oral commence à ${formatParisTime(new Date(c.startsAt))} et se termine à ${formatParisTime(new Date(c.endsAt))} (heure de Paris).\n` +
        (c.accommodation === null ? '' : `${c.accommodation}\n`) +
        'Présentez-vous au début de la préparation.',
      location: c.place,
    })),
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="convocation-bts-${candidate.number.replace(/[^\w-]/g, '')}.ics"`,
      'cache-control': 'private, no-store',
    },
  });
}) satisfies RequestHandler;
