/**
 * @module api/api-context
 * What every route of the API is given: the database and the clock. The clock is injected so
 * tests decide what "today" and "now" are (session expiry, registration deadlines, due dates).
 */
import type { FastifyRequest } from 'fastify';
import { isStaff } from '../access/roles.js';
import type { SessionUser } from '../access/sessions.js';
import type { Database } from '../db/open-database.js';
import { writeAudit } from '../db/write-audit.js';
import { SamakiError } from '../kernel/errors.js';

export interface ApiContext {
  readonly database: Database;
  /** Today's date, `YYYY-MM-DD`. */
  readonly today: () => string;
  /** The current instant, for sessions. */
  readonly now: () => Date;
  /** How long a session lasts, in milliseconds. */
  readonly sessionTtlMs: number;
}

/**
 * Records that a member of staff opened a person's record or an employer's list of workers
 * (action `view`), so who looked at whom is on record. Users looking at their own data, an
 * employer at its workers or a member at their record, are not logged.
 */
export async function auditStaffView(
  context: ApiContext,
  user: SessionUser,
  entity: 'member' | 'employer_workers',
  entityId: number,
): Promise<void> {
  if (!isStaff(user.role)) return;
  await writeAudit(context.database.db, { actor: user.username, action: 'view', entity, entityId });
}

/**
 * The `Idempotency-Key` of a request that moves money; the request is refused without one, before
 * its body is even validated, so a client learns of the missing key first.
 */
export async function requireIdempotencyKey(request: FastifyRequest): Promise<void> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.trim().length === 0) throw new SamakiError('idempotency_key_missing');
}

export function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.trim().length === 0) throw new SamakiError('idempotency_key_missing');
  return key.trim();
}
