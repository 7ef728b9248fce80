/**
 * @module db/record-evaluated-cases
 * The services that write the law's log: which law versions were loaded, and which cases were
 * evaluated with which result, inputs and trace. Services are the only way to write data; each
 * write is one transaction, is idempotent (recording the same thing twice takes effect once), and
 * leaves an audit row for every row it adds (DESIGN.md, "Data": audit).
 */
import type { Kysely } from 'kysely';
import type { CaseValue, JsonObject, JsonValue, NewEvaluatedCaseRow, Schema } from './schema.js';

/** One evaluated variable, as the explain backend produces it. */
export type EvaluatedCaseInput = {
  /** A stable key of the case chosen by the caller (claim id, law test name, …). */
  readonly caseKey: string;
  readonly variable: string;
  /** `YYYY-MM` or `YYYY`. */
  readonly period: string;
  readonly entity: string;
  readonly entityKey: string;
  readonly value: CaseValue;
  readonly inputs: JsonObject;
  readonly trace: JsonValue;
  readonly lawVersion: string;
  /** sha256 hex of the parameter values the evaluation used (`Plan.parameterHash`). */
  readonly parameterHash: string;
};

export type LawVersionInput = {
  readonly version: string;
  /** sha256 hex of every parameter value of the law (`Law.fingerprint`). */
  readonly fingerprint: string;
  readonly variables: number;
  readonly parameters: number;
};

// 10 parameters per row: far below PostgreSQL's 65,535 bind parameters per statement.
const ROWS_PER_STATEMENT = 500;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

/**
 * Records evaluated cases and one audit row per case added, in one transaction (or inside the
 * caller's, when `db` is a transaction). A case already recorded (same case key, variable,
 * period, entity key, law version and parameter hash) is counted as `existing` and not written
 * again, so a re-run after a crash is safe. Invalid input is refused before anything is written.
 */
export async function recordEvaluatedCases(
  db: Kysely<Schema>,
  actor: string,
  cases: readonly EvaluatedCaseInput[],
): Promise<{ inserted: number; existing: number }> {
  requireActor(actor);
  const rows = cases.map(toRow);
  if (rows.length === 0) return { inserted: 0, existing: 0 };
  return inTransaction(db, async (trx) => {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const created = await trx
        .insertInto('evaluated_case')
        .values(rows.slice(start, start + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc
            .columns(['case_key', 'variable', 'period', 'entity_key', 'law_version', 'parameter_hash'])
            .doNothing(),
        )
        .returningAll()
        .execute();
      if (created.length > 0) {
        await trx
          .insertInto('audit_log')
          .values(
            created.map((row) => ({
              actor,
              action: 'evaluate',
              entity: 'evaluated_case',
              entity_id: String(row.id),
              after: JSON.stringify(row),
            })),
          )
          .execute();
      }
      inserted += created.length;
    }
    return { inserted, existing: rows.length - inserted };
  });
}

/**
 * Records that a law version (with this exact set of parameter values) was loaded. Idempotent:
 * returns `inserted: false`, and writes no audit row, when it was already recorded. The actor
 * defaults to `system` because the law is usually loaded at start-up, not by a person.
 */
export async function recordLawVersion(
  db: Kysely<Schema>,
  law: LawVersionInput,
  actor = 'system',
): Promise<{ inserted: boolean }> {
  requireActor(actor);
  const where = `law version ${JSON.stringify(law.version)}`;
  requireText(law.version, `${where}: version`);
  if (!SHA256_HEX.test(law.fingerprint)) {
    throw new TypeError(
      `${where}: fingerprint must be 64 lowercase hex digits (sha256), got "${law.fingerprint}"`,
    );
  }
  requireCount(law.variables, `${where}: variables`);
  requireCount(law.parameters, `${where}: parameters`);
  return inTransaction(db, async (trx) => {
    const created = await trx
      .insertInto('law_version')
      .values({
        version: law.version,
        fingerprint: law.fingerprint,
        variables: law.variables,
        parameters: law.parameters,
      })
      .onConflict((oc) => oc.columns(['version', 'fingerprint']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) return { inserted: false };
    await trx
      .insertInto('audit_log')
      .values({
        actor,
        action: 'load',
        entity: 'law_version',
        entity_id: `${created.version}@${created.fingerprint}`,
        after: JSON.stringify(created),
      })
      .execute();
    return { inserted: true };
  });
}

/** Runs `work` in the caller's transaction if there is one, so services compose atomically. */
function inTransaction<T>(db: Kysely<Schema>, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function toRow(c: EvaluatedCaseInput, index: number): NewEvaluatedCaseRow {
  const where = `evaluated case #${index + 1} (${JSON.stringify(c.caseKey)})`;
  requireText(c.caseKey, `${where}: caseKey`);
  requireText(c.variable, `${where}: variable`);
  requireText(c.entity, `${where}: entity`);
  requireText(c.entityKey, `${where}: entityKey`);
  requireText(c.lawVersion, `${where}: lawVersion`);
  requireText(c.parameterHash, `${where}: parameterHash`);
  if (typeof c.period !== 'string' || !PERIOD.test(c.period)) {
    throw new TypeError(`${where}: period must be YYYY-MM or YYYY, got ${JSON.stringify(c.period)}`);
  }
  const valueOk =
    typeof c.value === 'boolean' ||
    typeof c.value === 'string' ||
    (typeof c.value === 'number' && Number.isFinite(c.value));
  if (!valueOk) {
    throw new TypeError(
      `${where}: value must be a finite number, a boolean or a string, got ${String(c.value)}`,
    );
  }
  if (typeof c.inputs !== 'object' || c.inputs === null || Array.isArray(c.inputs)) {
    throw new TypeError(`${where}: inputs must be an object of input values`);
  }
  if (c.trace === undefined) throw new TypeError(`${where}: trace is missing`);
  return {
    case_key: c.caseKey,
    variable: c.variable,
    period: c.period,
    entity: c.entity,
    entity_key: c.entityKey,
    value: JSON.stringify(c.value),
    inputs: JSON.stringify(c.inputs),
    trace: JSON.stringify(c.trace),
    law_version: c.lawVersion,
    parameter_hash: c.parameterHash,
  };
}

function requireActor(actor: string): void {
  // Every audit row says who acted; an anonymous write would make the audit log useless.
  requireText(actor, 'actor');
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '')
    throw new TypeError(`${what} must be a non-empty string`);
}

function requireCount(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${what} must be a whole number >= 0, got ${String(value)}`);
  }
}
