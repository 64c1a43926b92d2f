// Creates an académie account, partner (ACADEMY) or pilot (PILOT):
//   pnpm --filter @rattrapage/api account -- create --identifier pilote.reims --role PILOT --academy 19
// DATABASE_URL or RATTRAPAGE_DATA_DIR as for the API. The generated password
// is printed once, on standard output; only its argon2id hash is stored.
// Exit 1 when refused (identifier taken, unknown académie), 2 on a usage error.
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/password.ts';
import { databaseFromEnv } from './db/database-from-env.ts';
import { migrateToLatest } from './db/migrate.ts';
import { initialPassword } from './import/initial-passwords.ts';
import { createAcademyAccount } from './services/create-account.ts';

const { positionals, values } = parseArgs({
  // pnpm passes a separating `--` through to the script: skip it.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  allowPositionals: true,
  options: {
    identifier: { type: 'string' },
    role: { type: 'string' },
    academy: { type: 'string' },
  },
});

const [command] = positionals;
const role = values.role;
if (
  command !== 'create' ||
  values.identifier === undefined ||
  values.academy === undefined ||
  (role !== 'PILOT' && role !== 'ACADEMY')
) {
  console.error(
    'usage: account create --identifier <identifier> --role PILOT|ACADEMY --academy <code, e.g. 19>',
  );
  process.exit(2);
}

const handle = await databaseFromEnv();
try {
  await migrateToLatest(handle.db);
  const outcome = await createAcademyAccount(
    handle.db,
    { identifier: values.identifier, role, academyCode: values.academy },
    { at: new Date(), who: 'cli', generatePassword: initialPassword, hashPassword },
  );
  if (outcome.kind === 'created') {
    console.error(`Compte ${outcome.identifier} (${role}, académie ${values.academy}) créé.`);
    console.error('Mot de passe, affiché une seule fois :');
    console.log(outcome.password);
  } else if (outcome.kind === 'identifierTaken') {
    console.error(`L’identifiant ${outcome.identifier} est déjà pris : rien n’a été créé.`);
    process.exitCode = 1;
  } else {
    console.error('Compte refusé, rien n’a été créé :');
    for (const problem of outcome.problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
