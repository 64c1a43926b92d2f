import { parseArgs } from 'node:util';
import { databaseFromEnv } from '../db/database-from-env.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { issueApiToken } from './issue-api-token.ts';

/**
 * pnpm --filter @rattrapage/api issue-token --account academie.demo --label "SI académie" [--days 365]
 * Prints the token once, on standard output.
 */
const { values } = parseArgs({
  // pnpm passes a separating `--` through to the script: skip it.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    account: { type: 'string' },
    label: { type: 'string' },
    days: { type: 'string' },
  },
});
if (values.account === undefined || values.label === undefined) {
  console.error(
    'usage: issue-token --account <identifier of an ACADEMY or PILOT account> --label <text> [--days N]',
  );
  process.exit(2);
}
const days = values.days === undefined ? null : Number(values.days);
if (days !== null && (!Number.isInteger(days) || days <= 0)) {
  console.error('--days must be a positive whole number');
  process.exit(2);
}

const database = await databaseFromEnv();
try {
  await migrateToLatest(database.db);
  const outcome = await issueApiToken(database.db, {
    identifier: values.account,
    label: values.label,
    at: new Date(),
    validDays: days,
  });
  if (outcome.kind === 'unknownAccount') {
    console.error(`no account ${values.account}`);
    process.exitCode = 1;
  } else if (outcome.kind === 'notAnAcademy') {
    console.error(`${values.account} is not an académie account (ACADEMY or PILOT)`);
    process.exitCode = 1;
  } else {
    console.error(
      `API token for ${values.account}${outcome.expiresAt ? `, valid until ${outcome.expiresAt.toISOString()}` : ''}:`,
    );
    console.log(outcome.token);
  }
} finally {
  await database.close();
}
