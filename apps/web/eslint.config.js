import { baseConfig } from '@rattrapage/eslint-config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default [
  {
    ignores: [
      '.svelte-kit/**',
      'build/**',
      'test-results/**',
      'playwright-report/**',
      'src/lib/graphql-env.d.ts',
    ],
  },
  ...baseConfig({ tsconfigRootDir: import.meta.dirname }),
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // The app is served at the root with no base path: plain hrefs are right.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
];
