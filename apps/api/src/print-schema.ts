import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './graphql/schema/index.ts';

/**
 * Writes the printed, sorted schema to apps/api/schema.graphql (the public
 * contract, committed). With --check, fails when the committed file drifts.
 */
const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const printed = `${printSchema(schema)}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing file: drift
  }
  if (committed !== printed) {
    console.error(
      'apps/api/schema.graphql is out of date: run `pnpm --filter @rattrapage/api schema` and commit it.',
    );
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}
