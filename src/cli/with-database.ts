/**
 * @module cli/with-database
 * Opens the database a command names (`--data`, or DATABASE_URL), brings its schema up to date
 * (saying so on standard error when it did), runs the command's work, and closes it.
 */
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase, resolveDatabaseOptions } from '../db/open-database.js';
import type { Io } from './io.js';

export async function withDatabase<T>(
  io: Io,
  data: string | undefined,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(resolveDatabaseOptions(data));
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0)
      io.err(`Database (${database.kind}) at ${database.location}: applied ${applied.join(', ')}.`);
    return await work(database);
  } finally {
    await database.close();
  }
}
