import { defineConfig } from 'vitest/config';
import { testDefaults } from '@rattrapage/vitest-config';

export default defineConfig({
  test: {
    ...testDefaults,
    // Integration tests share one database server: keep them from starving
    // each other on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
