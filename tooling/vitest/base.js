// Shared vitest defaults. Tests run in a non-UTC zone (New York: a different
// offset from Paris, and DST changes on other days) so that code which leans
// on the process's local time zone fails here instead of in production.
process.env.TZ ??= 'America/New_York';

/** @type {import('vitest/config').ViteUserConfig['test']} */
export const testDefaults = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  environment: 'node',
  testTimeout: 20_000,
  env: { TZ: process.env.TZ },
};
