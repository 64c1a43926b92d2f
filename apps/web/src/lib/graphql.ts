import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL documents, checked against the API's committed schema
 * (apps/api/schema.graphql): the web knows the API only through it.
 */
export const graphql = initGraphQLTada<{
  // Fragments share selections, not privacy: their fields read directly.
  disableMasking: true;
  introspection: introspection;
  scalars: { DateTime: string; Date: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

/** A recorded choice as every page shows it: the tests, who entered it, when, where. */
export const ControlChoiceFields = graphql(`
  fragment ControlChoiceFields on ControlChoice {
    channel
    enteredAt
    enteredBy
    recordedLate
    lateReason
    tests {
      code
      name
    }
  }
`);

/** A session's thresholds, as the rules page and the candidate's explanations quote them. */
export const RuleThresholdFields = graphql(`
  fragment RuleThresholdFields on RuleThresholds {
    admitted {
      hundredths
    }
    control {
      hundredths
    }
    professional {
      hundredths
    }
  }
`);

export const ChoiceHistoryFields = graphql(`
  fragment ChoiceHistoryFields on ChoiceHistoryEntry {
    enteredAt
    authorRole
    recordedLate
    lateReason
    tests {
      code
      name
    }
  }
`);

/**
 * What every page's frame shows (the header's account, the demo notice):
 * the layout asks it alone, or within the page's own query where that
 * query spreads it (#lib/server/layout-data.ts).
 */
export const LayoutFields = graphql(`
  fragment LayoutFields on Query {
    viewer {
      identifier
      role
      mustChangePassword
      candidate {
        firstName
        lastName
      }
      school {
        name
      }
      academy {
        name
      }
    }
    clock {
      now
      demo
    }
  }
`);

/** A session's public page: its calendar and its rules. */
export const PublicSessionFields = graphql(
  `
    fragment PublicSessionFields on ExamSession {
      year
      secondGroupResultsAt
      rules {
        name
        texts
        thresholds {
          ...RuleThresholdFields
        }
        absentAtControlOral
        oralDuration {
          preparationMinutes
          oralMinutes
        }
        languageOralDuration {
          preparationMinutes
          oralMinutes
        }
      }
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
  `,
  [RuleThresholdFields],
);
