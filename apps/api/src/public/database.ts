// Entry point `@rattrapage/api/database`: open a database, migrate it, its row types.
export { type DatabaseHandle, createDatabase } from '../db/database.ts';
export { migrateToLatest } from '../db/migrate.ts';
export type { Database } from '../db/schema.ts';
