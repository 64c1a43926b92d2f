import { LayoutFields, PublicSessionFields, graphql } from '#lib/graphql.ts';

/** The current session (its calendar contains now, else the latest defined), and every year defined. */
export const PublicSessionQuery = graphql(
  `
    query PublicSession {
      ...LayoutFields
      currentExamSession {
        ...PublicSessionFields
      }
      examSessions {
        year
      }
    }
  `,
  [LayoutFields, PublicSessionFields],
);

/** A session asked for by its year, and every year defined. */
export const PublicSessionOfYearQuery = graphql(
  `
    query PublicSessionOfYear($year: Int!) {
      examSession(year: $year) {
        ...PublicSessionFields
      }
      currentExamSession {
        year
      }
      examSessions {
        year
      }
    }
  `,
  [PublicSessionFields],
);

/** The frame of a page whose own query does not carry it. */
export const LayoutQuery = graphql(
  `
    query Layout {
      ...LayoutFields
    }
  `,
  [LayoutFields],
);

export const SetDemoClock = graphql(`
  mutation SetDemoClock($at: DateTime!) {
    setDemoClock(at: $at) {
      now
    }
  }
`);

/** The current session's year and every year defined, with the page's frame. */
export const SessionYearsQuery = graphql(
  `
    query SessionYears {
      ...LayoutFields
      currentExamSession {
        year
      }
      examSessions {
        year
      }
    }
  `,
  [LayoutFields],
);

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

/** One specialty's public list of admitted candidates (names of those who consented). */
export const AdmissionListQuery = graphql(`
  query AdmissionList($year: Int!, $specialtyCode: String!) {
    admissionList(year: $year, specialtyCode: $specialtyCode) {
      year
      specialtyCode
      specialtyName
      firstGroupResultsAt
      secondGroupResultsAt
      complete
      names {
        lastName
        firstName
      }
    }
  }
`);

/** The public check of an attestation de réussite: its holder, or null (« inconnu »). */
export const VerifyAttestationQuery = graphql(`
  query VerifyAttestation($code: String!) {
    verifyAttestation(code: $code) {
      lastName
      firstName
      specialtyName
      year
    }
  }
`);
