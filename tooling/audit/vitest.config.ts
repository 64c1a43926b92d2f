import { defineConfig } from 'vitest/config';
import { testDefaults } from '@rattrapage/vitest-config';

export default defineConfig({ test: { ...testDefaults, include: ['test/**/*.test.ts'] } });
