import { error, redirect } from '@sveltejs/kit';
import { ControlChoiceFields, graphql } from '#lib/graphql.ts';
import { apiRequest } from '#lib/server/api-client.ts';

export const CandidateSpaceQuery = graphql(
  `
    query CandidateSpace {
      clock {
        now
      }
      viewer {
        role
        candidate {
          id
          number
          firstName
          lastName
          individual
          specialty {
            code
            name
            choiceWindow {
              opensAt
              closesAt
            }
            firstGroupResultsAt
          }
          firstGroup {
            outcome
            reason
            overallAverage {
              display
              exact
            }
            professionalAverage {
              display
            }
            marks {
              test {
                code
                name
                coefficient
              }
              mark {
                display
              }
              status
            }
            publishedAt
          }
          control {
            window {
              opensAt
              closesAt
              isOpen
            }
            eligibleTests {
              code
              name
            }
            choice {
              ...ControlChoiceFields
            }
            options {
              tests {
                code
                name
              }
              reachable
              minimumMarkInBoth {
                display
              }
            }
            convocations {
              test {
                code
                name
              }
              preparationStartsAt
              startsAt
              endsAt
              place
            }
          }
          finalResult {
            outcome
            overallAverage {
              display
            }
            marks {
              test {
                code
                name
              }
              mark {
                display
              }
              status
            }
            controlMarks {
              test {
                code
                name
              }
              mark {
                display
              }
              status
            }
            publishedAt
          }
        }
      }
    }
  `,
  [ControlChoiceFields],
);

const CandidateConvocationsQuery = graphql(`
  query CandidateConvocations {
    clock {
      now
    }
    viewer {
      role
      candidate {
        number
        firstName
        lastName
        specialty {
          code
          name
        }
        control {
          convocations {
            test {
              code
              name
            }
            preparationStartsAt
            startsAt
            endsAt
            place
          }
        }
      }
    }
  }
`);

const CandidateIdQuery = graphql(`
  query CandidateId {
    viewer {
      role
      candidate {
        id
      }
    }
  }
`);

/**
 * The candidate space is for candidates only: not logged in → log-in page;
 * another role → 403.
 */
function requireCandidate<C>(viewer: { role: string; candidate: C | null } | null): NonNullable<C> {
  if (viewer === null) redirect(303, '/connexion');
  if (viewer.role !== 'CANDIDATE' || viewer.candidate === null || viewer.candidate === undefined) {
    error(403, 'Cet espace est réservé aux candidats.');
  }
  return viewer.candidate;
}

export async function loadCandidateSpace(fetcher: typeof fetch, token: string | null) {
  if (token === null) redirect(303, '/connexion');
  const data = await apiRequest(fetcher, CandidateSpaceQuery, {}, token);
  return { now: data.clock.now, candidate: requireCandidate(data.viewer) };
}

export async function loadCandidateConvocations(fetcher: typeof fetch, token: string | null) {
  if (token === null) redirect(303, '/connexion');
  const data = await apiRequest(fetcher, CandidateConvocationsQuery, {}, token);
  return { now: data.clock.now, candidate: requireCandidate(data.viewer) };
}

export async function loadCandidateId(
  fetcher: typeof fetch,
  token: string | null,
): Promise<string> {
  if (token === null) redirect(303, '/connexion');
  const data = await apiRequest(fetcher, CandidateIdQuery, {}, token);
  return requireCandidate(data.viewer).id;
}
