// The layers are held by lint, not by good intentions: each fixture below is
// linted with the API's own ESLint configuration, as if it stood at the path
// given, and must be refused (or, for the controls, accepted) by the import
// rules. Fixtures are .ts.txt so that neither tsc nor the real lint run sees
// them where they lie.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { untypedLinting } from '@rattrapage/eslint-config';
import { describe, expect, it } from 'vitest';

const API_DIR = fileURLToPath(new URL('../../', import.meta.url));
const RULE = '@typescript-eslint/no-restricted-imports';

// The fixtures do not exist where they pretend to stand, so the type-aware
// rules (which need a TypeScript program) are off; the import rules are not.
const eslint = new ESLint({
  cwd: API_DIR,
  overrideConfig: [{ files: ['**/*.ts'], ...untypedLinting }],
});

async function importProblems(fixture: string, standsAt: string): Promise<string[]> {
  const code = readFileSync(new URL(`fixtures/${fixture}.ts.txt`, import.meta.url), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: `${API_DIR}${standsAt}` });
  if (result === undefined) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal === true);
  expect(fatal).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('lint refuses imports that cross the layers upward or reach into another package', () => {
  it.each([
    ['service-imports-schema', 'src/services/x.ts', /graphql/],
    ['document-imports-schema', 'src/documents/x.ts', /graphql/],
    ['service-imports-schema', 'src/repositories/x.ts', /graphql/],
    ['service-imports-schema', 'src/import/x.ts', /graphql/],
    ['service-imports-schema', 'src/demo/x.ts', /graphql/],
    ['repository-imports-service', 'src/repositories/x.ts', /Repositories are the bottom layer/],
    ['resolver-calls-repository', 'src/graphql/schema/x.ts', /through services/],
    ['service-imports-http', 'src/services/x.ts', /http/],
    ['deep-import-into-package', 'src/services/x.ts', /exports/],
    ['deep-import-into-package', 'test/x.test.ts', /exports/],
    ['relative-path-into-package', 'test/x/x.test.ts', /by its name/],
  ])('%s, at %s', async (fixture, standsAt, reason) => {
    const problems = await importProblems(fixture, standsAt);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(reason);
  });
});

describe('lint accepts the imports the layers allow', () => {
  it.each([
    ['resolver-imports-repository-type', 'src/graphql/schema/x.ts'],
    ['service-imports-repository', 'src/services/x.ts'],
    ['resolver-calls-repository', 'src/services/x.ts'],
    ['service-imports-schema', 'src/http/x.ts'],
    ['service-imports-http', 'src/server.ts'],
  ])('%s, at %s', async (fixture, standsAt) => {
    expect(await importProblems(fixture, standsAt)).toEqual([]);
  });
});
