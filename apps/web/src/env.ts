import { defineEnvVars } from '@sveltejs/kit/env';

/** Every environment variable the web server reads, checked when it starts. */
export const variables = defineEnvVars({
  API_URL: {
    description: 'The GraphQL endpoint of the API, seen from the web server.',
    schema: (value) => {
      const url = value ?? 'http://127.0.0.1:4000/graphql';
      new URL(url);
      return url;
    },
  },
  COOKIE_SECURE: {
    description:
      'Whether the session cookie is Secure (default true; false only for plain-HTTP local tests).',
    schema: (value) => value !== 'false',
  },
});
