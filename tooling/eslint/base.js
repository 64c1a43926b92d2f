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

/**
 * Another package is reached by its name and the entry points its
 * package.json `exports` lists, never by a path into its files: what it
 * does not export is its own business, free to move.
 */
export const crossPackageImports = [
  {
    regex: '^@rattrapage/[^/]+/(src|test|dist|node_modules)(/|$)',
    message:
      'Import another package by its name and the entry points of its package.json `exports`, never its files.',
  },
  {
    regex: '^(\\.\\./)+(apps|packages|tooling)/',
    message: 'Another package is imported by its name, never by a relative path into it.',
  },
];

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
        '@typescript-eslint/no-restricted-imports': ['error', { patterns: crossPackageImports }],
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

const upward = (layer, message) => ({ regex: `^(\\.{1,2}/)+${layer}/`, message });

/** The API's layers (docs/architecture.md, "Layers"), held by lint. */
const API_BELOW_SCHEMA = [
  'src/access/**',
  'src/auth/**',
  'src/db/**',
  'src/demo/**',
  'src/documents/**',
  'src/import/**',
  'src/notifications/**',
  'src/observability/**',
  'src/repositories/**',
  'src/services/**',
  'src/context.ts',
  'src/clock.ts',
];
const NOT_THE_SCHEMA = upward(
  'graphql',
  'Only the HTTP layer sits above graphql/: services, repositories, documents and the rest may not import from it (the request context is src/context.ts).',
);
const NOT_HTTP = upward('http', 'Only server.ts and main.ts sit above http/.');
const NOT_SERVICES = upward(
  'services',
  'Repositories are the bottom layer: they may not import services.',
);
const NOT_REPOSITORIES = {
  ...upward(
    'repositories',
    'Resolvers reach data through services (or auth), never a repository directly; a repository type may be imported as a type.',
  ),
  allowTypeImports: true,
};

export const apiLayerRules = [
  {
    files: API_BELOW_SCHEMA,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...crossPackageImports, NOT_THE_SCHEMA, NOT_HTTP] },
      ],
    },
  },
  {
    files: ['src/repositories/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...crossPackageImports, NOT_THE_SCHEMA, NOT_HTTP, NOT_SERVICES] },
      ],
    },
  },
  {
    files: ['src/graphql/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...crossPackageImports, NOT_HTTP, NOT_REPOSITORIES] },
      ],
    },
  },
];

/** The same rules without type information, for code linted from text (the lint rules' own tests). */
export const untypedLinting = {
  ...tseslint.configs.disableTypeChecked,
  languageOptions: { parserOptions: { projectService: false, project: null } },
};
