import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { testDefaults } from '@rattrapage/vitest-config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS ('main') and ESM ('module') builds. Node, and so
    // Pothos and Apollo, load the CJS one; Vite would hand tests the ESM one,
    // and two copies of graphql refuse each other's types. One copy for all.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    ...testDefaults,
    // Integration tests share one database server: keep them from starving
    // each other on a 2-core machine.
    fileParallelism: false,
    // Timeouts only catch a hang: they assert no timing (the bench measures
    // those). CI shares a 2-core machine, where a starved process took more
    // than two minutes to open PGlite, migrate and seed (exam-mutations'
    // beforeAll, twice, in loaded runs): a test that is slow there is not broken.
    testTimeout: 300_000,
    // Servers log every request; tests that read logs inject their own stream.
    env: { LOG_LEVEL: 'silent' },
    hookTimeout: 600_000,
  },
});
