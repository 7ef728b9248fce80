/**
 * @module fund/idempotency
 * Every write that moves money takes an idempotency key: the same request again (a retry after a
 * lost connection, a double click) returns the first answer and takes effect once; the same key
 * with a different request is refused rather than silently ignored.
 *
 * The key is claimed first (`insert … on conflict do nothing`), inside the caller's transaction:
 * a concurrent request with the same key waits on that row until the first commits, then finds
 * its answer. If the first fails, its claim rolls back with everything else, and a retry runs
 * afresh: only writes that took effect are remembered.
 */
import { sql, type Transaction } from 'kysely';
import type { JsonValue, Schema } from '../db/schema.js';
import { SamakiError } from '../kernel/errors.js';

export interface IdempotentRequest {
  employerId: number;
  /** No key: the write is not idempotent (the CLI's batch jobs have their own guards). */
  key: string | undefined;
  operation: string;
  /** A hash of the request's content. */
  request: string;
}

export async function withIdempotency<T extends JsonValue>(
  trx: Transaction<Schema>,
  request: IdempotentRequest,
  run: () => Promise<T>,
): Promise<T> {
  if (request.key === undefined) return run();
  if (request.key.length === 0 || request.key.length > 200)
    throw new SamakiError('idempotency_conflict', {
      key: request.key.slice(0, 40),
      operation: 'a key must have 1 to 200 characters',
    });
  const { rows: claimed } = await sql<{ key: string }>`
    insert into idempotency_request (employer_id, key, operation, request_hash, response)
    values (${request.employerId}, ${request.key}, ${request.operation}, ${request.request}, 'null'::jsonb)
    on conflict do nothing
    returning key`.execute(trx);
  if (claimed.length === 0) {
    const earlier = await trx
      .selectFrom('idempotency_request')
      .select(['operation', 'request_hash', 'response'])
      .where('employer_id', '=', request.employerId)
      .where('key', '=', request.key)
      .executeTakeFirstOrThrow();
    if (earlier.operation !== request.operation || earlier.request_hash !== request.request)
      throw new SamakiError('idempotency_conflict', { key: request.key, operation: earlier.operation });
    return earlier.response as T;
  }
  const response = await run();
  await trx
    .updateTable('idempotency_request')
    .set({ response: JSON.stringify(response) })
    .where('employer_id', '=', request.employerId)
    .where('key', '=', request.key)
    .execute();
  return response;
}
