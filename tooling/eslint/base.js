// One lint setup for every package: typed rules from typescript-eslint, plus
// the few restrictions that keep the layers apart (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export const ignores = {
  ignores: [
    '**/dist/**',
    '**/build/**',
    '**/.svelte-kit/**',
    '**/coverage/**',
    '**/node_modules/**',
  ],
};

/** @param {{ tsconfigRootDir: string }} options */
export function baseConfig({ tsconfigRootDir }) {
  return tseslint.config(
    ignores,
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
        eqeqeq: ['error', 'always', { null: 'ignore' }],
      },
    },
    {
      files: ['**/*.js', '**/*.mjs'],
      extends: [tseslint.configs.disableTypeChecked],
    },
  );
}

/** The domain is pure: it may not reach for I/O, the clock or the network. */
export const pureDomainRules = {
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [
              'node:*',
              'fs',
              'path',
              'http',
              'https',
              'net',
              'child_process',
              'pg',
              'kysely',
              'graphql',
              '@pothos/*',
            ],
            message: 'packages/domain is pure: no I/O, SQL or GraphQL.',
          },
        ],
      },
    ],
    'no-restricted-globals': ['error', { name: 'fetch', message: 'The domain does no I/O.' }],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The domain never reads the system clock: take the instant as a parameter.',
      },
      {
        selector: "MemberExpression[object.name='Date'][property.name='now']",
        message: 'The domain never reads the system clock: take the instant as a parameter.',
      },
      {
        selector: "MemberExpression[object.name='Math'][property.name='random']",
        message: 'The domain is deterministic.',
      },
    ],
  },
};
