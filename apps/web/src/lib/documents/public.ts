import { RuleThresholdFields, graphql } from '#lib/graphql.ts';

export const PublicSessionQuery = graphql(
  `
    query PublicSession {
      currentExamSession {
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
    }
  `,
  [RuleThresholdFields],
);

export const LayoutQuery = graphql(`
  query Layout {
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

export const SetDemoClock = graphql(`
  mutation SetDemoClock($at: DateTime!) {
    setDemoClock(at: $at) {
      now
    }
  }
`);

export const CurrentSessionYearQuery = graphql(`
  query CurrentSessionYear {
    currentExamSession {
      year
    }
  }
`);

export const CandidateCalendarQuery = graphql(`
  query CandidateCalendar($token: String!) {
    candidateCalendar(token: $token) {
      year
      specialtyCode
      specialtyName
      firstGroupResultsAt
      choiceWindow {
        opensAt
        closesAt
      }
      oralDay
      secondGroupResultsAt
    }
  }
`);
