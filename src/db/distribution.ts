/**
 * @module db/distribution
 * How each table would be spread over a Citus cluster, and a check that the schema obeys Citus's
 * rules. Citus cannot be installed here (STACK.md, gotcha 6), so the schema is kept Citus-ready on
 * paper and this check, run by the storage tests against the real catalog, keeps it honest:
 * person-level tables are distributed by `person_id`, employer-level ones by `employer_id`, and
 * small shared tables are reference tables (copied to every node).
 */
import { type QueryExecutorProvider, sql } from 'kysely';
import type { Schema } from './schema.js';

export type DistributionColumn = 'person_id' | 'employer_id' | 'member_id' | 'record_id';

export type TableDistribution = { kind: 'reference' } | { kind: 'distributed'; column: DistributionColumn };

/**
 * Every table's distribution. `satisfies` makes a table added to `Schema` without a declared
 * distribution a compile error; the readiness check catches tables created only by SQL.
 */
export const tableDistribution = {
  law_version: { kind: 'reference' },
  evaluated_case: { kind: 'reference' },
  audit_log: { kind: 'reference' },
  // The merger: run bookkeeping and the review queue are small; legacy records, their spells
  // and their member links are co-located by the register's record identifier; members and
  // their insured periods by member.
  merge_run: { kind: 'reference' },
  legacy_file: { kind: 'reference' },
  legacy_rejected_row: { kind: 'reference' },
  link_review: { kind: 'reference' },
  legacy_record: { kind: 'distributed', column: 'record_id' },
  legacy_spell: { kind: 'distributed', column: 'record_id' },
  member_record: { kind: 'distributed', column: 'record_id' },
  member: { kind: 'distributed', column: 'member_id' },
  insured_period: { kind: 'distributed', column: 'member_id' },
  // The registry: persons by person; households have no person or employer key, so they are a
  // reference table (migration 0002).
  household: { kind: 'reference' },
  person: { kind: 'distributed', column: 'person_id' },
  // The fund (migration 0004): an employer's declarations, ledger and payments on its shard;
  // the insurance record and self-employed affiliations with the member; exchange rates shared.
  employer: { kind: 'distributed', column: 'employer_id' },
  employment: { kind: 'distributed', column: 'employer_id' },
  declaration: { kind: 'distributed', column: 'employer_id' },
  declaration_line: { kind: 'distributed', column: 'employer_id' },
  journal_entry: { kind: 'distributed', column: 'employer_id' },
  journal_line: { kind: 'distributed', column: 'employer_id' },
  payment: { kind: 'distributed', column: 'employer_id' },
  payment_allocation: { kind: 'distributed', column: 'employer_id' },
  idempotency_request: { kind: 'distributed', column: 'employer_id' },
  insurance_record: { kind: 'distributed', column: 'member_id' },
  self_employed_affiliation: { kind: 'distributed', column: 'member_id' },
  exchange_rate: { kind: 'reference' },
  // Claims (migration 0006): with the member, like the insurance record they read.
  claim: { kind: 'distributed', column: 'member_id' },
  claim_event: { kind: 'distributed', column: 'member_id' },
  // Paying benefits (migration 0007): payees, entitlements, dues and instructions with the member;
  // the price index, the runs and the benefit ledger (a few entries per run) shared.
  member_payee: { kind: 'distributed', column: 'member_id' },
  price_index: { kind: 'reference' },
  entitlement: { kind: 'distributed', column: 'member_id' },
  benefit_due: { kind: 'distributed', column: 'member_id' },
  benefit_payment: { kind: 'distributed', column: 'member_id' },
  payment_run: { kind: 'reference' },
  benefit_journal_entry: { kind: 'reference' },
  benefit_journal_line: { kind: 'reference' },
  // Grievances (migration 0008): few, read by the Council.
  grievance: { kind: 'reference' },
  grievance_event: { kind: 'reference' },
  // Enrolment (migration 0009): with the households, a reference table.
  assistance_enrolment: { kind: 'reference' },
  // Access to the API (migration 0005): users and their sessions are few and read on every request.
  app_user: { kind: 'reference' },
  app_session: { kind: 'reference' },
} as const satisfies Record<keyof Schema, TableDistribution>;

/** Kysely's own bookkeeping: it would stay a local table on the Citus coordinator. */
export const coordinatorLocalTables: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];

type UniqueIndex = { table_name: string; index_name: string; columns: string[] };
type ForeignKey = {
  table_name: string;
  constraint_name: string;
  foreign_table: string;
  columns: string[];
  foreign_columns: string[];
};

