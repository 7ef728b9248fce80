/**
 * @module db/write-audit
 * Appends one row to the audit log (who, what, before, after), inside the caller's transaction
 * so the change and its record commit together or not at all. Staff opening a person's record
 * is logged the same way, with action `view` and no before or after.
 */
import type { Kysely, Transaction } from 'kysely';
import type { JsonValue, Schema } from './schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  before?: JsonValue;
  after?: JsonValue;
}

export async function writeAudit(db: Kysely<Schema> | Transaction<Schema>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
