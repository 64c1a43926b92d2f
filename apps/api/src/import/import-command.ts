import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/password.ts';
import { databaseFromEnv } from '../db/database-from-env.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { findAccountByIdentifier } from '../repositories/accounts.repository.ts';
import { fileAtPath } from './import-file.ts';
import { importKindOf } from './import-kind.ts';
import { describeProblem } from './import-problem.ts';
import { anotherAccountNotice, importSummary } from './import-summary.ts';
import { progressReporter } from './progress.ts';
import { runImport } from './run-import.ts';

/**
 * pnpm --filter @rattrapage/api import -- <kind> <file.csv> --year 2024
 *   [--passwords out.csv] [--account <identifier>]
 * kind: schools | candidates | structures | marks | control-marks.
 * Exit 0 when imported, 1 when the file is refused (the French report on
 * standard error), 2 on a usage error.
 */
const { values, positionals } = parseArgs({
  // pnpm passes a separating `--` through to the script: skip it.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  allowPositionals: true,
  options: {
    year: { type: 'string' },
    passwords: { type: 'string' },
    account: { type: 'string' },
  },
});
const [kindName, file] = positionals;
const kind = kindName === undefined ? null : importKindOf(kindName);
const year = Number(values.year);
if (kind === null || file === undefined || !Number.isInteger(year)) {
  console.error(
    'usage: import <schools|candidates|structures|marks|control-marks> <file.csv> --year 2024 [--passwords out.csv] [--account <identifier>]',
  );
  process.exit(2);
}
if (kind === 'CANDIDATES' && values.passwords === undefined) {
  // The initial passwords exist nowhere else: without a file they would be lost.
  console.error(
    'candidates: --passwords <out.csv> is required (the initial passwords are written there)',
  );
  process.exit(2);
}

// Streamed from disk, never held whole: a marks file has millions of lines.
const importFile = await fileAtPath(file);
// Opened before anything is written: a path that cannot be written must not
// leave accounts whose passwords nobody has. Readable by the operator only.
const passwordFile =
  kind === 'CANDIDATES' && values.passwords !== undefined
    ? await open(values.passwords, 'w', 0o600)
    : null;
const database = await databaseFromEnv();
try {
  await migrateToLatest(database.db);
  let accountId: string | null = null;
  let role = null;
  if (values.account !== undefined) {
    const account = await findAccountByIdentifier(database.db, values.account);
    if (account === null || (account.role !== 'ACADEMY' && account.role !== 'PILOT')) {
      console.error(`${values.account} n’est pas un compte d’académie (ACADEMY ou PILOT)`);
      process.exit(2);
    }
    accountId = account.id;
    role = account.role;
  }
  const outcome = await runImport(database.db, {
    kind,
    year,
    file: importFile,
    actor: { accountId, role, label: values.account ?? 'cli' },
    at: new Date(),
    hashPassword,
    createAccounts: true,
    onProgress: progressReporter(process.stdout),
  });
  if (outcome.kind === 'unknownSession') {
    console.error(`Aucune session d’examen ${year}.`);
    process.exitCode = 1;
  } else if (outcome.kind === 'refused') {
    console.error(
      `Fichier refusé, rien n’a été modifié : ${outcome.total} problème${outcome.total > 1 ? 's' : ''}.`,
    );
    for (const p of outcome.problems) console.error(`${describeProblem(p)} [${p.code}]`);
    if (outcome.total > outcome.problems.length)
      console.error(`… et ${outcome.total - outcome.problems.length} autres.`);
    process.exitCode = 1;
  } else {
    const r = outcome.report;
    if (passwordFile !== null) {
      const lines = r.initialPasswords.map((p) => `${p.number};${p.password}\n`).join('');
      await passwordFile.writeFile(`number;password\n${lines}`);
    }
    console.log(importSummary(r));
    const notice = anotherAccountNotice(r);
    if (notice !== null) console.warn(notice);
  }
} finally {
  await passwordFile?.close();
  await database.close();
}
