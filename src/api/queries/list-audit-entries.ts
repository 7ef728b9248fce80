/**
 * @module api/queries/list-audit-entries
 * The audit log for auditors, newest first, optionally for one entity or one record of it, with
 * cursor pagination. Read only: the log is append-only in the database itself (migration 0001),
 * and the API has no route that writes to it other than through the services.
 */
import type { Database } from '../../db/open-database.js';
import type { JsonValue } from '../../db/schema.js';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: JsonValue | null;
  after: JsonValue | null;
}

const MAX_LIMIT = 200;

export async function listAuditEntries(
  database: Database,
  filter: { entity?: string; entityId?: string; cursor?: number; limit?: number } = {},
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(1, filter.limit ?? 50), MAX_LIMIT);
  let query = database.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
