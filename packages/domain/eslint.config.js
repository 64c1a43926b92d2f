import { baseConfig, pureDomainRules } from '@rattrapage/eslint-config';

export default [
  ...baseConfig({ tsconfigRootDir: import.meta.dirname }),
  { files: ['src/**/*.ts'], ignores: ['src/**/*.test.ts'], ...pureDomainRules },
];
