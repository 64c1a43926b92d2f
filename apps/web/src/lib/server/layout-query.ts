import { graphql } from '#lib/graphql.ts';

export const LayoutQuery = graphql(`
  query Layout {
    viewer {
      identifier
      role
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
