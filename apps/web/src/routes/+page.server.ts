import { graphql } from '#lib/graphql.ts';
import { apiRequest } from '#lib/server/api-client.ts';
import type { PageServerLoad } from './$types';

const SessionQuery = graphql(`
  query PublicSession($year: Int!) {
    examSession(year: $year) {
      year
      secondGroupResultsAt
      specialties {
        code
        name
        pilotAcademy {
          name
        }
        firstGroupResultsAt
        choiceWindow {
          opensAt
          closesAt
        }
        oralDays {
          academy {
            code
            name
          }
          date
        }
      }
    }
  }
`);

export const load = (async ({ fetch, locals }) => {
  const { examSession } = await apiRequest(fetch, SessionQuery, { year: 2024 }, locals.token);
  return { session: examSession };
}) satisfies PageServerLoad;
