import type { Kysely } from 'kysely';
import type { Database, ImportKindName } from '../db/schema.ts';

export interface ImportRunRecord {
  readonly year: number;
  readonly kind: ImportKindName;
  readonly fileSha256: string;
  readonly actorAccountId: string | null;
  readonly at: Date;
  readonly rows: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Records an accepted import; call it in the import's transaction. */
export async function recordImportRun(db: Kysely<Database>, run: ImportRunRecord): Promise<void> {
  await db
    .insertInto('import_runs')
    .values({
      year: run.year,
      kind: run.kind,
      file_sha256: run.fileSha256,
      actor_account_id: run.actorAccountId,
      at: run.at,
      rows: run.rows,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
    })
    .execute();
}

export async function listImportRuns(
  db: Kysely<Database>,
  year: number,
): Promise<ImportRunRecord[]> {
  const rows = await db
    .selectFrom('import_runs')
    .selectAll()
    .where('year', '=', year)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    kind: r.kind,
    fileSha256: r.file_sha256,
    actorAccountId: r.actor_account_id,
    at: r.at,
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
  }));
}
