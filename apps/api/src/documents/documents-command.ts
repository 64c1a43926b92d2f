import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import { databaseFromEnv } from '../db/database-from-env.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { toCsv } from './csv.ts';
import { DOCUMENT_NAMES, produceForAccount } from './produce-for-account.ts';

/**
 * pnpm rattrapage documents <document> --account <identifier> [--out <file>]
 *   [--year 2024] [--academy 12] [--specialty MCO] [--stage FIRST_GROUP|FINAL]
 *   [--candidate <number>] [--day 2024-07-04] [--room …] [--examiner …]
 *   [--distance 0,5] [--id N]
 * The documents of /documents/<document>, with the same parameters, for an
 * académie account (ACADEMY or PILOT), at the present instant. Written to
 * --out, or to the document's own file name in the current folder.
 * Exit 0 when written, 1 when the document does not exist or is not the
 * account's to see (or a parameter is wrong), 2 on a usage error.
 */
const PARAMS = [
  'year',
  'academy',
  'specialty',
  'stage',
  'candidate',
  'day',
  'room',
  'examiner',
  'distance',
  'id',
] as const;

const USAGE = `usage: documents <document> --account <identifiant> [--out <fichier>] [--${PARAMS.join(' …] [--')} …]
documents : ${DOCUMENT_NAMES.join(', ')}`;

let parsed;
try {
  parsed = parseArgs({
    // pnpm passes a separating `--` through to the script: skip it.
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      out: { type: 'string' },
      ...Object.fromEntries(PARAMS.map((p) => [p, { type: 'string' as const }])),
    },
  });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const [name] = positionals;
const account = values['account'];
if (name === undefined || positionals.length > 1 || typeof account !== 'string') {
  console.error(USAGE);
  process.exit(2);
}
const given = values as Readonly<Record<string, unknown>>;
const params = Object.fromEntries(
  PARAMS.flatMap((p) => {
    const value = given[p];
    return typeof value === 'string' ? [[p, value]] : [];
  }),
);

const database = await databaseFromEnv();
try {
  await migrateToLatest(database.db);
  const outcome = await produceForAccount(database.db, systemClock, {
    identifier: account,
    name,
    params,
  });
  switch (outcome.kind) {
    case 'unknownDocument':
      console.error(`Document inconnu : ${name}.\n${USAGE}`);
      process.exitCode = 2;
      break;
    case 'notAnAcademy':
      console.error(`${account} n’est pas un compte d’académie (ACADEMY ou PILOT).`);
      process.exitCode = 2;
      break;
    case 'invalid':
      console.error(outcome.message);
      process.exitCode = 2;
      break;
    case 'notFound':
      console.error('Ce document n’existe pas ou n’est pas accessible à ce compte.');
      process.exitCode = 1;
      break;
    case 'produced': {
      const { document } = outcome;
      const out = typeof values['out'] === 'string' ? values['out'] : document.name;
      try {
        await writeFile(
          out,
          document.kind === 'pdf'
            ? document.bytes
            : toCsv(document.table.header, document.table.rows),
        );
        console.error(`Écrit : ${out}`);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        console.error(
          `Impossible d’écrire ${out} (${typeof code === 'string' ? code : 'erreur'}).`,
        );
        process.exitCode = 1;
      }
    }
  }
} finally {
  await database.close();
}
