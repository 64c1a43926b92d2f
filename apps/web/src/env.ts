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
  RATTRAPAGE_WEB_SECRET: {
    description:
      'Shared with the API (the same variable there): with it the API believes the client address this server forwards. At least 32 characters; unset, every person counts as this server for log-in throttling.',
    schema: (value) => {
      if (value === undefined || value === '') return null;
      if (value.length < 32) throw new Error('RATTRAPAGE_WEB_SECRET: at least 32 characters');
      return value;
    },
  },
  COOKIE_SECURE: {
    description:
      'Whether the session cookie is Secure (default true; false only for plain-HTTP local tests).',
    schema: (value) => value !== 'false',
  },
});
