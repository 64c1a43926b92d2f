import { graphql } from '#lib/graphql.ts';

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
