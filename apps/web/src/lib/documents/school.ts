import { ChoiceHistoryFields, ControlChoiceFields, LayoutFields, graphql } from '#lib/graphql.ts';

export const SchoolCandidatesQuery = graphql(
  `
    query SchoolCandidates($year: Int!, $filter: CandidateFilter, $first: Int!, $after: String) {
      candidates(year: $year, filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            number
            firstName
            lastName
            individual
            specialty {
              code
              name
            }
            resultWithheld
            firstGroup {
              outcome
            }
            control {
              window {
                isOpen
              }
              choice {
                ...ControlChoiceFields
              }
            }
          }
        }
      }
    }
  `,
  [ControlChoiceFields],
);

export const SchoolSpecialtiesQuery = graphql(`
  query SchoolSpecialties($year: Int!) {
    examSession(year: $year) {
      specialties {
        code
        name
      }
    }
  }
`);

export const SchoolViewerQuery = graphql(`
  query SchoolViewer {
    viewer {
      role
      identifier
      school {
        name
        uai
      }
    }
  }
`);

export const SchoolCandidateQuery = graphql(
  `
    query SchoolCandidate($id: ID!) {
      ...LayoutFields
      candidate(id: $id) {
        id
        number
        firstName
        lastName
        individual
        originAcademy {
          name
        }
        school {
          name
        }
        specialty {
          code
          name
        }
        resultWithheld
        firstGroup {
          outcome
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
          choiceHistory {
            ...ChoiceHistoryFields
          }
        }
      }
    }
  `,
  [LayoutFields, ControlChoiceFields, ChoiceHistoryFields],
);
