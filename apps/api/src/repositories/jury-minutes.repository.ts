import type { JuryComposition, JuryStage } from '@rattrapage/domain';
import { type Kysely, sql } from 'kysely';
import { jsonText } from '../db/json-text.ts';
import type { Database } from '../db/schema.ts';

export interface JuryKey {
  readonly year: number;
  readonly specialtyCode: string;
  readonly stage: JuryStage;
}

export interface JuryRecord extends JuryComposition {
  readonly recordedAt: Date;
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}

export async function juryOf(db: Kysely<Database>, key: JuryKey): Promise<JuryRecord | null> {
  const row = await db
    .selectFrom('juries')
    .select(['president', 'members', 'deliberated_on', 'recorded_at'])
    .where('year', '=', key.year)
    .where('specialty_code', '=', key.specialtyCode)
    .where('stage', '=', key.stage)
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
        president: row.president,
        members: names(row.members),
        deliberatedOn: row.deliberated_on,
        recordedAt: row.recorded_at,
      };
}

/** Records the jury of a specialty and stage, replacing the one recorded before. */
export async function recordJury(
  db: Kysely<Database>,
  key: JuryKey,
  composition: JuryComposition,
  at: Date,
  accountId: string,
): Promise<void> {
  const values = {
    president: composition.president,
    members: jsonText([...composition.members]),
    deliberated_on: composition.deliberatedOn,
    recorded_at: at,
    recorded_by_account_id: accountId,
  };
  await db
    .insertInto('juries')
    .values({ year: key.year, specialty_code: key.specialtyCode, stage: key.stage, ...values })
    .onConflict((oc) => oc.columns(['year', 'specialty_code', 'stage']).doUpdateSet(values))
    .execute();
}

export interface SignedMinuteRecord {
  readonly id: number;
  readonly version: number;
  readonly sha256: string;
  readonly bytes: number;
  readonly archivedAt: Date;
  /** The identifier of the pilot account that archived it. */
  readonly archivedBy: string;
}

function signedMinutesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('signed_minutes as m')
    .innerJoin('accounts as a', 'a.id', 'm.archived_by_account_id')
    .select((eb) => [
      'm.id',
      'm.version',
      'm.sha256',
      'm.archived_at',
      'a.identifier',
      eb.fn<number>('octet_length', ['m.pdf']).as('bytes'),
    ]);
}

function minuteOf(row: {
  id: number;
  version: number;
  sha256: string;
  archived_at: Date;
  identifier: string;
  bytes: number | string;
}): SignedMinuteRecord {
  return {
    id: row.id,
    version: row.version,
    sha256: row.sha256,
    bytes: Number(row.bytes),
    archivedAt: row.archived_at,
    archivedBy: row.identifier,
  };
}

/** Every archived version of a jury's signed minute, the first first. */
export async function signedMinutesOf(
  db: Kysely<Database>,
  key: JuryKey,
): Promise<SignedMinuteRecord[]> {
  const rows = await signedMinutesQuery(db)
    .where('m.year', '=', key.year)
    .where('m.specialty_code', '=', key.specialtyCode)
    .where('m.stage', '=', key.stage)
    .orderBy('m.version')
    .execute();
  return rows.map(minuteOf);
}

/**
 * Archives a signed minute as the next version of its jury's, unless the
 * same file (same SHA-256) is already archived there: then that version.
 * Call it in a transaction that holds the jury's lock (lockJury).
 */
export async function archiveMinute(
  db: Kysely<Database>,
  key: JuryKey,
  file: { readonly pdf: Uint8Array; readonly sha256: string },
  at: Date,
  accountId: string,
): Promise<{ readonly minute: SignedMinuteRecord; readonly alreadyArchived: boolean }> {
  const archived = await signedMinutesOf(db, key);
  const same = archived.find((m) => m.sha256 === file.sha256);
  if (same !== undefined) return { minute: same, alreadyArchived: true };
  const version = (archived.at(-1)?.version ?? 0) + 1;
  await db
    .insertInto('signed_minutes')
    .values({
      year: key.year,
      specialty_code: key.specialtyCode,
      stage: key.stage,
      version,
      sha256: file.sha256,
      pdf: file.pdf,
      archived_at: at,
      archived_by_account_id: accountId,
    })
    .execute();
  const minute = (await signedMinutesOf(db, key)).find((m) => m.version === version);
  if (minute === undefined) throw new Error('the archived minute is not read back');
  return { minute, alreadyArchived: false };
}

/** The archived file of one version, with its jury; null when there is none. */
export async function signedMinuteFile(
  db: Kysely<Database>,
  id: number,
): Promise<(JuryKey & { readonly version: number; readonly pdf: Uint8Array }) | null> {
  const row = await db
    .selectFrom('signed_minutes')
    .select(['year', 'specialty_code', 'stage', 'version', 'pdf'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
        year: row.year,
        specialtyCode: row.specialty_code,
        stage: row.stage,
        version: row.version,
        pdf: row.pdf,
      };
}

/**
 * Serialises the archiving of one jury's minutes (two uploads at once would
 * draw the same version): a transaction-scoped advisory lock on its key.
 */
export async function lockJury(db: Kysely<Database>, key: JuryKey): Promise<void> {
  const name = `rattrapage:jury:${String(key.year)}:${key.specialtyCode}:${key.stage}`;
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}