/**
 * The ways the current schema (of the connection's `current_schema()`) would fail to distribute
 * on Citus, as sentences; empty when it is ready. The checks are Citus's own requirements:
 *  - every table has a declared distribution, and every declared table exists;
 *  - a distributed table has its distribution column, and each of its primary keys and unique
 *    constraints or indexes includes that column (uniqueness is enforced per shard);
 *  - a foreign key between distributed tables joins their distribution columns, and both tables
 *    use the same distribution column (so they are co-located);
 *  - a reference table has no foreign key to a distributed table.
 * `db` may be any Kysely instance or transaction, whatever its table types: only catalogs are read.
 */
export async function checkCitusReadiness(
  db: QueryExecutorProvider,
  distribution: Readonly<Record<string, TableDistribution>> = tableDistribution,
): Promise<string[]> {
  const violations: string[] = [];
  const local = new Set(coordinatorLocalTables);

  // Ordinary and partitioned tables; partitions follow their parent's distribution.
  const { rows: tables } = await sql<{ table_name: string }>`
    select c.relname::text as table_name
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema()
       and c.relkind in ('r', 'p')
       and not c.relispartition
     order by 1`.execute(db);
  const tableNames = new Set(tables.map((t) => t.table_name));

  for (const { table_name } of tables) {
    if (local.has(table_name)) continue;
    if (!Object.hasOwn(distribution, table_name)) {
      violations.push(
        `Table ${table_name} has no declared Citus distribution: add it to tableDistribution in src/db/distribution.ts ` +
          '(reference for a small shared table; distributed by person_id or employer_id for person- or employer-level data).',
      );
    }
  }
  for (const table of Object.keys(distribution)) {
    if (!tableNames.has(table)) {
      violations.push(
        `Table ${table} is declared in tableDistribution but does not exist: remove the declaration or add its migration.`,
      );
    }
  }

  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select table_name::text as table_name, column_name::text as column_name
      from information_schema.columns
     where table_schema = current_schema()`.execute(db);
  const hasColumn = (table: string, column: string) =>
    columns.some((c) => c.table_name === table && c.column_name === column);

  const distributedBy = (table: string): DistributionColumn | undefined => {
    const d = Object.hasOwn(distribution, table) ? distribution[table] : undefined;
    return d?.kind === 'distributed' ? d.column : undefined;
  };

  for (const table of tableNames) {
    const column = distributedBy(table);
    if (column && !hasColumn(table, column)) {
      violations.push(`Table ${table} is declared distributed by ${column} but has no column ${column}.`);
    }
  }

  // Unique indexes cover primary keys, unique constraints and bare unique indexes alike. Only key
  // columns count (not INCLUDE columns), since only they take part in uniqueness.
  const { rows: uniques } = await sql<UniqueIndex>`
    select t.relname::text as table_name,
           ic.relname::text as index_name,
           array(select a.attname::text
                   from unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                  where k.ord <= i.indnkeyatts
                  order by k.ord) as columns
      from pg_index i
      join pg_class t on t.oid = i.indrelid
      join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = current_schema()
       and i.indisunique
       and t.relkind in ('r', 'p')
       and not t.relispartition
     order by 1, 2`.execute(db);
  for (const u of uniques) {
    const column = distributedBy(u.table_name);
    if (column && !u.columns.includes(column)) {
      violations.push(
        `Unique index ${u.index_name} on ${u.table_name} (${u.columns.join(', ')}) does not include the distribution column ${column}; ` +
          'Citus enforces uniqueness per shard, so add it to the key.',
      );
    }
  }

  const { rows: foreignKeys } = await sql<ForeignKey>`
    select t.relname::text as table_name,
           con.conname::text as constraint_name,
           ft.relname::text as foreign_table,
           array(select a.attname::text
                   from unnest(con.conkey) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
                  order by k.ord) as columns,
           array(select a.attname::text
                   from unnest(con.confkey) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
                  order by k.ord) as foreign_columns
      from pg_constraint con
      join pg_class t on t.oid = con.conrelid
      join pg_class ft on ft.oid = con.confrelid
      join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = current_schema()
       and con.contype = 'f'
       and not t.relispartition
     order by 1, 2`.execute(db);
  for (const fk of foreignKeys) {
    const from = distributedBy(fk.table_name);
    const to = distributedBy(fk.foreign_table);
    const name = `Foreign key ${fk.constraint_name} (${fk.table_name} -> ${fk.foreign_table})`;
    if (!from && to) {
      violations.push(
        `${name} points from a reference table to a table distributed by ${to}; Citus does not allow this.`,
      );
    } else if (from && to) {
      if (from !== to) {
        violations.push(
          `${name} joins a table distributed by ${from} to one distributed by ${to}; they are not co-located.`,
        );
      } else {
        const joinsDistributionColumns = fk.columns.some(
          (c, i) => c === from && fk.foreign_columns[i] === to,
        );
        if (!joinsDistributionColumns) {
          violations.push(
            `${name} must include ${from} on both sides so the rows it joins live on one shard.`,
          );
        }
      }
    }
  }

  return violations;
}
