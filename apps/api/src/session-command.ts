// Opens an exam session from a JSON definition (the calendar in Paris wall
// times and the specialties), or from the built-in 2024 session:
//   pnpm --filter @rattrapage/api session -- define session-2025.json
//   pnpm --filter @rattrapage/api session -- define --builtin 2024
// or moves one instant or oral day of it, before it has passed (audited, the
// candidates concerned notified):
//   pnpm --filter @rattrapage/api session -- amend --year 2024 --what SECOND_GROUP_RESULTS \
//     --to 2024-07-10T17:00 --reason "…"
// DATABASE_URL or RATTRAPAGE_DATA_DIR as for the API. Exit 1 with every
// problem listed (French) when the definition is refused.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CALENDAR_2024_DATA,
  PILOT_ACADEMY_CODE,
  RULES_2024,
  SPECIALTIES,
} from '@rattrapage/domain';
import { databaseFromEnv, describeDatabase } from './db/database-from-env.ts';
import { migrateToLatest } from './db/migrate.ts';
import { amendSession } from './services/amend-session.ts';
import { type SessionDefinition, defineSession } from './services/define-session.ts';
import { AMEND_OPTIONS, AMEND_USAGE, amendReport, parseAmendArguments } from './session-amend.ts';

const { positionals, values } = parseArgs({
  // pnpm passes a separating `--` through to the script: skip it.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  allowPositionals: true,
  options: { builtin: { type: 'string' }, ...AMEND_OPTIONS },
});

function builtin2024(): SessionDefinition {
  const codes = new Set(CALENDAR_2024_DATA.batches.flatMap((b) => b.specialtyCodes));
  const specialties = SPECIALTIES.filter((s) => codes.has(s.code));
  return {
    calendar: CALENDAR_2024_DATA,
    specialties: specialties.map((s) => ({
      code: s.code,
      name: s.name,
      pilotAcademy: PILOT_ACADEMY_CODE,
    })),
    structures: specialties.map((s) => s.structure),
    rules: RULES_2024,
  };
}

const [command, file] = positionals;
if (command === 'amend') {
  const parsed = parseAmendArguments(values);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(2);
  }
  const handle = await databaseFromEnv();
  try {
    await migrateToLatest(handle.db);
    const outcome = await amendSession(
      handle.db,
      new Date(),
      { accountId: null, role: null, label: 'cli' },
      parsed,
    );
    const report = amendReport(outcome);
    if (report.exitCode === 0) console.log(report.text);
    else console.error(report.text);
    process.exitCode = report.exitCode;
  } finally {
    await handle.close();
  }
  process.exit();
}
if (command !== 'define' || (file === undefined) === (values.builtin === undefined)) {
  console.error(
    `usage: session define <definition.json> | session define --builtin 2024\n${AMEND_USAGE}`,
  );
  process.exit(2);
}
if (values.builtin !== undefined && values.builtin !== '2024') {
  console.error('only the 2024 session is built in');
  process.exit(2);
}
const definition: SessionDefinition =
  file === undefined
    ? builtin2024()
    : (JSON.parse(readFileSync(file, 'utf8')) as SessionDefinition);

const handle = await databaseFromEnv();
try {
  await migrateToLatest(handle.db);
  const outcome = await defineSession(handle.db, definition, { at: new Date(), who: 'cli' });
  if (outcome.kind === 'defined') {
    console.log(
      `Session ${outcome.year} ouverte (${outcome.specialties} spécialités) — ${describeDatabase()}.`,
    );
  } else if (outcome.kind === 'exists') {
    console.error(`La session ${outcome.year} existe déjà : rien n’a été modifié.`);
    process.exitCode = 1;
  } else {
    console.error('Définition refusée, rien n’a été enregistré :');
    for (const problem of outcome.problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
