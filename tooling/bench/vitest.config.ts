import { defineConfig } from 'vitest/config';
import { testDefaults } from '@rattrapage/vitest-config';

// Only the cheap pieces are tested here (data generation, ratios, the
// results file); the benchmark itself runs with `pnpm bench`, never in tests.
export default defineConfig({ test: { ...testDefaults, include: ['test/**/*.test.ts'] } });
