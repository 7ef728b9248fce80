/**
 * @module db/next-identity
 * The next value of a table's identity column, taken before the insert: for rows whose other
 * columns derive from their identifier (an employer's number carries it with a check digit) or
 * that another row must reference in the same pass.
 */
import { sql, type Transaction } from 'kysely';
import type { Schema } from './schema.js';

export async function nextIdentity(trx: Transaction<Schema>, table: string, column: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence(${table}, ${column}))::int as id`.execute(trx);
  return rows[0]!.id;
}
