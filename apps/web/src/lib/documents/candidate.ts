import {
  ChoiceHistoryFields,
  ControlChoiceFields,
  LayoutFields,
  RuleThresholdFields,
  graphql,
} from '#lib/graphql.ts';

/** The candidate's page, its frame included: one request to the API per page. */
export const CandidateSpaceQuery = graphql(
  `
    query CandidateSpace {
      ...LayoutFields
      clock {
        now
      }
      viewer {
        role
        candidate {
          number
          firstName
          lastName
          individual
          accommodation {
            extraPreparation
            accessibleRoomRequired
            note
          }
          calendarLink {
            createdAt
          }
          admissionListConsent {
            givenAt
          }
          resultWithheld
          attestationCode
          skillBlocksCertificatePath
          specialty {
            code
            name
            firstGroupResultsAt
            session {
              rules {
                thresholds {
                  ...RuleThresholdFields
                }
              }
            }
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
              exact
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
              room
              accommodation
              centre {
                name
                street
                postcode
                city
              }
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
  [LayoutFields, ControlChoiceFields, ChoiceHistoryFields, RuleThresholdFields],
);

export const CandidateConvocationsQuery = graphql(`
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
            accommodation
          }
        }
      }
    }
  }
`);

export const CandidateIdQuery = graphql(`
  query CandidateId {
    viewer {
      role
      candidate {
        id
      }
    }
  }
`);

export const ChooseControlTests = graphql(`
  mutation ChooseControlTests($candidateId: ID!, $testCodes: [String!]!) {
    chooseControlTests(candidateId: $candidateId, testCodes: $testCodes) {
      __typename
      ... on ControlChoice {
        channel
        enteredAt
      }
      ... on Error {
        code
        message
      }
      ... on ChoiceWindowNotOpen {
        opensAt
      }
      ... on ChoiceWindowClosed {
        closedAt
      }
    }
  }
`);

export const CreateCalendarLink = graphql(`
  mutation CreateCalendarLink {
    createCalendarLink {
      token
      createdAt
    }
  }
`);

export const RevokeCalendarLink = graphql(`
  mutation RevokeCalendarLink {
    revokeCalendarLink
  }
`);

/** The candidate's consent to the public list of admitted candidates, given or withdrawn. */
export const SetAdmissionListConsent = graphql(`
  mutation SetAdmissionListConsent($given: Boolean!) {
    setAdmissionListConsent(given: $given) {
      given
    }
  }
`);
