/**
 * @module db/migrate
 * Brings a database to the latest schema. Safe to run at every start: applied migrations are
 * recorded (in `kysely_migration`) and skipped, and concurrent runs wait on a lock.
 */
import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations/index.js';

/**
 * Applies every pending migration and returns the names it applied (empty when up to date).
 * Throws on failure; on PostgreSQL the migrations run in one transaction, so a failure leaves
 * the schema as it was.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Database migration ${failed ? `"${failed}"` : '(before any migration ran)'} failed: ${reason}. ` +
        'No migration of this run was kept; fix the cause and start again.',
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
