import { graphql } from '#lib/graphql.ts';

export const LogIn = graphql(`
  mutation LogIn($identifier: String!, $password: String!) {
    logIn(identifier: $identifier, password: $password) {
      __typename
      ... on Session {
        token
        account {
          role
          mustChangePassword
        }
      }
      ... on Error {
        code
        message
      }
      ... on TooManyAttempts {
        retryAfter
      }
    }
  }
`);

export const LogOut = graphql(`
  mutation LogOut {
    logOut
  }
`);

export const ChangePassword = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      __typename
      ... on Session {
        token
        account {
          role
        }
      }
      ... on Error {
        message
      }
      ... on WeakPassword {
        problems
      }
    }
  }
`);

export const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      __typename
      ... on Session {
        token
        account {
          role
        }
      }
      ... on Error {
        message
      }
      ... on WeakPassword {
        problems
      }
      ... on TooManyAttempts {
        retryAfter
      }
    }
  }
`);

export const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($identifier: String!) {
    requestPasswordReset(identifier: $identifier)
  }
`);
